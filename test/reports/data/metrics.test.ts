import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { runs } from "../../../harness/store/schema.ts";
import { computeRunMetrics } from "../../../harness/eval/run-metrics.ts";
import { readStoredMetrics } from "../../../reports/data/metrics.ts";
import { summarizeRun } from "../../../reports/data/runs.ts";
import { createFixtureDb, type FixtureDb } from "../support/fixture-db.ts";

let fx: FixtureDb;
let db: HarnessDb;
beforeAll(() => {
  fx = createFixtureDb();
  db = openDb(fx.path, { readonly: true });
});
afterAll(() => {
  db.$client.close();
  fx.cleanup();
});

describe("live metrics", () => {
  test("are the harness's metrics: for a finished run they equal what the eval stored, every field", () => {
    for (const id of [fx.runIds.strong, fx.runIds.weak, fx.runIds.other]) {
      const row = db.select().from(runs).where(eq(runs.id, id)).get();
      if (!row) throw new Error("fixture run missing");
      expect(computeRunMetrics(db, row)).toEqual(JSON.parse(row.metrics ?? "null"));
    }
  });

  test("count every problem of the run, not only those with samples", () => {
    const row = db.select().from(runs).where(eq(runs.id, fx.runIds.running)).get();
    if (!row) throw new Error("fixture run missing");
    const summary = summarizeRun(db, row);
    expect(summary.metrics.source).toBe("live");
    expect(summary.metrics.problems).toBe(row.problemCount);
    expect(summary.metrics.samples).toBeLessThan(row.sampleCount);
  });

  test("falls back to live metrics when the stored JSON is malformed", () => {
    const row = db.select().from(runs).where(eq(runs.id, fx.runIds.weak)).get();
    if (!row) throw new Error("fixture run missing");
    const summary = summarizeRun(db, { ...row, metrics: "{not json" });
    expect(summary.metrics.source).toBe("live");
    expect(summary.metrics.samples).toBe(8);
  });

  test("reads fields of the wrong type in stored metrics as missing", () => {
    const m = readStoredMetrics(JSON.stringify({ pass_at_k: { "1": "high", "5": 0.5 }, compile_rate: null, verdicts: { AC: 3, WA: "x" } }));
    expect(m?.passAtK).toEqual({ "1": null, "5": 0.5 });
    expect(m?.compileRate).toBeNull();
    expect(m?.verdicts).toEqual({ AC: 3 });
    expect(m?.bySource).toEqual([]);
  });
});
