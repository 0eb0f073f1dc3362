import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import { codeforcesFormat } from "../../../datasets/formats/codeforces.ts";
import { readCodeforcesGeneratedTests, withGeneratedTests } from "../../../datasets/formats/codeforces-generated.ts";
import { loadAll } from "../../../datasets/load.ts";
import { readRows } from "../../../datasets/read-rows.ts";
import type { Problem } from "../../../datasets/types.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { type ColumnSpec, writeParquet } from "../columnar-fixtures.ts";
import { catchDatasetError, collect, toJsonl, useTempDir } from "../temp-files.ts";

// Sandboxed compiles (the C++ precompiled header above all) take longer than bun's 5 s default.
setDefaultTimeout(120_000);

const FIXTURE = new URL("../fixtures/codeforces.jsonl", import.meta.url).pathname;
const tmp = useTempDir();
const at = { file: "train-00000-of-00011.parquet", line: 12 };
const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
afterAll(async () => {
  await sandbox.close?.();
});

const testList = { list: { struct: { input: "string", output: "string" } } } as const;
/** The published column types of open-r1/codeforces (the ones these rows use). */
const SPEC: ColumnSpec = {
  id: "string",
  aliases: { list: "string" },
  contest_id: "string",
  contest_name: "string",
  contest_type: "string",
  contest_start: "int64",
  contest_start_year: "int64",
  index: "string",
  time_limit: "double",
  memory_limit: "double",
  title: "string",
  description: "string",
  input_format: "string",
  output_format: "string",
  interaction_format: "string",
  note: "string",
  examples: testList,
  editorial: "string",
  rating: "int64",
  tags: { list: "string" },
  testset_size: "int64",
  official_tests: testList,
  official_tests_complete: "bool",
  input_mode: "string",
  generated_checker: "string",
  executable: "bool",
  generated_tests: "int64",
};

describe("codeforces format (open-r1)", async () => {
  const dataset = await loadAll({ path: FIXTURE });
  const [anyPair, fromFile] = dataset.problems as [Problem, Problem];
  const baseRow = (await collect(readRows(FIXTURE))).map((r) => ("row" in r ? r.row : {}))[1] ?? {};

  test("auto-detects open-r1 Codeforces rows", () => {
    expect(dataset.format).toBe("codeforces");
    expect(dataset.problems.map((p) => p.id)).toEqual(["2000/A", "2001/B"]);
  });

  test("keeps examples as public tests and the other official tests as private ones", () => {
    expect(anyPair.tests).toEqual([
      { input: "5\n", output: "1 4\n", kind: "public" },
      { input: "10\n", output: "3 7\n", kind: "private" },
      { input: "2\n", output: "1 1\n", kind: "private" },
    ]);
  });

  test("converts limits from seconds and megabytes, keeps the rating as a number and contest_start as a date", () => {
    expect([anyPair.time_limit_ms, anyPair.memory_limit_mb, fromFile.time_limit_ms, fromFile.memory_limit_mb]).toEqual([1000, 256, 2500, 64]);
    expect([anyPair.rating, fromFile.rating]).toEqual([800, undefined]);
    expect(anyPair.difficulty).toBeUndefined();
    expect(anyPair.contest_date).toBe("2024-08-06T14:50:00.000Z");
    expect(anyPair.tags).toEqual(["constructive algorithms", "math"]);
    expect(fromFile.tags).toEqual(["implementation", "official_tests_incomplete"]);
  });

  test("composes the statement from its parts, examples included", () => {
    expect(anyPair.statement).toStartWith("# Any Pair\n\nYou are given an integer $$$n$$$.");
    expect(anyPair.statement).toContain("## Input\n\nOne integer");
    expect(anyPair.statement).toContain("## Example 1\n\nInput:\n```\n5\n```\nOutput:\n```\n1 4\n```");
    expect(anyPair.statement).toEndWith("## Note\n\nOther pairs, such as 2 3, are also accepted.\n");
  });

  test("records file input/output for input_mode 'file'", () => {
    expect([fromFile.input_file, fromFile.output_file]).toEqual(["input.txt", "output.txt"]);
    expect(anyPair.input_file).toBeUndefined();
  });

  test("the generated checker becomes a cms Python checker that accepts any valid pair", async () => {
    expect(anyPair.checker).toMatchObject({ type: "cms", language: "python", protocol: "openr1" });
    // No checker: open-r1's own comparison, resolved per problem by the checker policy.
    expect(fromFile.checker).toEqual({ type: "auto", tester: "openr1" });
    const check = await createChecker(anyPair.checker, { sandbox });
    expect((await check("2 3\n", "1 4\n", { input: "5\n" })).verdict).toBe("AC");
    expect((await check("2 2\n", "1 4\n", { input: "5\n" })).verdict).toBe("WA");
  });

  test("loads the same rows from a Parquet file with the published column types", async () => {
    const rows = (await collect(readRows(FIXTURE))).map((r) => ("row" in r ? r.row : {}));
    const path = writeParquet(join(tmp.dir, "train-00000-of-00001.parquet"), SPEC, rows);
    const fromParquet = await loadAll({ path });
    expect(fromParquet.format).toBe("codeforces");
    expect(fromParquet.problems).toEqual(dataset.problems);
  });

  test("appends generated tests read from a per-contest Parquet file, in test_case_i order", async () => {
    const path = writeParquet(
      join(tmp.dir, "test_cases_2000.parquet"),
      { problem_id: "string", input: "string", output: "string", test_case_i: "int64" },
      [
        { problem_id: "2000/A", input: "7\n", output: "3 4\n", test_case_i: 1 },
        { problem_id: "2001/B", input: "0 0\n", output: "0\n", test_case_i: 0 },
        { problem_id: "2000/A", input: "3\n", output: "1 2\n", test_case_i: 0 },
      ],
    );
    const generated = await readCodeforcesGeneratedTests(path, new Set(["2000/A"]));
    expect([...generated.keys()]).toEqual(["2000/A"]);
    const full = withGeneratedTests(anyPair, generated);
    expect(full.tests.slice(3)).toEqual([
      { input: "3\n", output: "1 2\n", kind: "generated" },
      { input: "7\n", output: "3 4\n", kind: "generated" },
    ]);
    expect(withGeneratedTests(fromFile, generated)).toBe(fromFile);
  });

  test("marks a problem with an interaction_format interactive and keeps the interaction section in its statement", () => {
    const row = { ...baseRow, interaction_format: "After reading n, ask queries '? i'..." };
    const p = codeforcesFormat.convert(row, at);
    expect(p.interactive).toBe(true);
    expect(p.interactor).toBeUndefined(); // open-r1 publishes none
    expect(p.statement).toContain("## Interaction\n\nAfter reading n, ask queries");
    expect(codeforcesFormat.convert(baseRow, at).interactive).toBeUndefined();
  });

  test("rejects a problem with no tests at all, and a wrong input_mode, naming the field", async () => {
    const empty = { ...baseRow, examples: [], official_tests: null };
    expect((await catchDatasetError(() => codeforcesFormat.convert(empty, at))).field).toBe("official_tests");
    expect((await catchDatasetError(() => codeforcesFormat.convert({ ...baseRow, input_mode: "pipe" }, at))).field).toBe("input_mode");
  });
});
