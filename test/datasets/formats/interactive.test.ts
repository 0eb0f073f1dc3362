import { describe, expect, test } from "bun:test";
import { appsFormat } from "../../../datasets/formats/apps.ts";
import { codecontestsFormat } from "../../../datasets/formats/codecontests.ts";
import { looksInteractive } from "../../../datasets/formats/interactive.ts";
import { loadAll } from "../../../datasets/load.ts";

// Six rows cut unmodified from rllm's test files (origin and licence in rllm-interactive.README.md):
// codeforces rows 205 and 150 (interactive), 199 (not); code_contests rows 72 and 130 (interactive), 6 (not).
const FIXTURE = new URL("../fixtures/rllm-interactive.jsonl", import.meta.url).pathname;

describe("recognising interactive problems", () => {
  test("the real rllm rows that are interactive are marked so, and the others are not", async () => {
    const loaded = await loadAll({ path: FIXTURE });
    expect(loaded.format).toBe("deepcoder");
    expect(loaded.problems.map((p) => [p.id, p.interactive ?? false])).toEqual([
      ["deepcoder/1", true],
      ["deepcoder/2", true],
      ["deepcoder/3", false],
      ["deepcoder/4", true],
      ["deepcoder/5", true],
      ["deepcoder/6", false],
    ]);
    // Their "expected outputs" are dialogue transcripts, which is why they must not be judged as stdio.
    expect(loaded.problems[0]?.tests[0]?.output).toContain("? 3 5");
  });

  test("a Tags list, an Interaction heading or the Codeforces sentence marks a statement; the word alone in a story does not", () => {
    expect(looksInteractive("Story.\n\nTags:\n['binary search', 'interactive']\n\nTime Limit: 1000 ms")).toBe(true);
    expect(looksInteractive("Legend.\n\nInteraction\n\nFirst read n.")).toBe(true);
    expect(looksInteractive("This is an interactive problem. You are given...")).toBe(true);
    expect(looksInteractive("An interactive museum has n rooms.\n\nInput\n\nn")).toBe(false);
    expect(looksInteractive("Rooms.", ["Interactive"])).toBe(true);
    expect(looksInteractive("Legend.\n\n-----Interaction-----\n\nFirst read n.")).toBe(true);
    expect(looksInteractive("Legend.\n\n-----Input-----\n\nInteraction with the jury is not needed.")).toBe(false);
  });

  test("APPS/TACO stdio rows are marked by their dashed Interaction heading, call-based ones never", () => {
    const at = { file: "apps.jsonl", line: 3 };
    const io = JSON.stringify({ inputs: ["5\n"], outputs: ["? 1\n! 5\n"] });
    const question = "Guess the number.\n\n-----Interaction-----\n\nAsk ? x.";
    expect(appsFormat.convert({ problem_id: 1, question, input_output: io }, at).interactive).toBe(true);
    expect(appsFormat.convert({ problem_id: 2, question: "Add.\n\n-----Input-----\n\na b", input_output: io }, at).interactive).toBeUndefined();
    const call = JSON.stringify({ inputs: [[1]], outputs: [1], fn_name: "f" });
    expect(appsFormat.convert({ problem_id: 3, question, input_output: call }, at).interactive).toBeUndefined();
  });

  test("CodeContests rows are marked by their Interaction section or their interactive tag", () => {
    const base = { name: "1486_C1. Guessing the Greatest", description: "Find the maximum.\n\nInput\n\nn", public_tests: { input: ["5\n"], output: ["? 1 5\n"] } };
    const at = { file: "test.parquet", line: 1 };
    expect(codecontestsFormat.convert(base, at).interactive).toBeUndefined();
    expect(codecontestsFormat.convert({ ...base, description: `${base.description}\n\nInteraction\n\nAsk ? l r.` }, at).interactive).toBe(true);
    expect(codecontestsFormat.convert({ ...base, cf_tags: ["binary search", "interactive"] }, at).interactive).toBe(true);
  });
});
