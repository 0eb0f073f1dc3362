import { describe, expect, test } from "bun:test";
import { humanevalFormat } from "../../../datasets/formats/humaneval.ts";
import { loadAll } from "../../../datasets/load.ts";
import { catchDatasetError } from "../temp-files.ts";
import { findFailingReferences } from "./run-references.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const HUMANEVAL = HUMANEVAL_GZ;
const at = { file: "inline.jsonl", line: 7 };

describe("humaneval format (real HumanEval.jsonl.gz)", async () => {
  const dataset = await loadAll({ path: HUMANEVAL });
  const byId = new Map(dataset.problems.map((p) => [p.id, p]));

  test("auto-detects all 164 tasks as humaneval, none invalid", () => {
    expect(dataset.format).toBe("humaneval");
    expect(dataset.problems).toHaveLength(164);
    expect(dataset.invalid).toBe(0);
    expect(byId.size).toBe(164);
  });

  test("turns a task into a Python function problem continuing the prompt", () => {
    const p = byId.get("HumanEval/0");
    expect(p?.mode).toBe("function");
    expect(p?.entry_point).toBe("has_close_elements");
    expect(p?.solution_prefix).toStartWith("from typing import List");
    expect(p?.statement).toBe(p?.solution_prefix ?? "");
    expect(p?.tests).toEqual([]);
    expect(p?.languages).toEqual(["python"]);
    expect(p?.source).toBe("humaneval");
    expect(p?.test_code).toContain("def check(candidate):");
    expect(p?.test_code).toEndWith("\n\ncheck(has_close_elements)\n");
    expect(p?.solutions?.[0]?.code).toStartWith(p?.solution_prefix ?? "?");
  });

  test("every reference solution passes its composed test_code under python3", async () => {
    expect(await findFailingReferences(dataset.problems)).toEqual([]);
  });

  test("a wrong reference is caught by the composed test_code", async () => {
    const p = byId.get("HumanEval/0");
    if (!p) throw new Error("HumanEval/0 missing");
    const broken = { ...p, solutions: [{ language: "python" as const, code: `${p.solution_prefix}    return False\n` }] };
    expect(await findFailingReferences([broken])).toEqual(["HumanEval/0"]);
  });

  test("names the field when a row has a wrong type", async () => {
    const row = { task_id: "X/1", prompt: "def f():\n", canonical_solution: "  pass\n", test: 5, entry_point: "f" };
    const err = await catchDatasetError(() => humanevalFormat.convert(row, at));
    expect(err.field).toBe("test");
    expect(err.line).toBe(7);
    expect(err.message).toContain("expected string, received number");
  });

  test("reports a missing field as missing", async () => {
    const row = { task_id: "X/1", prompt: "", canonical_solution: "", test: "" };
    const err = await catchDatasetError(() => humanevalFormat.convert(row, at));
    expect(err.field).toBe("entry_point");
    expect(err.message).toContain("missing");
  });
});
