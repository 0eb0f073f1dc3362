/** The human-eval-style baseline, with the real python3: a pass is exit code 0 of prompt + completion + tests. */
import { describe, expect, test } from "bun:test";
import { generateFunctionCorpus } from "../../../harness/bench/function-corpus.ts";
import { buildCheckProgram, judgeFunctionBaseline } from "../../../harness/bench/function-baseline.ts";

describe("judgeFunctionBaseline", () => {
  test("passes the correct variants and fails the WA, RE and CE ones of HumanEval/1", async () => {
    const full = await generateFunctionCorpus();
    const picked = full.submissions.filter((s) => s.problemId === "HumanEval/1").slice(0, 9);
    const result = await judgeFunctionBaseline({ ...full, submissions: picked });
    expect(result.judgements.map((j) => j.passed)).toEqual(picked.map((s) => s.intent === "AC"));
    expect(picked.map((s) => s.intent)).toEqual(["AC", "AC", "AC", "AC", "AC", "AC", "WA", "RE", "CE"]);
    expect(result.judgements.some((j) => j.timedOut)).toBe(false);
    expect(result.wallMs).toBeGreaterThan(0);
  });

  test("runs the prompt, the completion, then the test code that calls check on the entry point", async () => {
    const corpus = await generateFunctionCorpus({ submissions: 1 });
    const program = buildCheckProgram(corpus.problems[0]!, "    return True\n");
    expect(program.startsWith(corpus.problems[0]!.solution_prefix ?? "")).toBe(true);
    expect(program).toContain("    return True\n\n");
    expect(program.trimEnd().endsWith("check(has_close_elements)")).toBe(true);
  });
});
