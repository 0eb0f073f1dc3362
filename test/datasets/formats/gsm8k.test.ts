import { describe, expect, test } from "bun:test";
import { gsm8kFormat } from "../../../datasets/formats/gsm8k.ts";
import { loadAll } from "../../../datasets/load.ts";
import { judgeAnswer } from "../../../judges/answer/index.ts";
import { catchDatasetError, toJsonl, useTempDir } from "../temp-files.ts";

// The first three rows of the real GSM8K test set (openai/grade-school-math, MIT), byte for byte.
const FIXTURE = new URL("../fixtures/gsm8k.jsonl", import.meta.url).pathname;
const tmp = useTempDir();
const at = { file: "gsm8k/test.jsonl", line: 6 };

describe("gsm8k format", async () => {
  const dataset = await loadAll({ path: FIXTURE });

  test("auto-detects GSM8K rows as answer problems numbered by row", () => {
    expect(dataset.format).toBe("gsm8k");
    expect(dataset.problems.map((p) => [p.id, p.mode, p.answer])).toEqual([
      ["gsm8k/1", "answer", "18"],
      ["gsm8k/2", "answer", "3"],
      ["gsm8k/3", "answer", "70000"],
    ]);
    expect(dataset.problems[0]?.statement).toStartWith("Janet’s ducks lay 16 eggs per day.");
    expect(dataset.problems[0]?.languages).toEqual([]);
  });

  test("the stored answer is what the answer judge compares against", () => {
    const [ducks, , house] = dataset.problems;
    expect(judgeAnswer("16 - 3 - 4 = 9 eggs, sold at $2: 9 * 2 = 18.", ducks?.answer ?? "").verdict).toBe("AC");
    expect(judgeAnswer("His profit is $70,000.", house?.answer ?? "").verdict).toBe("AC");
    expect(judgeAnswer("He bought it for $80,000.", house?.answer ?? "").verdict).toBe("WA");
  });

  test("rejects a final answer that is not a number, naming the field", async () => {
    const err = await catchDatasetError(() => gsm8kFormat.convert({ question: "q?", answer: "so\n#### seven" }, at));
    expect([err.field, err.line]).toEqual(["answer", 6]);
    expect(err.message).toContain('the final answer "seven" is not a number');
  });

  test("rejects a row without the #### marker when the format is forced", async () => {
    expect((await catchDatasetError(() => gsm8kFormat.convert({ question: "q?", answer: "7" }, at))).field).toBe("answer");
    expect(gsm8kFormat.detect({ question: "q?", answer: "7" })).toBe(false);
  });

  test("skipInvalid counts the rows it skips", async () => {
    const rows = [{ question: "a?", answer: "#### 1" }, { question: "b?", answer: "#### x" }, { question: "c?", answer: "#### 3" }];
    const loaded = await loadAll({ path: tmp.write("g.jsonl", toJsonl(rows)), skipInvalid: true, onInvalid: () => {} });
    expect([loaded.problems.map((p) => p.id), loaded.invalid]).toEqual([["gsm8k/1", "gsm8k/3"], 1]);
  });
});
