/**
 * The answer judge: problems whose answer is a number, not a program (mode "answer", GSM8K). A
 * completion is AC when the number it gives as its answer (extract.ts: explicit statements first)
 * equals the expected one, WA when it is another number, and NO_CODE (the verdict for "the sample
 * gave nothing to judge") when it states no number. A percentage `p%` matches both `p` (GSM8K
 * states "what percent" answers as the bare number) and `p/100` (datasets that answer fractions).
 */
import { HarnessError } from "../errors.ts";
import type { Verdict } from "../types.ts";
import { extractAnswer, type AnswerSource } from "./extract.ts";
import { formatRational, parseNumber, percentOf } from "./number.ts";

export { extractAnswer, type AnswerSource, type ExtractedAnswer } from "./extract.ts";
export { normaliseNumber, parseNumber } from "./number.ts";

export interface AnswerJudgement {
  verdict: Extract<Verdict, "AC" | "WA" | "NO_CODE">;
  /** The completion's answer, canonicalised (`50%` when written as a percentage); null when it had none. */
  extracted: string | null;
  /** The expected answer, canonicalised. */
  expected: string;
  /** Which rule of the precedence found the answer. */
  source?: AnswerSource;
}

/** A problem's expected answer that is not a number: a dataset error, never the sample's fault. */
export class InvalidExpectedAnswerError extends HarnessError {
  constructor(readonly expected: string) {
    super(`expected answer ${JSON.stringify(expected)} is not a number`, "dataset");
    this.name = "InvalidExpectedAnswerError";
  }
}

/** The canonical text of the number a completion gives as its answer, or null. */
export function extractFinalNumber(completion: string): string | null {
  const got = extractAnswer(completion);
  return got ? formatRational(got.value) : null;
}

/** Judges a completion against the expected numeric answer. */
export function judgeAnswer(completion: string, expected: string): AnswerJudgement {
  const parsed = parseNumber(expected);
  if (parsed === null) throw new InvalidExpectedAnswerError(expected);
  const want = formatRational(parsed.value);
  const got = extractAnswer(completion);
  if (got === null) return { verdict: "NO_CODE", extracted: null, expected: want };
  const value = formatRational(got.value);
  const match = value === want || (got.percent && formatRational(percentOf(got.value)) === want);
  return { verdict: match ? "AC" : "WA", extracted: got.percent ? `${value}%` : value, expected: want, source: got.source };
}
