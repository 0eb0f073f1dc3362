import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { fileLoader, load, loadAll } from "../../datasets/load.ts";
import { sha256File } from "../../datasets/sha256.ts";
import type { DatasetError } from "../../datasets/types.ts";
import { catchDatasetError, collect, toJsonl, useTempDir } from "./temp-files.ts";
import { HUMANEVAL_GZ } from "../support/real-data.ts";

const tmp = useTempDir();
const HUMANEVAL = HUMANEVAL_GZ;

const stdio = (id: string) => ({ id, statement: `Problem ${id}`, tests: [{ input: "1\n", output: "1\n" }] });

describe("load", () => {
  test("streams problems in file order", async () => {
    const path = tmp.write("three.jsonl", toJsonl([stdio("a"), stdio("b"), stdio("c")]));
    expect((await collect(load({ path }))).map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect((await collect(fileLoader.load({ path }))).length).toBe(3);
  });

  test("lets a consumer stop after the first problem of a large real file", async () => {
    for await (const problem of load({ path: HUMANEVAL })) {
      expect(problem.id).toBe("HumanEval/0");
      break;
    }
  });

  test("uses a forced format and reports rows that do not fit it by field", async () => {
    const err = await catchDatasetError(() => collect(load({ path: HUMANEVAL, format: "codecontests" })));
    expect(err.line).toBe(1);
    expect(err.field).toBe("name");
  });

  test("rejects an unknown forced format, listing the known ones", async () => {
    const err = await catchDatasetError(() => collect(load({ path: HUMANEVAL, format: "no-such-format" })));
    expect(err.message).toContain("unknown dataset format 'no-such-format'");
    expect(err.message).toContain("canonical, humaneval, mbppplus, codecontests");
  });

  test("rejects a row no format recognises, listing the known formats and the row's keys", async () => {
    const path = tmp.write("alien.jsonl", toJsonl([{ question: "q", answer: 42 }]));
    const err = await catchDatasetError(() => collect(load({ path })));
    expect(err.line).toBe(1);
    expect(err.message).toContain("known: canonical, humaneval, mbppplus, codecontests");
    expect(err.message).toContain("its keys: question, answer");
  });

  test("rejects duplicate problem ids, naming both lines", async () => {
    const path = tmp.write("dupes.jsonl", toJsonl([stdio("a"), stdio("b"), stdio("a")]));
    const err = await catchDatasetError(() => collect(load({ path })));
    expect(err.line).toBe(3);
    expect(err.message).toContain(`duplicate problem id 'a' (first seen at ${path}:1)`);
  });

  test("reports an unreadable file with the OS reason", async () => {
    const path = join(tmp.dir, "nope.jsonl");
    const err = await catchDatasetError(() => loadAll({ path }));
    expect(err.file).toBe(path);
    expect(err.message).toContain("no such file or directory");
  });

  test("stops at the first invalid row unless told to skip", async () => {
    const path = tmp.write("one-bad.jsonl", `${JSON.stringify(stdio("a"))}\n{"id": "b",\n`);
    const err = await catchDatasetError(() => loadAll({ path }));
    expect(err.line).toBe(2);
    expect(err.message).toContain("invalid JSON");
  });

  test("skips and counts invalid rows under skipInvalid, reporting each with its location", async () => {
    const lines = [
      JSON.stringify(stdio("a")),
      "{not json",
      JSON.stringify({ ...stdio("b"), tests: [{ input: "1", output: 1 }] }),
      JSON.stringify({ mystery: true }),
      JSON.stringify({ id: "c", statement: "empty", tests: [] }),
      JSON.stringify(stdio("d")),
    ];
    const path = tmp.write("mixed.jsonl", lines.join("\n") + "\n");
    const reported: DatasetError[] = [];
    const result = await loadAll({ path, skipInvalid: true, onInvalid: (e) => reported.push(e) });
    expect(result.problems.map((p) => p.id)).toEqual(["a", "d"]);
    expect(result.invalid).toBe(4);
    expect(reported.map((e) => [e.line, e.field])).toEqual([
      [2, null],
      [3, "tests[0].output"],
      // The first good row fixed the format, so a foreign row is judged as a canonical one.
      [4, "id"],
      [5, "tests"],
    ]);
  });

  test("writes skipped rows to stderr when no handler is given", async () => {
    const path = tmp.write("skip-stderr.jsonl", `${JSON.stringify(stdio("a"))}\n[1]\n`);
    const written: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect((await loadAll({ path, skipInvalid: true })).invalid).toBe(1);
    } finally {
      process.stderr.write = original;
    }
    expect(written.join("")).toContain(`skipping invalid row: ${path}:2: expected a JSON object`);
  });

  test("rejects an empty dataset and one whose rows were all skipped", async () => {
    const empty = tmp.write("empty.jsonl", "");
    expect((await catchDatasetError(() => loadAll({ path: empty }))).message).toContain("no rows");
    const allBad = tmp.write("all-bad.jsonl", "{x\n{y\n");
    const err = await catchDatasetError(() => loadAll({ path: allBad, skipInvalid: true, onInvalid: () => {} }));
    expect(err.message).toContain("no valid rows (2 invalid)");
  });

  test("loads a JSON array file, locating bad rows by index", async () => {
    const path = tmp.write("array.json", JSON.stringify([stdio("a"), { ...stdio("b"), memory_limit_mb: "lots" }]));
    const err = await catchDatasetError(() => loadAll({ path }));
    expect([err.line, err.field]).toEqual([2, "memory_limit_mb"]);
  });
});

describe("loadAll", () => {
  test("hashes the stored file in the same pass as it reads it", async () => {
    const dataset = await loadAll({ path: HUMANEVAL });
    expect(dataset.sha256).toBe(await sha256File(HUMANEVAL));
    const json = tmp.write("hash.json", JSON.stringify([stdio("x")]));
    expect((await loadAll({ path: json })).sha256).toBe(await sha256File(json));
  });

  test("reports the detected format and no invalid rows for a clean file", async () => {
    const path = tmp.write("clean.jsonl.gz", toJsonl([stdio("a")]));
    const dataset = await loadAll({ path });
    expect([dataset.format, dataset.invalid, dataset.problems.length]).toEqual(["canonical", 0, 1]);
  });
});
