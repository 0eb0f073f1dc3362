import { describe, expect, test } from "bun:test";
import { codecontestsFormat } from "../../../datasets/formats/codecontests.ts";
import { decodeDifficulty, decodeSource } from "../../../datasets/formats/codecontests-enums.ts";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { catchDatasetError } from "../temp-files.ts";

const FIXTURE = new URL("../fixtures/codecontests.jsonl", import.meta.url).pathname;
const at = { file: "cc.jsonl", line: 4 };
const baseRow = {
  name: "1_A. Example",
  description: "Echo the input.",
  public_tests: { input: ["x\n"], output: ["x\n"] },
  private_tests: { input: [], output: [] },
  generated_tests: { input: [], output: [] },
  source: 2,
  difficulty: 7,
  solutions: { language: [], solution: [] },
  time_limit: null,
  memory_limit_bytes: 0,
};

describe("codecontests format", async () => {
  const dataset = await loadAll({ path: FIXTURE });
  const [sum, echo, hills] = dataset.problems as [Problem, Problem, Problem];

  test("auto-detects Hugging Face CodeContests rows", () => {
    expect(dataset.format).toBe("codecontests");
    expect(dataset.problems.map((p) => p.id)).toEqual([
      "1000_A. Sum of Two",
      "p02550 AtCoder Beginner Contest 000 - Echo",
      "p00001 List of Top 3 Hills",
    ]);
  });

  test("keeps public, private and generated tests in order, each marked with its kind", () => {
    expect(sum.mode).toBe("stdio");
    expect(sum.tests).toEqual([
      { input: "1 2\n", output: "3\n", kind: "public" },
      { input: "5 7\n", output: "12\n", kind: "private" },
      { input: "0 0\n", output: "0\n", kind: "private" },
      { input: "100 200\n", output: "300\n", kind: "generated" },
    ]);
    expect(hills.tests.map((t) => t.kind)).toEqual(["public", "generated"]);
  });

  test("converts time limits from {seconds, nanos} and memory limits from bytes, defaulting when absent", () => {
    expect([sum.time_limit_ms, sum.memory_limit_mb]).toEqual([1500, 256]);
    expect([echo.time_limit_ms, echo.memory_limit_mb]).toEqual([2000, 256]);
    expect([hills.time_limit_ms, hills.memory_limit_mb]).toEqual([8000, 128]);
  });

  test("names sources and difficulties from their integer enums", () => {
    expect([sum.source, sum.difficulty]).toEqual(["codeforces", "A"]);
    expect([echo.source, echo.difficulty]).toEqual(["atcoder", undefined]);
    expect([hills.source, hills.difficulty]).toEqual(["aizu", "external"]);
    expect(sum.tags).toEqual(["implementation", "math"]);
  });

  test("keeps only C++ and Python 3 reference solutions", () => {
    expect(sum.solutions?.map((s) => s.language)).toEqual(["cpp", "python"]);
    expect(sum.solutions?.[1]?.code).toBe("a, b = map(int, input().split())\nprint(a + b)\n");
    expect(hills.solutions).toEqual([]);
    expect(sum.languages).toEqual(["cpp", "python"]);
  });

  test("the Python 3 reference answers every test of its problem (inputs stay paired with outputs)", async () => {
    const code = sum.solutions?.find((s) => s.language === "python")?.code ?? "";
    for (const t of sum.tests) {
      const run = Bun.spawnSync(["/usr/bin/python3", "-c", code], { stdin: new TextEncoder().encode(t.input) });
      expect(run.stdout.toString()).toBe(t.output);
    }
  });

  test("decodes the whole difficulty range: words, then letters A..V", () => {
    expect([1, 5, 7, 13, 14, 28].map(decodeDifficulty)).toEqual(["easy", "hardest", "A", "G", "H", "V"]);
    expect(decodeDifficulty(29)).toBeNull();
    expect(decodeSource(7)).toBeNull();
  });

  test("reads rows exported from the protos: lists of test objects, enum names and '2s' durations", () => {
    const row = {
      ...baseRow,
      public_tests: [{ input: "a\n", output: "a\n" }],
      private_tests: [{ input: "b\n", output: "b\n" }],
      source: "CODECHEF",
      difficulty: "MEDIUM",
      time_limit: "2.5s",
      solutions: [{ language: "PYTHON3", solution: "print(input())" }, { language: "JAVA", solution: "class A {}" }],
    };
    const p = codecontestsFormat.convert(row, at);
    expect(p.tests).toEqual([
      { input: "a\n", output: "a\n", kind: "public" },
      { input: "b\n", output: "b\n", kind: "private" },
    ]);
    expect([p.source, p.difficulty, p.time_limit_ms]).toEqual(["codechef", "medium", 2500]);
    expect(p.solutions).toEqual([{ language: "python", code: "print(input())" }]);
  });

  test("rejects test columns of different lengths, naming the field", async () => {
    const row = { ...baseRow, private_tests: { input: ["1\n", "2\n"], output: ["1\n"] } };
    const err = await catchDatasetError(() => codecontestsFormat.convert(row, at));
    expect(err.field).toBe("private_tests.output");
    expect(err.message).toContain("has 1 entries but private_tests.input has 2");
  });

  test("rejects solution columns of different lengths", async () => {
    const row = { ...baseRow, solutions: { language: [2, 3], solution: ["int main(){}"] } };
    const err = await catchDatasetError(() => codecontestsFormat.convert(row, at));
    expect(err.field).toBe("solutions.solution");
  });

  test("names the nested field holding a wrong type", async () => {
    const row = { ...baseRow, generated_tests: { input: ["1\n", 2], output: ["1\n", "2\n"] } };
    const err = await catchDatasetError(() => codecontestsFormat.convert(row, at));
    expect(err.field).toBe("generated_tests.input[1]");
  });

  test("rejects a problem without any test", async () => {
    const row = { ...baseRow, public_tests: { input: [], output: [] } };
    const err = await catchDatasetError(() => codecontestsFormat.convert(row, at));
    expect(err.message).toContain("no tests");
  });

  test("rejects enum values outside the published ranges", async () => {
    expect((await catchDatasetError(() => codecontestsFormat.convert({ ...baseRow, source: 9 }, at))).field).toBe("source");
    expect((await catchDatasetError(() => codecontestsFormat.convert({ ...baseRow, difficulty: "Z" }, at))).field).toBe("difficulty");
    const badLanguage = { ...baseRow, solutions: { language: [2, 11], solution: ["a", "b"] } };
    expect((await catchDatasetError(() => codecontestsFormat.convert(badLanguage, at))).field).toBe("solutions.language[1]");
  });

  test("records input_file/output_file when a problem reads and writes files instead of stdio", () => {
    const p = codecontestsFormat.convert({ ...baseRow, input_file: "input.txt", output_file: "output.txt" }, at);
    expect([p.input_file, p.output_file]).toEqual(["input.txt", "output.txt"]);
    expect([sum.input_file, sum.output_file]).toEqual([undefined, undefined]);
  });

  test("rejects a file name with folders, which the judge could not read back safely, naming the field", async () => {
    const err = await catchDatasetError(() => codecontestsFormat.convert({ ...baseRow, input_file: "input.txt", output_file: "../out.txt" }, at));
    expect(err.field).toBe("output_file");
    expect(err.message).toContain("not a plain file name");
  });
});
