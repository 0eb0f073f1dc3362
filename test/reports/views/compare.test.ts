import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { comparePaired, testMcNemar } from "../../../harness/metrics/confidence.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";
import { evalSecondVersion } from "../support/second-version.ts";

let v: RealViewer;
let strong: number;
let sloppy: number;
let think: number;
/** Per-problem [samples, AC samples] of a run, straight from SQLite. */
let tallies: (runId: number) => Map<string, [number, number]>;
beforeAll(async () => {
  v = await openRealViewer();
  [strong, sloppy, think] = [v.runId("strong-coder"), v.runId("sloppy-coder"), v.runId("think-then-code")];
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT run_id, problem_id, count(*) AS n, sum(verdict = 'AC') AS c FROM samples GROUP BY run_id, problem_id").all() as {
    run_id: number;
    problem_id: string;
    n: number;
    c: number;
  }[];
  db.close();
  tallies = (runId) => new Map(rows.filter((r) => r.run_id === runId).map((r) => [r.problem_id, [r.n, r.c]]));
}, 600_000);
afterAll(() => v.close());

describe("compare page over a real eval", () => {
  test("lists problems solved by one run and not the other", async () => {
    const solved = (id: number) => new Set([...tallies(id)].filter(([, [, c]]) => c > 0).map(([p]) => p));
    const [a, b] = [solved(strong), solved(sloppy)];
    const { body } = await v.api(`/api/compare?a=${strong}&b=${sloppy}`);
    expect([...body.onlyA].sort()).toEqual([...a].filter((p) => !b.has(p)).sort());
    expect([...body.onlyB].sort()).toEqual([...b].filter((p) => !a.has(p)).sort());
    expect(body.onlyA.length).toBeGreaterThan(0);
  });

  test("reports a paired bootstrap difference with its interval and p-value, and McNemar's test, as the harness computes them", async () => {
    const { body } = await v.api(`/api/compare?a=${strong}&b=${sloppy}`);
    const [ta, tb] = [tallies(strong), tallies(sloppy)];
    const ids = [...ta.keys()].filter((p) => tb.has(p));
    const rate = (t: [number, number]) => t[1] / t[0];
    const expected = comparePaired(
      ids.map((p) => rate(ta.get(p)!)),
      ids.map((p) => rate(tb.get(p)!)),
    )!;
    expect(body.paired.difference).toBeCloseTo(expected.difference, 12);
    expect(body.paired.pValue).toBeCloseTo(expected.pValue, 12);
    expect(body.paired.method).toBe("percentile bootstrap over problems");
    expect(body.paired.low).toBeLessThan(body.paired.difference);
    expect(body.paired.high).toBeGreaterThan(body.paired.difference);
    expect(body.mcnemar).toEqual(testMcNemar(body.onlyA.length, body.onlyB.length));
    const { html } = await v.page(`/compare?a=${strong}&b=${sloppy}`);
    const row = tableRows(html, "table.compare-summary")[1]!;
    expect(row[3]).toMatch(/^-\d+\.\d pp \[-\d+\.\d, -?\d+\.\d\]$/);
    expect(row[4]).toMatch(/^p [=<] 0\.\d{3}$/);
  });

  test("draws one scatter circle per distinct (A, B) pass-rate pair, covering every problem both ran", async () => {
    const { body } = await v.api(`/api/compare?a=${strong}&b=${sloppy}`);
    const { html } = await v.page(`/compare?a=${strong}&b=${sloppy}`);
    const counts = attrsOf(html, "svg.scatter circle.dot", "data-count").map(Number);
    const distinct = new Set(body.points.map((p: { a: number; b: number }) => `${p.a.toFixed(6)},${p.b.toFixed(6)}`));
    expect(counts).toHaveLength(distinct.size);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(body.points.length);
    expect(body.points).toHaveLength(30);
    expect(attrsOf(html, "svg.scatter a.point", "href").every((h) => h.startsWith(`/runs/${sloppy}/samples?problem=`))).toBe(true);
  });

  test("keeps the per-problem table, collapsed and sortable, largest change first", async () => {
    const { html } = await v.page(`/compare?a=${strong}&b=${sloppy}`);
    expect(attrsOf(html, "details.deltas", "open")).toEqual([]);
    expect(attrsOf(html, "table.deltas", "class")).toEqual(["grid-table deltas sortable"]);
    const magnitudes = tableRows(html, "table.deltas").map((r) => Math.abs(parseFloat(r[3] ?? "0")));
    expect(magnitudes.length).toBeGreaterThan(0);
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => y - x));
  });

  test("compares one baseline against several runs", async () => {
    const { body } = await v.api(`/api/compare?a=${strong}&b=${sloppy}&b=${think}`);
    expect(body.baseline.id).toBe(strong);
    expect(body.comparisons.map((c: { b: { id: number } }) => c.b.id)).toEqual([sloppy, think]);
    const { html } = await v.page(`/compare?a=${strong}&b=${sloppy}&b=${think}`);
    expect(tableRows(html, "table.compare-summary").map((r) => r[0])).toEqual(["A", "B1", "B2"]);
    expect(attrsOf(html, "section.pair", "data-b")).toEqual([String(sloppy), String(think)]);
    expect(textsOf(html, 'select[name="b"] option[selected]')).toHaveLength(2);
  });

  test("is symmetric: swapping the runs swaps the lists and negates the difference", async () => {
    const ab = (await v.api(`/api/compare?a=${strong}&b=${sloppy}`)).body;
    const ba = (await v.api(`/api/compare?a=${sloppy}&b=${strong}`)).body;
    expect(ba.onlyA).toEqual(ab.onlyB);
    expect(ba.onlyB).toEqual(ab.onlyA);
    expect(ba.meanDelta).toBeCloseTo(-ab.meanDelta, 10);
    expect(ba.mcnemar.pValue).toBe(ab.mcnemar.pValue);
  });

  test("warns when the runs used different dataset versions", async () => {
    // A second, real eval into the same database on an edited copy of the built-in problems.
    const second = await evalSecondVersion(v.dbPath);
    const { html } = await v.page(`/compare?a=${strong}&b=${second.runId}`);
    expect(textsOf(html, "p.warning")[0]).toContain("different dataset versions");
    // Runs on one version carry no warning.
    expect(textsOf((await v.page(`/compare?a=${strong}&b=${sloppy}`)).html, "p.warning")).toEqual([]);
  }, 120_000);

  test("shows a run picker when no pair is given, preselecting a", async () => {
    const { status, html } = await v.page(`/compare?a=${sloppy}`);
    expect(status).toBe(200);
    expect(textsOf(html, 'select[name="a"] option[selected]')).toEqual([`#${sloppy} builtin/sloppy-coder (builtin)`]);
  });

  test("answers 400 for missing or malformed ids and 404 for unknown runs", async () => {
    expect((await v.api("/api/compare")).status).toBe(400);
    expect((await v.page(`/compare?a=${strong}&b=x`)).status).toBe(400);
    expect((await v.api(`/api/compare?a=${strong}&b=77`)).status).toBe(404);
  });
});
