/** Checkers that ignore layout: `tokens`, `yesno` and `unordered`. They answer only AC or WA. */
import type { CheckResult } from "../types.ts";
import { type PureChecker, describeDifference, findFirstDifference, quote, splitTokens, splitTrimmedLines } from "./text.ts";

/** Compares token lists under `same`, describing the first mismatch. */
export function compareTokens(actual: string, expected: string, same: (a: string, e: string) => boolean): CheckResult {
  // Identical texts have identical tokens: a passing test's output (megabytes for large tests) is
  // compared in one native pass instead of being split into hundreds of thousands of strings.
  if (actual === expected) return { verdict: "AC" };
  const got = splitTokens(actual);
  const want = splitTokens(expected);
  const at = findFirstDifference(got, want, same);
  if (at < 0) return { verdict: "AC" };
  return { verdict: "WA", message: describeDifference("token", at, got, want) };
}

/** Whitespace-separated tokens must be equal; any amount and kind of whitespace separates them. */
export const checkTokens: PureChecker = (actual, expected) => compareTokens(actual, expected, (a, e) => a === e);

/** Tokens compared case-insensitively, for answers like YES/Yes/yes. */
export const checkYesNo: PureChecker = (actual, expected) =>
  compareTokens(actual, expected, (a, e) => a.toLowerCase() === e.toLowerCase());

/** Counts of each line. */
function countLines(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/**
 * Lines as a multiset: any order, each line with trailing whitespace removed, trailing empty lines
 * ignored. Duplicates count.
 */
export const checkUnordered: PureChecker = (actual, expected) => {
  const got = splitTrimmedLines(actual);
  const want = splitTrimmedLines(expected);
  const remaining = countLines(got);
  for (const line of want) {
    const left = remaining.get(line) ?? 0;
    if (left === 0) return { verdict: "WA", message: `expected line ${quote(line)} is missing` };
    remaining.set(line, left - 1);
  }
  for (const [line, left] of remaining) {
    if (left > 0) return { verdict: "WA", message: `unexpected line ${quote(line)}` };
  }
  return { verdict: "AC" };
};
