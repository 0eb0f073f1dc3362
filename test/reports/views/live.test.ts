/** The live page over a real database: the built-in eval's finished runs and a run a killed eval left running. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { interruptSlowEval, SLOW_SAMPLES, type InterruptedEval } from "../support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let running: InterruptedEval;
/** The interrupted run's stored verdict counts, straight from SQLite. */
let verdicts: Record<string, number>;
beforeAll(async () => {
  v = await openRealViewer();
  running = await interruptSlowEval(v.dbPath);
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT verdict, count(*) AS n FROM samples WHERE run_id = ? GROUP BY verdict ORDER BY verdict").all(running.runId) as { verdict: string; n: number }[];
  db.close();
  verdicts = Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
}, 600_000);
afterAll(() => {
  v.close();
  running.cleanup();
});

describe("live page", () => {
  test("shows each running run with its progress and verdict counts, set up for live updates", async () => {
    const { status, html } = await v.page("/live");
    expect(status).toBe(200);
    expect(attrsOf(html, "[data-live-run]", "data-live-run")).toEqual([String(running.runId)]);
    expect(attrsOf(html, "progress", "value")).toEqual([String(running.stored)]);
    expect(attrsOf(html, "progress", "max")).toEqual([String(SLOW_SAMPLES)]);
    expect(Object.keys(verdicts).length).toBeGreaterThan(1);
    expect(textsOf(html, '[data-field="verdicts"]')).toEqual([
      Object.entries(verdicts)
        .map(([k, n]) => `${k} ${n}`)
        .join(" · "),
    ]);
  });

  test("lists recently finished runs below", async () => {
    const { html } = await v.page("/live");
    expect(tableRows(html, "table.grid-table").map((r) => r[0]).sort()).toEqual(v.runs.map((r) => r.name).sort());
  });

  test("has a JSON twin with the same progress", async () => {
    const { body } = await v.api("/api/live");
    expect(body.running).toHaveLength(1);
    expect(body.running[0].progress).toMatchObject({ runId: running.runId, status: "running", judged: running.stored, expected: SLOW_SAMPLES, verdicts });
  });
});
