/** The function-mode bench corpus: real HumanEval rows, unique samples, about 60% written correct. */
import { describe, expect, test } from "bun:test";
import { generateFunctionCorpus } from "../../../harness/bench/function-corpus.ts";

describe("generateFunctionCorpus", () => {
  test("builds 10 samples for each of HumanEval's 164 problems, all different, 60% written correct", async () => {
    const corpus = await generateFunctionCorpus();
    expect(corpus.problems).toHaveLength(164);
    expect(corpus.submissions).toHaveLength(1640);
    expect(new Set(corpus.submissions.map((s) => s.completion)).size).toBe(1640);
    const count = (intent: string) => corpus.submissions.filter((s) => s.intent === intent).length;
    expect(count("AC")).toBe(984);
    expect(count("TLE")).toBe(4);
    expect(count("WA") + count("RE") + count("CE") + count("TLE")).toBe(656);
    expect(corpus.submissions.every((s) => s.language === "python" && s.duplicateOf === null)).toBe(true);
  });

  test("gives each problem its samples in turn, the canonical solution's body behind a mark", async () => {
    const corpus = await generateFunctionCorpus({ submissions: 170 });
    expect(corpus.submissions).toHaveLength(170);
    expect(corpus.submissions[0]?.problemId).toBe("HumanEval/0");
    expect(corpus.submissions[164]?.problemId).toBe("HumanEval/0");
    const first = corpus.submissions[0]!;
    const problem = corpus.problems[0]!;
    expect(first.completion.startsWith("    # sample 0 of HumanEval/0\n")).toBe(true);
    expect(problem.solution_prefix + first.completion.replace("    # sample 0 of HumanEval/0\n", "")).toBe(problem.solutions?.[0]?.code ?? "");
  });
});
