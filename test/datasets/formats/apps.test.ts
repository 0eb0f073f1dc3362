import { describe, expect, test } from "bun:test";
import { appsFormat } from "../../../datasets/formats/apps.ts";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { catchDatasetError, toJsonl, useTempDir } from "../temp-files.ts";
import { failingStdioTests, lastErrorLine, runWithTestCode } from "./python-run.ts";

const FIXTURE = new URL("../fixtures/apps.jsonl", import.meta.url).pathname;
const tmp = useTempDir();
const at = { file: "apps.jsonl", line: 9 };
const stdioRow = {
  problem_id: 7,
  question: "Echo.",
  solutions: JSON.stringify(["print(input())"]),
  input_output: JSON.stringify({ inputs: ["a\n"], outputs: ["a\n"] }),
  starter_code: "",
  difficulty: "introductory",
  url: "https://example.org/7",
};

describe("apps format", async () => {
  const dataset = await loadAll({ path: FIXTURE });
  const [double, twoSum, factorial] = dataset.problems as [Problem, Problem, Problem];

  test("auto-detects APPS rows and names problems after their problem_id", () => {
    expect(dataset.format).toBe("apps");
    expect(dataset.problems.map((p) => p.id)).toEqual(["APPS/4321", "APPS/1234", "APPS/2468"]);
    expect(dataset.problems.map((p) => p.difficulty)).toEqual(["introductory", "interview", "competition"]);
  });

  test("turns stdin/stdout tests into a stdio problem that every reference solution answers", () => {
    expect(double.mode).toBe("stdio");
    expect(double.tests).toEqual([
      { input: "3\n", output: "6\n" },
      { input: "10\n", output: "20\n" },
    ]);
    expect(double.solutions?.length).toBe(2);
    for (const s of double.solutions ?? []) expect(failingStdioTests(double, s.code)).toEqual([]);
    expect(double.solution_prefix).toBeUndefined();
  });

  test("turns call-based tests into a function problem whose starter code is the prefix and whose prelude is TACO's", () => {
    expect(twoSum.mode).toBe("function");
    expect(twoSum.entry_point).toBe("twoSum");
    expect(twoSum.tests).toEqual([]);
    expect(twoSum.languages).toEqual(["python"]);
    expect(twoSum.solution_prefix).toEndWith("class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        ");
    expect(twoSum.solution_prefix).toStartWith("class Solution:");
    expect(twoSum.prelude).toContain("from typing import List, Tuple\n");
    expect(twoSum.prelude).toContain("from heapq import *\n");
    expect(twoSum.solutions?.[0]?.code).not.toContain("from typing");
  });

  test("the generated tests pass the reference solutions, unwrapping 1-element expected lists", () => {
    for (const p of [twoSum, factorial]) {
      const run = runWithTestCode(p, p.solutions?.[0]?.code ?? "");
      expect({ id: p.id, exitCode: run.exitCode, stderr: run.stderr }).toEqual({ id: p.id, exitCode: 0, stderr: "" });
    }
  });

  test("compares big integers exactly: the test data reaches Python as the row's own JSON text", () => {
    const offByOne = "def factorial(n):\n    import math\n    return math.factorial(n) + (1 if n == 25 else 0)\n";
    const run = runWithTestCode(factorial, offByOne);
    expect(run.exitCode).toBe(1);
    expect(lastErrorLine(run.stderr)).toBe(
      "AssertionError: test 3 of 3: factorial(25) returned 15511210043330985984000001, expected [15511210043330985984000000]",
    );
  });

  test("a wrong Solution method fails with an AssertionError naming the test", () => {
    const wrong = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n";
    const run = runWithTestCode(twoSum, wrong);
    expect(lastErrorLine(run.stderr)).toStartWith("AssertionError: test 2 of 2: twoSum([3, 2, 4], 6) returned [0, 1]");
  });

  test("a solution that lacks the function raises NameError (a runtime error, not a wrong answer)", () => {
    const run = runWithTestCode(factorial, "def fact(n):\n    return 1\n");
    expect(lastErrorLine(run.stderr)).toBe("NameError: the solution defines no function factorial");
  });

  test("reads TACO-style rows without problem_id, and tests stored as lists of lines", () => {
    const row = { ...stdioRow, problem_id: undefined, input_output: { inputs: [["1 2", "3"]], outputs: [["3", "3"]] } };
    const p = appsFormat.convert(row, at);
    expect(p.id).toBe("APPS/row-9");
    expect(p.tests).toEqual([{ input: "1 2\n3\n", output: "3\n3\n" }]);
  });

  test("rejects input_output that is not JSON, or whose lists differ in length, naming the field", async () => {
    const notJson = await catchDatasetError(() => appsFormat.convert({ ...stdioRow, input_output: "{oops" }, at));
    expect([notJson.field, notJson.line]).toEqual(["input_output", 9]);
    const uneven = { ...stdioRow, input_output: JSON.stringify({ inputs: ["1\n", "2\n"], outputs: ["1\n"] }) };
    const err = await catchDatasetError(() => appsFormat.convert(uneven, at));
    expect(err.field).toBe("input_output.outputs");
    expect(err.message).toContain("has 1 entries but input_output.inputs has 2");
  });

  test("rejects an empty input_output, a bad fn_name and solutions that are not a JSON list", async () => {
    expect((await catchDatasetError(() => appsFormat.convert({ ...stdioRow, input_output: "" }, at))).field).toBe("input_output");
    const badFn = { ...stdioRow, input_output: JSON.stringify({ fn_name: "do it", inputs: [[1]], outputs: [1] }) };
    expect((await catchDatasetError(() => appsFormat.convert(badFn, at))).field).toBe("input_output.fn_name");
    expect((await catchDatasetError(() => appsFormat.convert({ ...stdioRow, solutions: "{}" }, at))).field).toBe("solutions");
  });

  test("skipInvalid loads the good rows and counts the bad ones", async () => {
    const path = tmp.write("mixed.jsonl", toJsonl([stdioRow, { ...stdioRow, problem_id: 8, input_output: "[]" }, { ...stdioRow, problem_id: 9 }]));
    const errors: string[] = [];
    const loaded = await loadAll({ path, skipInvalid: true, onInvalid: (e) => errors.push(`${e.line}:${e.field}`) });
    expect(loaded.problems.map((p) => p.id)).toEqual(["APPS/7", "APPS/9"]);
    expect(loaded.invalid).toBe(1);
    expect(errors).toEqual(["2:input_output"]);
  });
});
