/** The sample list on a real eval's database; expected rows come from SQLite directly. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { VERDICTS } from "../../../judges/types.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let run: number;
type Row = { sample_index: number; problem_id: string; verdict: string; passed: number; total: number };
let rows: Row[];
beforeAll(async () => {
  v = await openRealViewer();
  run = v.runId("sloppy-coder");
  const db = new Database(v.dbPath, { readonly: true });
  rows = db.query("SELECT sample_index, problem_id, verdict, passed, total FROM samples WHERE run_id = ? ORDER BY sample_index").all(run) as Row[];
  db.close();
}, 600_000);
afterAll(() => v.close());

describe("sample list page", () => {
  test("lists a run's samples in sample order with problem, verdict and tests passed", async () => {
    const { status, html } = await v.page(`/runs/${run}/samples?limit=500`);
    expect(status).toBe(200);
    const shown = tableRows(html, "table.samples").map((r) => r.slice(0, 4));
    expect(shown).toEqual(rows.map((r) => [String(r.sample_index), r.problem_id, r.verdict, `${r.passed}/${r.total}`]));
  });

  test("pages through with limit and page, reporting the page count", async () => {
    const path = `/runs/${run}/samples`;
    const pages = Math.ceil(rows.length / 40);
    const p1 = await v.api(`/api${path}?limit=40`);
    const last = await v.api(`/api${path}?limit=40&page=${pages}`);
    expect([p1.body.total, p1.body.pages]).toEqual([rows.length, pages]);
    expect(p1.body.items.map((s: { sampleIndex: number }) => s.sampleIndex)).toEqual(rows.slice(0, 40).map((r) => r.sample_index));
    expect(last.body.items.map((s: { sampleIndex: number }) => s.sampleIndex)).toEqual(rows.slice((pages - 1) * 40).map((r) => r.sample_index));
    const { html } = await v.page(`${path}?limit=40&page=2`);
    expect(textsOf(html, ".pager-pos")).toEqual([`page 2 of ${pages}`]);
    expect(attrsOf(html, 'nav.pager a[rel="next"]', "href")).toEqual([`${path}?limit=40&page=3`]);
  });

  test("filters by verdict, by a problem id containing a slash, by language, and by both", async () => {
    const path = `/api/runs/${run}/samples?limit=500`;
    const wa = await v.api(`${path}&verdict=WA`);
    expect(wa.body.items.map((s: { sampleIndex: number }) => s.sampleIndex)).toEqual(rows.filter((r) => r.verdict === "WA").map((r) => r.sample_index));
    const pid = rows[0]!.problem_id;
    const one = await v.api(`${path}&problem=${encodeURIComponent(pid)}`);
    expect(one.body.items.map((s: { sampleIndex: number }) => s.sampleIndex)).toEqual(rows.filter((r) => r.problem_id === pid).map((r) => r.sample_index));
    const both = await v.api(`${path}&problem=${encodeURIComponent(pid)}&verdict=${rows[0]!.verdict}`);
    expect(both.body.total).toBe(rows.filter((r) => r.problem_id === pid && r.verdict === rows[0]!.verdict).length);
    const py = await v.api(`${path}&language=python`);
    expect(py.body.items.every((s: { language: string }) => s.language === "python")).toBe(true);
    expect(py.body.total).toBeGreaterThan(0);
    expect(py.body.total).toBeLessThan(rows.length);
  });

  test("offers a filter link per verdict with its count, in the judge's verdict order", async () => {
    const { html } = await v.page(`/runs/${run}/samples?verdict=WA`);
    const count = (x: string) => rows.filter((r) => r.verdict === x).length;
    const present = VERDICTS.filter((x) => count(x) > 0);
    expect(textsOf(html, "nav.chips a")).toEqual(["all", ...present.map((x) => `${x} (${count(x)})`)]);
    expect(textsOf(html, "nav.chips a.active")).toEqual([`WA (${count("WA")})`]);
  });

  test("answers 400 for an unknown verdict or a bad page, and 404 past the last page or for an unknown run", async () => {
    const path = `/runs/${run}/samples`;
    expect((await v.page(`${path}?verdict=MAYBE`)).status).toBe(400);
    expect((await v.page(`${path}?page=0`)).status).toBe(400);
    expect((await v.api(`/api${path}?limit=9999`)).status).toBe(400);
    expect((await v.page(`${path}?page=99`)).status).toBe(404);
    expect((await v.api("/api/runs/404/samples")).status).toBe(404);
  });
});
