import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { canonicalFormat } from "../../../datasets/formats/canonical.ts";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { catchDatasetError } from "../temp-files.ts";

const FIXTURE = new URL("../fixtures/canonical.jsonl", import.meta.url).pathname;
const CHECKER = new URL("../fixtures/checkers/sum-checker.cpp", import.meta.url).pathname;
const at = { file: "/data/problems.jsonl", line: 12 };
const stdioRow = { id: "p", statement: "s", tests: [{ input: "1\n", output: "1\n" }] };

function convertError(row: Record<string, unknown>) {
  return catchDatasetError(() => canonicalFormat.convert(row, at));
}

describe("canonical format", async () => {
  const dataset = await loadAll({ path: FIXTURE });
  const byId = new Map(dataset.problems.map((p) => [p.id, p]));
  const get = (id: string): Problem => byId.get(id) ?? (undefined as never);

  test("auto-detects rows in the project's own schema", () => {
    expect(dataset.format).toBe("canonical");
    expect([...byId.keys()]).toEqual(["sum", "circle", "double", "sum-any"]);
  });

  test("fills in the documented defaults for a minimal stdio problem", () => {
    expect(get("sum")).toEqual({
      id: "sum",
      statement: "Print a + b.",
      mode: "stdio",
      tests: [
        { input: "1 2\n", output: "3\n", kind: "public" },
        { input: "2 2\n", output: "4\n" },
      ],
      time_limit_ms: 2000,
      memory_limit_mb: 256,
      checker: { type: "auto" },
      languages: ["cpp", "python"],
      tags: [],
    });
  });

  test("keeps explicit limits, checker options, tags and normalises language aliases", () => {
    const p = get("circle");
    expect(p.checker).toEqual({ type: "float", abs: 1e-6, rel: 1e-6 });
    expect([p.time_limit_ms, p.memory_limit_mb]).toEqual([1000, 64]);
    expect(p.languages).toEqual(["cpp"]);
    expect([p.source, p.difficulty, p.tags]).toEqual(["handmade", "easy", ["geometry"]]);
  });

  test("reads a function problem with its test code, prefix and solutions", () => {
    const p = get("double");
    expect(p.mode).toBe("function");
    expect(p.tests).toEqual([]);
    expect(p.test_code).toBe("assert double(2) == 4\n");
    expect(p.solution_prefix).toBe("def double(x):\n");
    expect(p.languages).toEqual(["python"]);
    expect(p.solutions).toEqual([{ language: "python", code: "def double(x):\n    return 2 * x\n" }]);
  });

  test("loads a program checker's source_file relative to the dataset file, and treats null as absent", () => {
    const p = get("sum-any");
    expect(p.checker).toEqual({ type: "testlib", source: readFileSync(CHECKER, "utf8"), language: "cpp" });
    expect("difficulty" in p).toBe(false);
  });

  test("accepts a checker given by name", () => {
    expect(canonicalFormat.convert({ ...stdioRow, checker: "yesno" }, at).checker).toEqual({ type: "yesno" });
  });

  test("names the nested field path of a wrong type", async () => {
    const tests = [0, 1, 2, 3].map((i) => ({ input: `${i}`, output: i === 3 ? 3 : "3" }));
    const err = await convertError({ id: "p", statement: "s", tests });
    expect(err.field).toBe("tests[3].output");
    expect(err.message).toBe("/data/problems.jsonl:12: field 'tests[3].output': expected string, received number");
  });

  test("rejects an unknown field, so a misspelt one is not silently ignored", async () => {
    const err = await convertError({ ...stdioRow, time_limit: 1000 });
    expect(err.field).toBe("time_limit");
    expect(err.message).toContain("unknown field");
  });

  test("rejects a stdio problem with no tests instead of judging it against nothing", async () => {
    expect((await convertError({ id: "p", statement: "s", tests: [] })).field).toBe("tests");
    expect((await convertError({ id: "p", statement: "s" })).field).toBe("tests");
  });

  test("rejects a function problem without test_code", async () => {
    const err = await convertError({ id: "p", statement: "s", mode: "function" });
    expect(err.field).toBe("test_code");
  });

  test("rejects an unknown checker, an invalid checker option and an unknown language", async () => {
    expect((await convertError({ ...stdioRow, checker: "fuzzy" })).field).toBe("checker.type");
    expect((await convertError({ ...stdioRow, checker: { type: "float", abs: "small" } })).field).toBe("checker.abs");
    const lang = await convertError({ ...stdioRow, languages: ["cobol"] });
    expect(lang.field).toBe("languages[0]");
    expect(lang.message).toContain("unknown language 'cobol'");
  });

  test("requires exactly one of source and source_file for a program checker", async () => {
    expect((await convertError({ ...stdioRow, checker: { type: "cms" } })).field).toBe("checker");
    const both = await convertError({ ...stdioRow, checker: { type: "cms", source: "x", source_file: "y" } });
    expect(both.message).toContain("exactly one of 'source' and 'source_file'");
  });

  test("reports a checker source_file that cannot be read", async () => {
    const err = await convertError({ ...stdioRow, checker: { type: "testlib", source_file: "missing.cpp" } });
    expect(err.field).toBe("checker.source_file");
    expect(err.message).toContain("/data/missing.cpp");
    expect(err.message).toContain("ENOENT");
  });

  test("rejects non-positive limits and an unknown test kind", async () => {
    expect((await convertError({ ...stdioRow, time_limit_ms: 0 })).field).toBe("time_limit_ms");
    const kind = await convertError({ ...stdioRow, tests: [{ input: "", output: "", kind: "hidden" }] });
    expect(kind.field).toBe("tests[0].kind");
  });

  test("accepts answer problems (no program, no languages) and requires their answer", async () => {
    const p = canonicalFormat.convert({ id: "q1", statement: "2 + 2?", mode: "answer", answer: "4" }, at);
    expect([p.mode, p.answer, p.languages, p.tests]).toEqual(["answer", "4", [], []]);
    expect((await convertError({ id: "q1", statement: "2 + 2?", mode: "answer" })).field).toBe("answer");
  });

  test("keeps file input/output names and the contest date, read as UTC", async () => {
    const p = canonicalFormat.convert({ ...stdioRow, input_file: "in.txt", output_file: "out.txt", contest_date: "2024-05-01" }, at);
    expect([p.input_file, p.output_file, p.contest_date]).toEqual(["in.txt", "out.txt", "2024-05-01T00:00:00.000Z"]);
    expect((await convertError({ ...stdioRow, contest_date: "May 1st" })).field).toBe("contest_date");
    expect((await convertError({ ...stdioRow, input_file: "data/in.txt" })).field).toBe("input_file");
    expect((await convertError({ ...stdioRow, output_file: ".." })).field).toBe("output_file");
  });

  test("reads an interactor inline or from a source_file, which makes the problem interactive", async () => {
    const inline = canonicalFormat.convert({ ...stdioRow, interactor: { source: "int main(){}", language: "c++" } }, at);
    expect([inline.interactive, inline.interactor]).toEqual([true, { source: "int main(){}", language: "cpp" }]);
    const fromFile = canonicalFormat.convert({ ...stdioRow, interactor: { source_file: CHECKER } }, { ...at, file: "/" });
    expect(fromFile.interactor?.source).toBe(readFileSync(CHECKER, "utf8"));
    expect(canonicalFormat.convert({ ...stdioRow, interactive: true }, at)).toMatchObject({ interactive: true });
    expect(canonicalFormat.convert(stdioRow, at).interactive).toBeUndefined();
  });

  test("rejects an interactor with both or neither source, an unreadable file, or on a function problem, naming the field", async () => {
    expect((await convertError({ ...stdioRow, interactor: {} })).field).toBe("interactor");
    expect((await convertError({ ...stdioRow, interactor: { source: "x", source_file: "y" } })).field).toBe("interactor");
    expect((await convertError({ ...stdioRow, interactor: { source_file: "missing.cpp" } })).field).toBe("interactor.source_file");
    const fn = { id: "f", statement: "s", mode: "function", test_code: "assert True", interactor: { source: "x" } };
    expect((await convertError(fn)).field).toBe("interactor");
  });
});
