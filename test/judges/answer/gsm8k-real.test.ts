/**
 * The answer judge on the real GSM8K test set (1319 rows, openai/grade-school-math, MIT), with
 * completions written in the styles models use, each built from the row's own worked solution
 * and answer. Beside our verdicts: what lm-evaluation-harness's strict and flexible extractors
 * score on the same completions (lm-eval-extractors.ts), so the difference is on record.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { judgeAnswer } from "../../../judges/answer/index.ts";
import { GSM8K_TEST_JSONL } from "../../support/real-data.ts";
import { flexibleExtract, lmEvalExactMatch, strictMatch } from "./lm-eval-extractors.ts";

interface Row {
  question: string;
  answer: string;
}

const rows: Row[] = readFileSync(GSM8K_TEST_JSONL, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Row);

/** The worked solution without its `#### N` line and calculator annotations, as a model writes it. */
function reasoningOf(row: Row): string {
  return row.answer.slice(0, row.answer.lastIndexOf("####")).replace(/<<[^>]*>>/g, "").trim();
}

/** The final answer as the row writes it (`1,450,000`) and as a plain integer. */
function finalOf(row: Row): { written: string; value: bigint } {
  const written = row.answer.slice(row.answer.lastIndexOf("####") + 4).trim();
  return { written, value: BigInt(written.replace(/,/g, "")) };
}

/** Thousands separators and, for negatives, the Unicode minus (U+2212). */
function typeset(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0n ? `\u2212${digits}` : digits;
}

/** Completion styles, each correct (`ok: true`) or wrong on purpose. */
const STYLES: Record<string, { ok: boolean; write: (row: Row) => string }> = {
  reference: { ok: true, write: (r) => r.answer },
  headings: { ok: true, write: (r) => `#### Step 1: Work it out\n${reasoningOf(r)}\n#### Step 2: Answer\nThe answer is ${finalOf(r).value}.` },
  noteAfter: { ok: true, write: (r) => `${reasoningOf(r)}\nThe answer is ${finalOf(r).value}.\n\n(Note: this assumes a 7-day week.)` },
  boxed: { ok: true, write: (r) => `${reasoningOf(r)}\nSo the final answer is $\\boxed{${finalOf(r).written}}$.` },
  typeset: { ok: true, write: (r) => `${reasoningOf(r)}\n**Final answer:** ${typeset(finalOf(r).value)}` },
  percent: { ok: true, write: (r) => `${reasoningOf(r)}\nThe answer is ${finalOf(r).value}%.` },
  correctedWrong: { ok: false, write: (r) => `${reasoningOf(r)}\nThe answer is ${finalOf(r).value + 1n}, not ${finalOf(r).value}.` },
};

/** How many rows each scorer calls correct for one style. */
function score(style: keyof typeof STYLES, subset: Row[] = rows): { ours: number; strict: number; flexible: number } {
  const tally = { ours: 0, strict: 0, flexible: 0 };
  for (const row of subset) {
    const completion = STYLES[style]!.write(row);
    if (judgeAnswer(completion, finalOf(row).written).verdict === "AC") tally.ours++;
    if (lmEvalExactMatch(strictMatch(completion), row.answer)) tally.strict++;
    if (lmEvalExactMatch(flexibleExtract(completion), row.answer)) tally.flexible++;
  }
  return tally;
}

describe("answer mode on the real GSM8K test set", () => {
  test("reads all 1319 rows, every final answer an integer", () => {
    expect(rows).toHaveLength(1319);
    expect(rows.every((r) => /^-?[\d,]+$/.test(finalOf(r).written))).toBe(true);
  });

  // Measured on the 1319 rows: [ours, lm-eval strict-match, lm-eval flexible-extract] counts of AC.
  const cases: [string, keyof typeof STYLES, (r: Row) => boolean, [number, number, number]][] = [
    ["the reference solutions themselves (#### N)", "reference", () => true, [1319, 1319, 1319]],
    ["Markdown headings #### Step 1 / #### Step 2 before 'The answer is N.'", "headings", () => true, [1319, 0, 1319]],
    ["'The answer is N.' followed by a note with another number", "noteAfter", () => true, [1319, 0, 20]],
    ["'the final answer is $\\boxed{N}$.'", "boxed", () => true, [1319, 0, 0]],
    ["'**Final answer:** N' with thousands separators", "typeset", (r) => finalOf(r).value >= 1000n, [131, 0, 131]],
    ["'**Final answer:** \u2212N' with the Unicode minus", "typeset", (r) => finalOf(r).value < 0n, [2, 0, 0]],
    ["'The answer is N%.' on the rows that ask about percentages", "percent", (r) => /percent|%/i.test(r.question), [183, 0, 183]],
  ];
  for (const [what, style, pick, [ours, strict, flexible]] of cases) {
    test(`scores correct completions AC: ${what}`, () => {
      const subset = rows.filter(pick);
      expect(score(style, subset)).toEqual({ ours, strict, flexible });
      expect(ours).toBe(subset.length);
    });
  }

  test("scores 'The answer is N+1, not N.' WA on every row, where flexible-extract calls all of them correct", () => {
    expect(score("correctedWrong")).toEqual({ ours: 0, strict: 0, flexible: 1319 });
  });
});
