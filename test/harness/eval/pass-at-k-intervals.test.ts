/** pass@k intervals of a stored run (a real eval of the built-in set): the estimate is the run's pass@k, and the cache follows the samples. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computePassAtKIntervals, computeRunMetrics } from "../../../harness/eval/run-metrics.ts";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { findRun } from "../../../harness/store/runs.ts";
import { ensureBuiltinEvalDb } from "../../support/builtin-db.ts";

const dir = mkdtempSync(join(tmpdir(), "intervals-"));
let db: HarnessDb;
beforeAll(async () => {
  const { dbPath } = await ensureBuiltinEvalDb();
  copyFileSync(dbPath, join(dir, "harness.db"));
  db = openDb(join(dir, "harness.db"));
}, 600_000);
afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("computePassAtKIntervals", () => {
  test("centres each interval on the run's own pass@k and is null where pass@k is", () => {
    const run = findRun(db, "builtin/think-then-code")!;
    const metrics = computeRunMetrics(db, run);
    const ci = computePassAtKIntervals(db, run, [1, 2, 5]);
    expect(ci["1"]!.estimate).toBeCloseTo(metrics.pass_at_k["1"] as number, 12);
    expect(ci["2"]!.estimate).toBeCloseTo(metrics.pass_at_k["2"] as number, 12);
    expect(ci["1"]!.problems).toBe(metrics.pass_at_k_counted["1"] as number);
    expect(ci["5"]).toBeNull();
  });

  test("reuses a computed result until the run's samples change", () => {
    const run = findRun(db, "builtin/sloppy-coder")!;
    const first = computePassAtKIntervals(db, run, [1]);
    expect(computePassAtKIntervals(db, run, [1])).toBe(first);
    // An AC sample disappears (as while a run is rejudged): the interval is recomputed, lower.
    db.$client.query("DELETE FROM samples WHERE id = (SELECT id FROM samples WHERE run_id = ? AND verdict = 'AC' LIMIT 1)").run(run.id);
    const after = computePassAtKIntervals(db, run, [1]);
    expect(after).not.toBe(first);
    expect(after["1"]!.estimate).toBeLessThan(first["1"]!.estimate);
  });
});
