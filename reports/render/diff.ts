/**
 * Line diff of an expected and an actual output, for display: jsdiff's Myers diff over lines. Myers
 * costs O((N+M)·D) for D edits, so it stays fast on long outputs that differ a little; past
 * {@link MAX_EDITS} edits the outputs have little in common and the middle is shown as replaced.
 */
import { diffArrays } from "diff";

export type DiffOp =
  | { op: "same"; text: string; a: number; b: number }
  | { op: "del"; text: string; a: number }
  | { op: "add"; text: string; b: number };

/** Edits beyond which the diff gives up and shows every line of the middle as removed, then added. */
const MAX_EDITS = 2000;

/** Diffs `expected` (a) against `actual` (b) line by line; line numbers are 1-based. */
export function diffLines(expected: string, actual: string): DiffOp[] {
  const a = splitLines(expected);
  const b = splitLines(actual);
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDITS });
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  if (!changes) {
    // Too different to align: keep common ends (cheap) and replace the middle.
    let pre = 0;
    while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
    let suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
    for (; i < pre; i++, j++) ops.push({ op: "same", text: a[i] as string, a: i + 1, b: j + 1 });
    for (; i < a.length - suf; i++) ops.push({ op: "del", text: a[i] as string, a: i + 1 });
    for (; j < b.length - suf; j++) ops.push({ op: "add", text: b[j] as string, b: j + 1 });
    for (; i < a.length; i++, j++) ops.push({ op: "same", text: a[i] as string, a: i + 1, b: j + 1 });
    return ops;
  }
  for (const c of changes) {
    for (const text of c.value) {
      if (c.removed) ops.push({ op: "del", text, a: ++i });
      else if (c.added) ops.push({ op: "add", text, b: ++j });
      else ops.push({ op: "same", text, a: ++i, b: ++j });
    }
  }
  return ops;
}

/** Splits text into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
