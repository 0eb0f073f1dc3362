import { describe, expect, test } from "bun:test";
import { InvalidExpectedAnswerError, judgeAnswer } from "../../../judges/answer/index.ts";

describe("judgeAnswer", () => {
  test("accepts the expected number however it is written", () => {
    expect(judgeAnswer("So she has $1,325.00 in total.", "1325")).toEqual({ verdict: "AC", extracted: "1325", expected: "1325", source: "last-number" });
    expect(judgeAnswer("#### 3.0", "3").verdict).toBe("AC");
    expect(judgeAnswer("The answer is \\boxed{-2.5}.", "-2.50").verdict).toBe("AC");
    expect(judgeAnswer("The answer is \u22123.", "-3").verdict).toBe("AC");
  });

  test("accepts 1/2 and \\frac{1}{2} against 0.5", () => {
    expect(judgeAnswer("The answer is 1/2.", "0.5").verdict).toBe("AC");
    expect(judgeAnswer("\\boxed{\\frac{1}{2}}", "0.5").verdict).toBe("AC");
    expect(judgeAnswer("The answer is 1/3.", "0.33").verdict).toBe("WA");
  });

  test("accepts a percentage against its number and against its fraction, and nothing else", () => {
    expect(judgeAnswer("The answer is 50%.", "50")).toEqual({ verdict: "AC", extracted: "50%", expected: "50", source: "statement" });
    expect(judgeAnswer("The answer is 50%.", "0.5").verdict).toBe("AC");
    expect(judgeAnswer("The answer is 50%.", "5").verdict).toBe("WA");
    expect(judgeAnswer("The answer is 50.", "0.5").verdict).toBe("WA");
  });

  test("calls another number wrong, reporting what it read", () => {
    expect(judgeAnswer("Therefore 7 loaves remain... wait, 8.", "7")).toEqual({ verdict: "WA", extracted: "8", expected: "7", source: "last-number" });
    expect(judgeAnswer("The answer is 19, not 18.", "18").verdict).toBe("WA");
    expect(judgeAnswer("2.5", "-2.5").verdict).toBe("WA");
  });

  test("gives NO_CODE when the completion states no number", () => {
    expect(judgeAnswer("I am not sure how to solve this.", "7")).toEqual({ verdict: "NO_CODE", extracted: null, expected: "7" });
  });

  test("throws a typed error when the expected answer itself is not a number", () => {
    expect(() => judgeAnswer("7", "seven")).toThrow(InvalidExpectedAnswerError);
    expect(() => judgeAnswer("7", "seven")).toThrow('expected answer "seven" is not a number');
  });
});
