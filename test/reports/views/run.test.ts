import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { openDb } from "../../../harness/store/db.ts";
import { runs, samples } from "../../../harness/store/schema.ts";
import { createTestViewer, type TestViewer } from "../support/app.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";

let v: TestViewer;
beforeAll(() => {
  v = createTestViewer();
});
afterAll(() => v.close());

/** Verdict counts of a run, counted from its sample rows. */
function countVerdicts(runId: number): Record<string, number> {
  const db = openDb(v.fx.path, { readonly: true });
  const out: Record<string, number> = {};
  for (const s of db.select().from(samples).where(eq(samples.runId, runId)).all()) out[s.verdict] = (out[s.verdict] ?? 0) + 1;
  db.$client.close();
  return out;
}

describe("run page", () => {
  test("shows pass@k, compile rate and solved counts from the stored metrics", async () => {
    const id = v.fx.runIds.strong;
    const db = openDb(v.fx.path, { readonly: true });
    const stored = JSON.parse(db.select().from(runs).where(eq(runs.id, id)).get()?.metrics ?? "{}");
    db.$client.close();
    const { status, html } = await v.page(`/runs/${id}`);
    expect(status).toBe(200);
    const facts = Object.fromEntries(tableRows(html, "table.facts").map(([k, val]) => [k, val]));
    const { body } = await v.api(`/api/runs/${id}`);
    for (const k of ["1", "2"]) {
      const ci = body.run.metrics.passAtKInterval[k];
      expect(ci.method).toBe("percentile bootstrap over problems");
      expect(facts[`pass@${k}`]).toBe(`${(stored.pass_at_k[k] * 100).toFixed(1)}% [${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`);
    }
    expect(facts["compile rate"]).toBe(`${(stored.compile_rate * 100).toFixed(1)}%`);
    expect(facts.solved).toBe(`${stored.solved} of ${stored.problems} problems`);
  });

  test("draws one verdict bar per verdict with its count", async () => {
    const id = v.fx.runIds.weak;
    const counts = countVerdicts(id);
    const { html } = await v.page(`/runs/${id}`);
    const titles = textsOf(html, "svg.chart a.verdict-bar rect title");
    expect(titles.sort()).toEqual(Object.entries(counts).map(([k, n]) => `${k}: ${n}`).sort());
  });

  test("breaks pass@1 down by difficulty and by source", async () => {
    const { html } = await v.page(`/runs/${v.fx.runIds.strong}`);
    const tables = textsOf(html, "main section h2");
    expect(tables).toContain("By difficulty");
    expect(tables).toContain("By source");
    const rows = tableRows(html, "table.grid-table");
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["easy", "medium", "hard", "builtin", "humaneval"]));
  });

  test("colours one grid cell per problem by pass rate and links it to that problem's samples", async () => {
    const { html } = await v.page(`/runs/${v.fx.runIds.weak}`);
    const titles = attrsOf(html, ".problem-grid a.cell", "title");
    expect(titles).toEqual(["builtin/sum: 1/2 passed", "builtin/echo-lines: 0/2 passed", "HumanEval/0: 0/2 passed", "builtin/many tests: 1/2 passed"]);
    const classes = attrsOf(html, ".problem-grid a.cell", "class");
    expect(classes).toEqual(["cell r5", "cell r0", "cell r0", "cell r5"]);
    expect(attrsOf(html, ".problem-grid a.cell", "href")[0]).toBe(`/runs/${v.fx.runIds.weak}/samples?problem=builtin%2Fsum`);
  });

  test("shows the full provenance: dataset sha, judge versions, limits and extraction settings", async () => {
    const { html } = await v.page(`/runs/${v.fx.runIds.strong}`);
    expect(html).toContain(v.fx.datasetSha);
    // Key/value tables, not raw JSON: one row per setting, lists joined.
    const rows = tableRows(html, "table.kv");
    for (const row of [["g++", "12.2.0"], ["bwrap", "0.8.0"], ["cpuMs", "2000"], ["allTests", "false"], ["ks", "1, 2"], ["prefer", "last-block"], ["joinPrefix", "true"]]) {
      expect(rows).toContainEqual(row);
    }
    expect(textsOf(html, "pre.json")).toEqual([]);
  });

  test("computes live metrics for a running run and marks it for live updates", async () => {
    const id = v.fx.runIds.running;
    const { html } = await v.page(`/runs/${id}`);
    expect(attrsOf(html, "[data-live-run]", "data-live-run")).toEqual([String(id)]);
    expect(textsOf(html, '[data-field="judged"]')).toEqual(["3"]);
    const { body } = await v.api(`/api/runs/${id}`);
    expect(body.run.metrics.source).toBe("live");
    // Every verdict is listed, zeros included, as in the metrics the eval stores.
    const judged = Object.fromEntries(Object.entries(body.run.metrics.verdicts as Record<string, number>).filter(([, n]) => n > 0));
    expect(judged).toEqual(countVerdicts(id));
    // builtin/sum 1 of 2, builtin/echo-lines 1 of 1: the mean of per-problem rates.
    expect(body.run.metrics.passAtK["1"]).toBeCloseTo((0.5 + 1) / 2, 10);
    expect(body.run.metrics.passAtK["2"]).toBeCloseTo(1, 10);
  });

  test("has a JSON twin with metrics, provenance and grid", async () => {
    const { status, body } = await v.api(`/api/runs/${v.fx.runIds.strong}`);
    expect(status).toBe(200);
    expect(body.run.name).toBe("strong-model-builtin");
    expect(body.provenance.judgeVersions["g++"]).toBe("12.2.0");
    expect(body.grid).toHaveLength(4);
  });

  test("answers 404 for an unknown run and 400 for an id that is not a number", async () => {
    const missing = await v.page("/runs/999");
    expect(missing.status).toBe(404);
    expect(textsOf(missing.html, "p.error-text")).toEqual(["run 999 not found"]);
    expect((await v.api("/api/runs/999")).body).toEqual({ error: { status: 404, message: "run 999 not found" } });
    expect((await v.page("/runs/abc")).status).toBe(400);
    expect((await v.api("/api/runs/1.5")).status).toBe(400);
  });
});
