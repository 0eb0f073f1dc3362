/** pass@k with and without the problems flagged needs_checker (several valid answers, no checker program). */
import { describe, expect, test } from "bun:test";
import { summarizeRun } from "../../../harness/metrics/summarize.ts";

const sample = (problemId: string, verdict: string) => ({ problemId, verdict, compileOk: null, timeMs: 1 });

describe("needs_checker in run metrics", () => {
  test("pass@k is reported over all problems and over those a comparison can decide", () => {
    const problems = [{ id: "plain" }, { id: "any-answer", needs_checker: true }];
    const m = summarizeRun([sample("plain", "AC"), sample("any-answer", "WA")], problems, [1]);
    expect(m.pass_at_k["1"]).toBe(0.5);
    expect(m.needs_checker).toBe(1);
    expect(m.pass_at_k_without_needs_checker["1"]).toBe(1);
  });

  test("without flagged problems both figures are the same", () => {
    const m = summarizeRun([sample("a", "AC"), sample("b", "WA")], [{ id: "a" }, { id: "b", needs_checker: false }], [1]);
    expect(m.needs_checker).toBe(0);
    expect(m.pass_at_k_without_needs_checker).toEqual(m.pass_at_k);
  });
});
