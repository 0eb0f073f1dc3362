import { describe, expect, test } from "bun:test";
import { mbppplusFormat } from "../../../datasets/formats/mbppplus.ts";
import { loadAll } from "../../../datasets/load.ts";
import { catchDatasetError } from "../temp-files.ts";
import { findFailingReferences } from "./run-references.ts";
import { MBPPPLUS_GZ } from "../../support/real-data.ts";

const MBPPPLUS = MBPPPLUS_GZ;

describe("mbppplus format (real MbppPlus.jsonl.gz)", async () => {
  const dataset = await loadAll({ path: MBPPPLUS });
  const byId = new Map(dataset.problems.map((p) => [p.id, p]));

  test("auto-detects all 378 tasks as mbppplus, including rows with Python's Infinity literals", () => {
    expect(dataset.format).toBe("mbppplus");
    expect(dataset.problems).toHaveLength(378);
    expect(dataset.invalid).toBe(0);
    expect(byId.has("Mbpp/404")).toBe(true);
  });

  test("turns a task into a whole-program function problem with the assertions as test_code", () => {
    const p = byId.get("Mbpp/2");
    expect(p?.mode).toBe("function");
    expect(p?.statement).toContain("Write a function to find the shared elements");
    expect(p?.solution_prefix).toBeUndefined();
    expect(p?.entry_point).toBe("similar_elements");
    expect(p?.test_code).toContain("assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)");
    expect(p?.solutions?.[0]?.code).toContain("def similar_elements(test_tup1, test_tup2):");
    expect(p?.languages).toEqual(["python"]);
    expect(p?.source).toBe("mbpp+");
  });

  test("reference solutions pass their assertions under python3, except the one known-broken task", async () => {
    // The dataset's README records that Mbpp/120's own reference fails its assertion.
    expect(await findFailingReferences(dataset.problems)).toEqual(["Mbpp/120"]);
  });

  test("names the field when the assertion is not a string", async () => {
    const row = { task_id: "Mbpp/1", prompt: '"""x"""', canonical_solution: "def f(): pass", assertion: ["assert f() is None"], entry_point: "f" };
    const err = await catchDatasetError(() => mbppplusFormat.convert(row, { file: "m.jsonl", line: 3 }));
    expect(err.field).toBe("assertion");
    expect(err.message).toStartWith("m.jsonl:3: field 'assertion'");
  });
});
