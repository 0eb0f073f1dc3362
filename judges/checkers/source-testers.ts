/**
 * The comparisons of published datasets' own testers, as pure checkers (README.md, "Checker
 * policy", names the source file each one follows). Each can be widened by what the
 * problem's statement grants (`fold_case`, `abs`/`rel`): the source's rule decides first, and an
 * output it rejects is still AC when it differs from the answer only in a way the statement allows.
 *
 * Where a tester accepts outputs that are wrong (APPS's and rllm's set comparisons, rllm's skip of
 * unequal words), that acceptance is left out: it would score wrong programs AC.
 */
import type { CheckResult } from "../types.ts";
import { isWithinTolerance, parseNumber } from "./float.ts";
import { appsAccepts, codecontestsAccepts, lcbLines, livecodebenchAccepts, openr1Accepts, rllmAccepts } from "./source-rules.ts";
import { type PureChecker, describeDifference, findFirstDifference, splitTokens } from "./text.ts";

/** The testers whose comparison is a checker here. */
export const SOURCE_TESTERS = ["codecontests", "apps", "livecodebench", "openr1", "rllm"] as const;
export type SourceTester = (typeof SOURCE_TESTERS)[number];

/** What a statement grants beyond the tester's rule: any letter case, a numeric tolerance. */
export interface Leniency {
  fold_case?: boolean;
  abs?: number;
  rel?: number;
}

/** Token equality under a statement's leniency. */
function isLenientSame(a: string, e: string, len: Leniency): boolean {
  if (a === e) return true;
  if (len.fold_case && a.toLowerCase() === e.toLowerCase()) return true;
  if (len.abs === undefined && len.rel === undefined) return false;
  const want = parseNumber(e);
  const got = parseNumber(a);
  return want !== null && got !== null && isWithinTolerance(got, want, len.abs ?? 0, len.rel ?? 0);
}

function hasLeniency(len: Leniency): boolean {
  return Boolean(len.fold_case) || len.abs !== undefined || len.rel !== undefined;
}

/** WA naming the first token that differs under `same`. */
function tokensResult(got: string[], want: string[], same: (a: string, e: string) => boolean, rule: string): CheckResult {
  const at = findFirstDifference(got, want, same);
  if (at < 0) return { verdict: "AC" };
  return { verdict: "WA", message: `${describeDifference("token", at, got, want)} (${rule})` };
}

/** Non-empty lines, each stripped: the line structure APPS and rllm keep. */
function splitContentLines(text: string): string[] {
  return text.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
}

/**
 * The source rule, then (when the statement grants any) the statement's leniency on tokens. A
 * tester that compares lines (`byLines`) keeps its line structure under the leniency: only the
 * tokens within a line are compared leniently.
 */
function withLeniency(len: Leniency, rule: string, sourceAccepts: (actual: string, expected: string) => boolean, byLines = false): PureChecker {
  return (actual, expected) => {
    if (sourceAccepts(actual, expected)) return { verdict: "AC" };
    const same = hasLeniency(len) ? (a: string, e: string) => isLenientSame(a, e, len) : (a: string, e: string) => a === e;
    if (byLines && hasLeniency(len)) {
      const got = splitContentLines(actual);
      const want = splitContentLines(expected);
      if (got.length !== want.length) {
        const at = findFirstDifference(got, want, (a, e) => a === e);
        return { verdict: "WA", message: `${describeDifference("line", Math.max(0, at), got, want)} (${rule})` };
      }
      for (const [i, line] of got.entries()) {
        const r = tokensResult(splitTokens(line), splitTokens(want[i] as string), same, rule);
        if (r.verdict !== "AC") return { verdict: "WA", message: `line ${i + 1}: ${r.message ?? ""}` };
      }
      return { verdict: "AC" };
    }
    const result = tokensResult(splitTokens(actual), splitTokens(expected), same, rule);
    // Tokens equal but the source rejected the layout (or case, or digits): the source's WA stands.
    return result.verdict === "AC" && !hasLeniency(len) ? { verdict: "WA", message: `rejected by the ${rule}` } : result;
  };
}

/** LiveCodeBench under a statement's leniency: the line structure still holds, tokens compare leniently. */
function livecodebenchChecker(len: Leniency): PureChecker {
  const rule = "LiveCodeBench's comparison: same lines, numbers as decimals";
  return (actual, expected) => {
    if (livecodebenchAccepts(actual, expected)) return { verdict: "AC" };
    const got = lcbLines(actual);
    const want = lcbLines(expected);
    if (!hasLeniency(len) || got.length !== want.length) {
      const at = findFirstDifference(got, want, (a, e) => a === e);
      return { verdict: "WA", message: `${describeDifference("line", Math.max(0, at), got, want)} (${rule})` };
    }
    for (const [i, line] of got.entries()) {
      const r = tokensResult(splitTokens(line), splitTokens(want[i] as string), (a, e) => isLenientSame(a, e, len), rule);
      if (r.verdict !== "AC") return { verdict: "WA", message: `line ${i + 1}: ${r.message ?? ""}` };
    }
    return { verdict: "AC" };
  };
}

/** Builds the checker of one source tester, widened by the statement's leniency. */
export function createSourceChecker(tester: SourceTester, len: Leniency = {}): PureChecker {
  switch (tester) {
    case "codecontests":
      return withLeniency(len, "CodeContests' comparison: lower-cased tokens, numbers within 1e-5", codecontestsAccepts);
    case "apps":
      return withLeniency(len, "APPS' comparison: stripped lines, floats allclose", appsAccepts, true);
    case "livecodebench":
      return livecodebenchChecker(len);
    case "openr1":
      return withLeniency(len, "open-r1's comparison: tokens, yes/no in any case", openr1Accepts);
    case "rllm":
      return withLeniency(len, "rllm's comparison: stripped lines and tokens, floats isclose", rllmAccepts, true);
  }
}
