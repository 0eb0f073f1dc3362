/**
 * The run page over runs the harness wrote: the built-in eval's runs, a second dataset version with
 * two sources (a real eval of an edited copy), and a run a killed eval left running.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { openDb } from "../../../harness/store/db.ts";
import { runs, samples } from "../../../harness/store/schema.ts";
import { pickRateBucket } from "../../../reports/render/format.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { interruptSlowEval, type InterruptedEval } from "../support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";
import { evalSecondVersion, type SecondVersion } from "../support/second-version.ts";

let v: RealViewer;
let running: InterruptedEval;
let second: SecondVersion;
beforeAll(async () => {
  v = await openRealViewer();
  second = await evalSecondVersion(v.dbPath);
  running = await interruptSlowEval(v.dbPath);
}, 600_000);
afterAll(() => {
  v.close();
  running?.cleanup();
});

/** A run's sample rows, straight from SQLite. */
function sampleRows(runId: number) {
  const db = openDb(v.dbPath, { readonly: true });
  const rows = db.select().from(samples).where(eq(samples.runId, runId)).all();
  db.$client.close();
  return rows;
}

/** Verdict counts of a run, counted from its sample rows. */
function countVerdicts(runId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sampleRows(runId)) out[s.verdict] = (out[s.verdict] ?? 0) + 1;
  return out;
}

function storedRun(id: number) {
  const db = openDb(v.dbPath, { readonly: true });
  const row = db.select().from(runs).where(eq(runs.id, id)).get();
  db.$client.close();
  return row!;
}

describe("run page", () => {
  test("shows pass@k, compile rate and solved counts from the stored metrics", async () => {
    const id = v.runId("strong-coder");
    const stored = JSON.parse(storedRun(id).metrics ?? "{}");
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
    const id = v.runId("sloppy-coder");
    const counts = countVerdicts(id);
    expect(Object.keys(counts).length).toBeGreaterThan(2);
    const { html } = await v.page(`/runs/${id}`);
    const titles = textsOf(html, "svg.chart a.verdict-bar rect title");
    expect(titles.sort()).toEqual(Object.entries(counts).map(([k, n]) => `${k}: ${n}`).sort());
  });

  test("breaks pass@1 down by difficulty and by source", async () => {
    const { html } = await v.page(`/runs/${v.runId("strong-coder")}`);
    const tables = textsOf(html, "main section h2");
    expect(tables).toContain("By difficulty");
    expect(tables).toContain("By source");
    expect(tableRows(html, "table.grid-table").map((r) => r[0])).toEqual(expect.arrayContaining(["easy", "medium", "hard", "builtin"]));
    // The second version's problems come from two sources: one row each.
    const v2 = await v.page(`/runs/${second.runId}`);
    expect(tableRows(v2.html, "table.grid-table").map((r) => r[0])).toEqual(expect.arrayContaining(["builtin", "second-source"]));
  });

  test("colours one grid cell per problem by pass rate and links it to that problem's samples", async () => {
    const id = v.runId("sloppy-coder");
    const tally = new Map<string, [number, number]>();
    for (const s of sampleRows(id)) {
      const [n, c] = tally.get(s.problemId) ?? [0, 0];
      tally.set(s.problemId, [n + 1, c + (s.verdict === "AC" ? 1 : 0)]);
    }
    const { html } = await v.page(`/runs/${id}`);
    const ids = attrsOf(html, ".problem-grid a.cell", "title").map((t) => t.slice(0, t.indexOf(": ")));
    expect([...ids].sort()).toEqual([...tally.keys()].sort());
    expect(attrsOf(html, ".problem-grid a.cell", "title")).toEqual(ids.map((p) => `${p}: ${tally.get(p)![1]}/${tally.get(p)![0]} passed`));
    const classes = attrsOf(html, ".problem-grid a.cell", "class");
    expect(classes).toEqual(ids.map((p) => `cell r${pickRateBucket(tally.get(p)![1] / tally.get(p)![0])}`));
    expect(new Set(classes).size).toBeGreaterThan(1);
    expect(attrsOf(html, ".problem-grid a.cell", "href")[0]).toBe(`/runs/${id}/samples?problem=${encodeURIComponent(ids[0]!)}`);
  });

  test("shows the full provenance: dataset sha, judge versions, limits and extraction settings", async () => {
    const id = v.runId("strong-coder");
    const { html } = await v.page(`/runs/${id}`);
    expect(html).toContain(storedRun(id).datasetSha256);
    const { provenance } = (await v.api(`/api/runs/${id}`)).body;
    // Key/value tables, not raw JSON: one row per setting, nested keys dotted, lists joined.
    const rows = tableRows(html, "table.kv");
    const expected = [
      ["g++", provenance.judgeVersions["g++"]],
      ["bwrap", provenance.judgeVersions.bwrap],
      ["compile.cpuMs", String(provenance.limits.compile.cpuMs)],
      ["allTests", "false"],
      ["ks", provenance.limits.ks.join(", ")],
      ["fence", provenance.extraction.fence],
      ["prefixJoin", provenance.extraction.prefixJoin],
    ];
    for (const row of expected) {
      expect(row[1]).toEqual(expect.any(String));
      expect(rows).toContainEqual(row);
    }
    expect(provenance.limits.ks.length).toBeGreaterThan(1);
    expect(textsOf(html, "pre.json")).toEqual([]);
  });

  test("computes live metrics for a running run and marks it for live updates", async () => {
    const id = running.runId;
    const { html } = await v.page(`/runs/${id}`);
    expect(attrsOf(html, "[data-live-run]", "data-live-run")).toEqual([String(id)]);
    expect(textsOf(html, '[data-field="judged"]')).toEqual([String(running.stored)]);
    const { body } = await v.api(`/api/runs/${id}`);
    expect(body.run.metrics.source).toBe("live");
    // Every verdict is listed, zeros included, as in the metrics the eval stores.
    const judged = Object.fromEntries(Object.entries(body.run.metrics.verdicts as Record<string, number>).filter(([, n]) => n > 0));
    const counts = countVerdicts(id);
    expect(judged).toEqual(counts);
    // One problem judged so far, n samples of which c passed: pass@1 = c/n, pass@2 = 1 - C(n-c, 2)/C(n, 2).
    const [n, c] = [running.stored, counts.AC ?? 0];
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(n);
    expect(body.run.metrics.passAtK["1"]).toBeCloseTo(c / n, 10);
    expect(body.run.metrics.passAtK["2"]).toBeCloseTo(1 - ((n - c) * (n - c - 1)) / (n * (n - 1)), 10);
  });

  test("has a JSON twin with metrics, provenance and grid", async () => {
    const id = v.runId("strong-coder");
    const { status, body } = await v.api(`/api/runs/${id}`);
    expect(status).toBe(200);
    expect(body.run.name).toBe("builtin/strong-coder");
    expect(body.provenance.judgeVersions["g++"]).toContain("g++");
    expect(body.grid).toHaveLength(new Set(sampleRows(id).map((s) => s.problemId)).size);
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
