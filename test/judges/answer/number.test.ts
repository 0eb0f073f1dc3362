import { describe, expect, test } from "bun:test";
import { findNumbers, formatRational, normaliseNumber, parseNumber, plainLatexNumbers } from "../../../judges/answer/number.ts";

describe("normaliseNumber", () => {
  test("drops commas, dollar signs and a trailing period, and trailing fractional zeros", () => {
    expect(["1,000", "$1,000.50", "12.", "3.0", "3.50", "007", ".5", "-$5", "- 0.0"].map(normaliseNumber)).toEqual([
      "1000",
      "1000.5",
      "12",
      "3",
      "3.5",
      "7",
      "0.5",
      "-5",
      null,
    ]);
  });

  test("writes minus zero as zero and keeps big numbers exact", () => {
    expect(normaliseNumber("-0")).toBe("0");
    expect(normaliseNumber("-0.000")).toBe("0");
    expect(normaliseNumber("123456789012345678901234567890.10")).toBe("123456789012345678901234567890.1");
  });

  test("reads the Unicode minus sign (U+2212) as a minus", () => {
    expect(normaliseNumber("\u22123")).toBe("-3");
    expect(normaliseNumber("\u22122.50")).toBe("-2.5");
  });

  test("divides fractions out, exactly, and keeps the ones with no finite decimal as reduced fractions", () => {
    expect(["1/2", "\\frac{1}{2}", "\\dfrac{3}{4}", "6/4", "2/6", "-1/3", "10/5"].map(normaliseNumber)).toEqual(["0.5", "0.5", "0.75", "1.5", "1/3", "-1/3", "2"]);
    expect(normaliseNumber("1/0")).toBeNull();
  });

  test("reads a percentage as its number and says it was one", () => {
    expect(normaliseNumber("50%")).toBe("50");
    expect(parseNumber("12.5 %")?.percent).toBe(true);
    expect(parseNumber("12.5")?.percent).toBe(false);
  });

  test("rejects text that is not exactly one number", () => {
    expect(["abc", "", "1,00", "3.14.15", "1 2", "$", "-"].map(normaliseNumber)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe("findNumbers", () => {
  const texts = (s: string) => findNumbers(plainLatexNumbers(s)).map((n) => `${formatRational(n.value)}${n.percent ? "%" : ""}`);

  test("finds signed, separated, decimal and dollar numbers in prose, not the minus of a subtraction", () => {
    expect(texts("5 - 3 = 2, then x = -4.50 and $1,250 for 12 people.")).toEqual(["5", "3", "2", "-4.5", "1250", "12"]);
  });

  test("reads fractions, LaTeX fractions, thousands in LaTeX and percentages", () => {
    expect(texts("half is 1/2 or \\frac{1}{2}; 1{,}000 and 2\\,500; 50\\% and 75 %")).toEqual(["0.5", "0.5", "1000", "2500", "50%", "75%"]);
  });

  test("keeps the number of a unit written against it, and skips dates", () => {
    expect(texts("18km in 3/4/2020")).toEqual(["18"]);
  });
});
