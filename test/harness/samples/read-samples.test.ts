import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import { loadSamples, readSamples } from "../../../harness/samples/read-samples.ts";
import { catchDatasetError, collect, toJsonl, useTempDir } from "../../datasets/temp-files.ts";
import { HUMANEVAL_GZ, MBPPPLUS_GZ } from "../../support/real-data.ts";

const tmp = useTempDir();

async function sampleError(rows: unknown[], known?: Set<string>) {
  const path = tmp.write(`bad-${Math.random().toString(36).slice(2)}.jsonl`, toJsonl(rows));
  const err = await catchDatasetError(() => loadSamples(path, known));
  expect(err.file).toBe(path);
  return err;
}

describe("readSamples / loadSamples", () => {
  test("loads a human-eval style file (task_id + completion) written from the real dataset", async () => {
    const dataset = await loadAll({ path: HUMANEVAL_GZ });
    const rows = dataset.problems.map((p) => ({ task_id: p.id, completion: p.solutions?.[0]?.code.slice(p.solution_prefix?.length) }));
    const path = tmp.write("humaneval-samples.jsonl", toJsonl(rows));
    const samples = await loadSamples(path, new Set(dataset.problems.map((p) => p.id)));
    expect(samples).toHaveLength(164);
    expect(samples[0]).toEqual({ index: 0, line: 1, problemId: "HumanEval/0", completion: rows[0]?.completion ?? "", field: "completion" });
  });

  test("loads an EvalPlus style gzip file (task_id + solution) marking the code as a whole program", async () => {
    const dataset = await loadAll({ path: MBPPPLUS_GZ });
    const rows = dataset.problems.map((p) => ({ task_id: p.id, solution: p.solutions?.[0]?.code }));
    const path = tmp.write("mbppplus-samples.jsonl.gz", toJsonl(rows));
    const samples = await loadSamples(path, new Set(dataset.problems.map((p) => p.id)));
    expect(samples).toHaveLength(378);
    expect(samples.every((s) => s.field === "solution")).toBe(true);
    expect(samples[377]?.problemId).toBe(dataset.problems[377]?.id ?? "?");
  });

  test("numbers samples from 0 while lines count blank ones too", async () => {
    const path = tmp.write("gaps.jsonl", '{"problem_id":"a","completion":"x"}\n\n{"problem_id":"b","completion":"y"}\n');
    const samples = await collect(readSamples(path));
    expect(samples.map((s) => [s.index, s.line, s.problemId])).toEqual([
      [0, 1, "a"],
      [1, 3, "b"],
    ]);
  });

  test("normalises language aliases and keeps the model name and truncation flag", async () => {
    const rows = [
      { problem_id: "a", completion: "x", language: "C++", model: "m-1", finish_reason: "length" },
      { problem_id: "a", completion: "y", language: "py" },
      { problem_id: "a", completion: "z", language: "python3", truncated: false },
    ];
    const samples = await loadSamples(tmp.write("langs.jsonl", toJsonl(rows)));
    expect(samples.map((s) => [s.language, s.model, s.truncated])).toEqual([
      ["cpp", "m-1", true],
      ["python", undefined, undefined],
      ["python", undefined, undefined],
    ]);
  });

  test("accepts an empty completion: an empty answer is a verdict, not a broken file", async () => {
    const [sample] = await loadSamples(tmp.write("empty-completion.jsonl", toJsonl([{ task_id: "a", completion: "" }])));
    expect(sample?.completion).toBe("");
  });

  test("rejects a malformed line, naming it", async () => {
    const path = tmp.write("malformed.jsonl", '{"problem_id":"a","completion":"x"}\n{"problem_id": "b", completion}\n');
    const err = await catchDatasetError(() => loadSamples(path));
    expect(err.line).toBe(2);
    expect(err.message).toContain("invalid JSON");
  });

  test("rejects a sample without a problem id", async () => {
    const err = await sampleError([{ completion: "x" }]);
    expect([err.line, err.field]).toEqual([1, "problem_id"]);
  });

  test("rejects a problem id that is not a string", async () => {
    const err = await sampleError([{ problem_id: "a", completion: "x" }, { task_id: 11, completion: "x" }]);
    expect([err.line, err.field]).toEqual([2, "task_id"]);
    expect(err.message).toContain("expected a non-empty string, got number 11");
  });

  test("rejects a missing or non-string completion", async () => {
    expect((await sampleError([{ task_id: "a" }])).field).toBe("completion");
    const err = await sampleError([{ task_id: "a", solution: ["print(1)"] }]);
    expect(err.field).toBe("solution");
    expect(err.message).toContain("expected a string, got an array");
  });

  test("rejects a sample giving two different codes", async () => {
    const err = await sampleError([{ task_id: "a", completion: "x", solution: "y" }]);
    expect(err.message).toContain("both 'completion' and 'solution' are given and differ");
  });

  test("rejects an unknown language, listing the accepted ones", async () => {
    const err = await sampleError([{ task_id: "a", completion: "x", language: "rust" }]);
    expect(err.field).toBe("language");
    expect(err.message).toContain("unknown language 'rust'");
    expect(err.message).toContain("c++");
  });

  test("rejects a model name that is not a string", async () => {
    expect((await sampleError([{ task_id: "a", completion: "x", model: 7 }])).field).toBe("model");
  });

  test("rejects a sample naming a problem outside the dataset", async () => {
    const err = await sampleError([{ task_id: "a", completion: "x" }, { task_id: "HumanEval/999", completion: "x" }], new Set(["a"]));
    expect([err.line, err.field]).toEqual([2, "task_id"]);
    expect(err.message).toContain("unknown problem 'HumanEval/999'");
  });

  test("rejects an empty samples file and a missing one", async () => {
    expect((await catchDatasetError(() => loadSamples(tmp.write("none.jsonl", "\n")))).message).toContain("no samples");
    expect((await catchDatasetError(() => loadSamples(join(tmp.dir, "missing.jsonl")))).message).toContain("ENOENT");
  });
});
