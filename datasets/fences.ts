/** Markdown fenced code blocks, parsed leniently: models indent fences, omit closers and glue them to code. */

export interface FencedBlock {
  /** Normalised tag: first word of the info string, lower-case ("" when untagged). */
  tag: string;
  content: string;
  closed: boolean;
  /** Character offsets of the whole block (fences included) in the text. */
  start: number;
  end: number;
}

const OPENER = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

/** Returns the fenced blocks of `text` in order. An opener without a closer runs to the end of the text. */
export function findFencedBlocks(text: string): FencedBlock[] {
  const lines = text.split("\n");
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineStart = (i: number): number => starts[i] ?? text.length;
  const lineEnd = (i: number): number => Math.min(lineStart(i) + (lines[i]?.length ?? 0), text.length);

  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPENER.exec(lines[i] ?? "");
    const fence = open?.[2];
    const info = open?.[3] ?? "";
    // CommonMark: a backtick fence's info string has no backticks (that would be inline code).
    if (!open || fence === undefined || (fence.startsWith("`") && info.includes("`"))) {
      i++;
      continue;
    }
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? "";
      if (isCloser(line, fence)) {
        closed = true;
        break;
      }
      // A tagged opener inside a block means the block's closer went missing (or was glued to code).
      if (isTaggedOpener(line, fence)) break;
      body.push(dedent(line, indent));
    }
    let endLine = closed ? j : j - 1;
    if (!closed) {
      // A closer glued to the last code line ("}```") is common; split there rather than run to the end.
      const glued = body.findIndex((l) => l.trimEnd().endsWith(fence));
      if (glued >= 0) {
        const last = body[glued] ?? "";
        body.length = glued + 1;
        body[glued] = last.trimEnd().slice(0, -fence.length);
        if (body[glued]?.trim() === "") body.pop();
        closed = true;
        endLine = i + 1 + glued;
      }
    }
    blocks.push({
      tag: normaliseTag(info),
      content: body.length > 0 ? `${body.join("\n")}\n` : "",
      closed,
      start: lineStart(i),
      end: lineEnd(endLine),
    });
    i = endLine + 1;
  }
  return blocks;
}

/** Removes fenced blocks from the text (for looking at the prose around them). */
export function removeFencedBlocks(text: string, blocks: FencedBlock[]): string {
  let out = "";
  let at = 0;
  for (const b of blocks) {
    out += text.slice(at, b.start);
    at = b.end;
  }
  return out + text.slice(at);
}

function isCloser(line: string, fence: string): boolean {
  const t = line.trim();
  return t.length >= fence.length && t[0] === fence[0] && /^(`+|~+)$/.test(t);
}

function isTaggedOpener(line: string, fence: string): boolean {
  const m = OPENER.exec(line);
  const info = m?.[3]?.trim() ?? "";
  const inner = m?.[2] ?? "";
  return inner[0] === fence[0] && inner.length >= fence.length && info !== "" && !info.includes("`");
}

function dedent(line: string, indent: number): string {
  let k = 0;
  while (k < indent && (line[k] === " " || line[k] === "\t")) k++;
  return line.slice(k);
}

/** "```{.python title=x}" -> "python"; "```cpp:main.cpp" -> "cpp". */
function normaliseTag(info: string): string {
  const word = info.trim().split(/\s+/)[0] ?? "";
  return (word.replace(/^[{.]+/, "").split(/[:},]/)[0] ?? "").toLowerCase();
}
