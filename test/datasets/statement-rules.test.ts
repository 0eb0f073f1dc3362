/** Statement reading: sentences quoted from real Codeforces/CodeContests statements (rllm test sets). */
import { describe, expect, test } from "bun:test";
import { hasDecimalAnswers, readStatedTolerance, readStatementRules } from "../../datasets/statement-rules.ts";

describe("the error bound a statement states", () => {
  test("reads the exponent in the forms statements write it", () => {
    expect(readStatedTolerance("Your answer will be accepted if the relative or absolute error does not exceed $10^{-6}$.")).toBe(1e-6);
    expect(readStatedTolerance("Your answer is considered correct if its absolute or relative error does not exceed 10^{-4}.")).toBe(1e-4);
    expect(readStatedTolerance("Your answer is considered correct if its absolute or relative error does not exceed $$$10^{-9}$$$.")).toBe(1e-9);
    expect(readStatedTolerance("The absolute error of your answer must not exceed 1e-6.")).toBe(1e-6);
    expect(readStatedTolerance("Answers with an absolute or relative error of at most 10^-3 are accepted.")).toBe(1e-3);
  });

  test("reads a mantissa before the power of ten (AtCoder writes 2 \\times 10^{-3})", () => {
    expect(readStatedTolerance("Your output is judged correct if its absolute or relative error is at most 2 \\times 10^{-3}.")).toBeCloseTo(2e-3, 15);
    expect(readStatedTolerance("The absolute or relative error must not exceed 5 ⋅ 10^{-7}.")).toBeCloseTo(5e-7, 18);
  });

  test("takes the stated bound, not a constraint mentioned before it", () => {
    const s = "It is guaranteed that r ≤ 2 ⋅ 10^5.\n\nYour answer is considered correct if its absolute or relative error does not exceed 10^{-4}.";
    expect(readStatedTolerance(s)).toBe(1e-4);
  });

  test("finds none where no error is mentioned, even when powers of ten are", () => {
    expect(readStatedTolerance("Print the answer modulo $10^9+7$; $1 \\le n \\le 10^{5}$.")).toBeUndefined();
  });
});

describe("any case and several answers", () => {
  test("recognises the usual any-case sentences", () => {
    expect(readStatementRules('You can output "YES" and "NO" in any case (for example, strings "yEs", "yes" and "Yes").').anyCase).toBe(true);
    expect(readStatementRules("You can output the answer in any case (upper or lower).").anyCase).toBe(true);
    expect(readStatementRules("You may output each letter in any case (lowercase or uppercase).").anyCase).toBe(true);
  });

  test("does not take 'in any case' that is part of the problem for an output rule", () => {
    expect(readStatementRules('Print "NO" if it will not be removed in any case.').anyCase).toBe(false);
  });

  test("recognises several-answer sentences", () => {
    expect(readStatementRules("If there are multiple answers, print any of them.").severalAnswers).toBe("print any of them");
    expect(readStatementRules("If there are several possible answers, you may print any of them.").severalAnswers).not.toBeNull();
    expect(readStatementRules("Find any array of integers for which the conditions hold.").severalAnswers).toBe("Find any");
  });

  test("does not flag 'any' that is not about answers", () => {
    expect(readStatementRules("There will be exactly one Impostor but there can be any (possible zero) number of Knights.").severalAnswers).toBeNull();
    expect(readStatementRules("If there are multiple such countries, output the smallest one.").severalAnswers).toBeNull();
  });
});

describe("decimal answers", () => {
  test("expected outputs of numbers with a decimal point are decimal answers", () => {
    expect(hasDecimalAnswers(["112.00000000", "2.5 3"])).toBe(true);
  });

  test("integers only, or words among the numbers, are not", () => {
    expect(hasDecimalAnswers(["1 2\n3"])).toBe(false);
    expect(hasDecimalAnswers(["YES 0.5"])).toBe(false);
  });
});

test("'either YES or NO (in any case)' counts as any case", () => {
  expect(readStatementRules("For each test case, first print either YES or NO (in any case), whether there's a tree.").anyCase).toBe(true);
});
