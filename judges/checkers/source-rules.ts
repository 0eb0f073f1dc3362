/**
 * The acceptance rule of each source tester, as a predicate on (output, expected answer). Each
 * names the file of the source it follows; source-testers.ts turns them into checkers.
 */
import { parseNumber } from "./float.ts";
import { canonicalDecimal, isNumpyClose, isSameDecimal, parsePythonFloat } from "./numbers.ts";
import { splitTokens } from "./text.ts";

/** Python's `str.splitlines()` for text that uses \n, \r\n or \r. */
function splitPythonLines(text: string): string[] {
  const t = text.replace(/\r\n?/g, "\n");
  if (t === "") return [];
  return (t.endsWith("\n") ? t.slice(0, -1) : t).split("\n");
}

/** deepmind/code_contests `execution/tester_sandboxer.cc` OutputsMatch: lower-cased tokens, numbers within 1e-5. */
export function codecontestsAccepts(actual: string, expected: string): boolean {
  const split = (s: string) => s.split(/[ \n\t\r\v]+/).filter(Boolean).map((t) => t.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  const got = split(actual);
  const want = split(expected);
  if (got.length !== want.length) return false;
  return got.every((a, i) => {
    const e = want[i] as string;
    const x = parseNumber(a);
    const y = parseNumber(e);
    if (x === null || y === null) return a === e;
    return Math.abs(x - y) < 1e-5;
  });
}

/**
 * hendrycks/apps `eval/testing_util.py` (standard input): stripped text equal (lines joined as
 * printed, or each stripped); the non-empty stripped lines equal; or every line one float, allclose.
 */
export function appsAccepts(actual: string, expected: string): boolean {
  const lines = splitPythonLines(actual);
  const want = expected.trim();
  if (lines.join("\n").trim() === want || lines.map((l) => l.trim()).join("\n").trim() === want) return true;
  const wantLines = expected.split("\n").filter((l) => l.length > 0).map((l) => l.trim());
  const gotLines = lines.filter((l) => l.length > 0);
  if (gotLines.length === wantLines.length && gotLines.every((l, i) => l === wantLines[i])) return true;
  if (gotLines.length !== wantLines.length) return false;
  return gotLines.every((l, i) => {
    const x = parsePythonFloat(l);
    const y = parsePythonFloat(wantLines[i] as string);
    return x !== null && y !== null && isNumpyClose(x, y);
  });
}

/** LiveCodeBench `lcb_runner/evaluation/testing_util.py` get_stripped_lines. */
export function lcbLines(text: string): string[] {
  return text.trim().split("\n").map((l) => l.trim());
}

/** LiveCodeBench grade_stdio: same line count; each line equal, or its tokens equal as Decimals. */
export function livecodebenchAccepts(actual: string, expected: string): boolean {
  const got = lcbLines(actual);
  const want = lcbLines(expected);
  if (got.length !== want.length) return false;
  return got.every((line, i) => {
    const w = want[i] as string;
    if (line === w) return true;
    const a = line.split(/\s+/).filter(Boolean);
    const b = w.split(/\s+/).filter(Boolean);
    if (a.some((t) => canonicalDecimal(t) === null) || b.some((t) => canonicalDecimal(t) === null)) return false;
    return a.length === b.length && a.every((t, j) => isSameDecimal(t, b[j] as string));
  });
}

/**
 * open-r1's Codeforces grader without a checker (guipenedo/piston `packages/codeforces/1.0.0/run`,
 * normalize_output): the words yes/no upper-cased, whitespace collapsed, then compared.
 */
export function openr1Accepts(actual: string, expected: string): boolean {
  const norm = (s: string) => splitTokens(s.replace(/\byes\b/gi, "YES").replace(/\bno\b/gi, "NO"));
  const got = norm(actual);
  const want = norm(expected);
  return got.length === want.length && got.every((t, i) => t === want[i]);
}

/**
 * agentica-project/rllm `rllm/rewards/code_utils/taco.py` stripped_string_compare: stripped text
 * equal, or both one float and isclose, or the non-empty lines with the same tokens, numbers isclose.
 */
export function rllmAccepts(actual: string, expected: string): boolean {
  const a = actual.trim();
  const e = expected.trim();
  if (a === e) return true;
  const x = parsePythonFloat(a);
  const y = parsePythonFloat(e);
  if (x !== null && y !== null) return isNumpyClose(x, y);
  const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);
  const got = lines(a);
  const want = lines(e);
  if (got.length !== want.length) return false;
  return got.every((line, i) => {
    const gt = line.split(/\s+/).filter(Boolean);
    const wt = (want[i] as string).split(/\s+/).filter(Boolean);
    if (gt.length !== wt.length) return false;
    return gt.every((t, j) => {
      const w = wt[j] as string;
      if (t === w) return true;
      const p = parsePythonFloat(t);
      const q = parsePythonFloat(w);
      return p !== null && q !== null && isNumpyClose(p, q);
    });
  });
}

