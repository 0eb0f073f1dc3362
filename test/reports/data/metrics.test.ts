/** The viewer's metrics over runs the harness wrote: the built-in eval's runs and a run a killed eval left running. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { runs, samples } from "../../../harness/store/schema.ts";
import { computeRunMetrics } from "../../../harness/eval/run-metrics.ts";
import { readStoredMetrics } from "../../../reports/data/metrics.ts";
import { summarizeRun } from "../../../reports/data/runs.ts";
import { interruptSlowEval, SLOW_UNJUDGED_PROBLEM, type InterruptedEval } from "../support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let running: InterruptedEval;
let db: HarnessDb;
beforeAll(async () => {
  v = await openRealViewer();
  running = await interruptSlowEval(v.dbPath);
  db = openDb(v.dbPath, { readonly: true });
}, 600_000);
afterAll(() => {
  db?.$client.close();
  v.close();
  running?.cleanup();
});

function runRow(id: number) {
  const row = db.select().from(runs).where(eq(runs.id, id)).get();
  if (!row) throw new Error(`run ${id} missing`);
  return row;
}

describe("live metrics", () => {
  test("are the harness's metrics: for a finished run they equal what the eval stored, every field", () => {
    expect(v.runs).toHaveLength(3);
    for (const { run_id } of v.runs) {
      const row = runRow(run_id);
      expect(row.metrics).not.toBeNull();
      expect(computeRunMetrics(db, row)).toEqual(JSON.parse(row.metrics ?? "null"));
    }
  });

  test("count every problem of the run, not only those with samples", () => {
    const row = runRow(running.runId);
    const judged = db.select().from(samples).where(eq(samples.runId, running.runId)).all();
    expect(judged.some((s) => s.problemId === SLOW_UNJUDGED_PROBLEM)).toBe(false);
    const summary = summarizeRun(db, row);
    expect(summary.metrics.source).toBe("live");
    expect(row.problemCount).toBe(2);
    expect(summary.metrics.problems).toBe(row.problemCount);
    expect(summary.metrics.samples).toBeLessThan(row.sampleCount);
  });

  test("falls back to live metrics when the stored JSON is malformed", () => {
    const row = runRow(v.runId("sloppy-coder"));
    const summary = summarizeRun(db, { ...row, metrics: "{not json" });
    expect(summary.metrics.source).toBe("live");
    expect(summary.metrics.samples).toBe(row.sampleCount);
    expect(summary.metrics.samples).toBe(Object.values(v.runs.find((r) => r.run_id === row.id)!.verdicts).reduce((a, b) => a + b, 0));
  });

  test("reads fields of the wrong type in stored metrics as missing", () => {
    const m = readStoredMetrics(JSON.stringify({ pass_at_k: { "1": "high", "5": 0.5 }, compile_rate: null, verdicts: { AC: 3, WA: "x" } }));
    expect(m?.passAtK).toEqual({ "1": null, "5": 0.5 });
    expect(m?.compileRate).toBeNull();
    expect(m?.verdicts).toEqual({ AC: 3 });
    expect(m?.bySource).toEqual([]);
  });
});
