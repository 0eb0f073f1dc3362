import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import { countTests, formatStats, inspectProblems } from "../../../datasets/prepare/inspect.ts";
import { makeProblem } from "./problems.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const HUMANEVAL = HUMANEVAL_GZ;

describe("inspectProblems", () => {
  const problems = [
    makeProblem("a", { source: "codeforces", difficulty: "A", rating: 800, tags: ["math", "greedy"], tests: Array(3).fill({ input: "", output: "", kind: "public" }) }),
    makeProblem("b", { source: "codeforces", difficulty: "B", rating: 1200, tags: ["math"], tests: Array(10).fill({ input: "", output: "", kind: "private" }) }),
    makeProblem("c", { source: "atcoder", rating: 800, checker: { type: "testlib", source: "x" }, solutions: [{ language: "cpp", code: "" }] }),
    makeProblem("d", { mode: "function", tests: [], test_code: "assert True", languages: ["python"] }),
  ];
  const stats = inspectProblems(problems, "canonical");

  test("histograms sources, difficulties, ratings and tags, counting missing values as (none)", () => {
    expect(stats.problems).toBe(4);
    expect(stats.sources).toEqual({ codeforces: 2, "(none)": 1, atcoder: 1 });
    expect(stats.difficulties).toEqual({ "(none)": 2, A: 1, B: 1 });
    expect(stats.ratings).toEqual({ "800": 2, "1200": 1 });
    expect(stats.tags).toEqual({ math: 2, greedy: 1 });
    expect(stats.modes).toEqual({ stdio: 3, function: 1 });
  });

  test("summarises tests per problem, a function problem's test_code counting as one test", () => {
    expect(problems.map(countTests)).toEqual([3, 10, 1, 1]);
    expect(stats.tests).toMatchObject({ min: 1, median: 2, max: 10, total: 15 });
    expect(stats.tests.byKind).toEqual({ private: 10, public: 3, unlabelled: 1 });
  });

  test("reports checker programs, solutions and which optional fields are present", () => {
    expect(stats.checkers).toEqual({ tokens: 3, testlib: 1 });
    expect(stats.programCheckers).toBe(1);
    expect(stats.withSolutions).toBe(1);
    expect(stats.fields).toMatchObject({ rating: 3, difficulty: 2, test_code: 1, solutions: 1 });
    const text = formatStats(stats, "header");
    expect(text).toContain("rating:      800 2, 1200 1");
    expect(text).toContain("checker programs: 1");
  });

  test("counts interactive problems and those without an interactor, which eval excludes", () => {
    const s = inspectProblems(
      [makeProblem("i", { interactive: true }), makeProblem("j", { interactive: true, interactor: { source: "int main(){}" } }), makeProblem("k")],
      "canonical",
    );
    expect([s.interactive, s.unjudgeable, s.fields.interactor]).toEqual([2, 1, 1]);
    expect(formatStats(s, "x")).toContain("interactive: 2 (without an interactor, excluded from scores: 1)");
  });

  test("on HumanEval: 164 function-mode Python problems, each with test code and a reference solution", async () => {
    const he = await loadAll({ path: HUMANEVAL });
    const s = inspectProblems(he.problems, he.format);
    expect(s.format).toBe("humaneval");
    expect(s.problems).toBe(164);
    expect(s.modes).toEqual({ function: 164 });
    expect(s.sources).toEqual({ humaneval: 164 });
    expect(s.tests).toMatchObject({ min: 1, median: 1, max: 1, total: 164 });
    expect(s.withSolutions).toBe(164);
    expect(s.solutionLanguages).toEqual({ python: 164 });
  });
});
