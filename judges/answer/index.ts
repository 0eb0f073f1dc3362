/**
 * The answer judge: problems whose answer is a number, not a program (mode "answer", GSM8K). A
 * completion is AC when its final number equals the expected one, WA when it is another number,
 * and NO_CODE (the verdict for "the sample gave nothing to judge") when it states no number.
 */
import { HarnessError } from "../errors.ts";
import type { Verdict } from "../types.ts";
import { extractFinalNumber, normaliseNumber } from "./number.ts";

export { extractFinalNumber, normaliseNumber } from "./number.ts";

export interface AnswerJudgement {
  verdict: Extract<Verdict, "AC" | "WA" | "NO_CODE">;
  /** The completion's final number, canonicalised; null when it had none. */
  extracted: string | null;
  /** The expected answer, canonicalised. */
  expected: string;
}

/** A problem's expected answer that is not a number: a dataset error, never the sample's fault. */
export class InvalidExpectedAnswerError extends HarnessError {
  constructor(readonly expected: string) {
    super(`expected answer ${JSON.stringify(expected)} is not a number`, "dataset");
    this.name = "InvalidExpectedAnswerError";
  }
}

/** Judges a completion against the expected numeric answer. */
export function judgeAnswer(completion: string, expected: string): AnswerJudgement {
  const want = normaliseNumber(expected);
  if (want === null) throw new InvalidExpectedAnswerError(expected);
  const got = extractFinalNumber(completion);
  if (got === null) return { verdict: "NO_CODE", extracted: null, expected: want };
  return { verdict: got === want ? "AC" : "WA", extracted: got, expected: want };
}
