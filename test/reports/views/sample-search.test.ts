/** Sorting and full-text search of a run's samples (SQLite FTS5, migration 0002) on a real eval's database. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync } from "node:fs";
import { buildFtsQuery } from "../../../reports/data/samples.ts";
import { buildReportApp } from "../../../reports/app.ts";
import { attrsOf, tableRecords } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let sloppy: number;
type Row = { id: number; sample_index: number; completion: string; code: string | null; time_ms: number; score: number; passed: number; verdict: string };
let rows: Row[];
beforeAll(async () => {
  v = await openRealViewer();
  sloppy = v.runId("sloppy-coder");
  const db = new Database(v.dbPath, { readonly: true });
  rows = db.query("SELECT id, sample_index, completion, code, time_ms, score, passed, verdict FROM samples WHERE run_id = ? ORDER BY sample_index").all(sloppy) as Row[];
  db.close();
}, 600_000);
afterAll(() => v.close());

const indexes = (html: string) => tableRecords(html, "table.samples").map((r) => Number(r["#"]));

describe("sample list sorting", () => {
  test("sorts by time, slowest first, and flips on a second click", async () => {
    const { html } = await v.page(`/runs/${sloppy}/samples?sort=time&dir=desc&limit=500`);
    const expected = [...rows].sort((a, b) => b.time_ms - a.time_ms || b.sample_index - a.sample_index).map((r) => r.sample_index);
    expect(indexes(html)).toEqual(expected);
    expect(attrsOf(html, "th.sorted a", "href")).toEqual([`/runs/${sloppy}/samples?sort=time&dir=asc&limit=500`]);
  });

  test("sorts by tests passed and by score within a verdict filter", async () => {
    const passed = await v.page(`/runs/${sloppy}/samples?verdict=WA&sort=passed&dir=asc`);
    const wa = rows.filter((r) => r.verdict === "WA");
    expect(indexes(passed.html)).toEqual([...wa].sort((a, b) => a.passed - b.passed || a.sample_index - b.sample_index).map((r) => r.sample_index));
    const score = await v.page(`/runs/${sloppy}/samples?sort=score&dir=desc&limit=500`);
    expect(indexes(score.html)).toEqual([...rows].sort((a, b) => b.score - a.score || b.sample_index - a.sample_index).map((r) => r.sample_index));
  });

  test("rejects an unknown sort key naming the parameter", async () => {
    const { status, body } = await v.api(`/api/runs/${sloppy}/samples?sort=memory`);
    expect(status).toBe(400);
    expect(body.error.message).toStartWith("query parameter 'sort'");
  });
});

describe("full-text search", () => {
  test("finds exactly the samples whose completion or code contains the words, and keeps the search in sample links", async () => {
    const word = "sys.stdin";
    const expected = rows.filter((r) => /\bsys\s*\.\s*stdin\b/.test(r.completion) || /\bsys\s*\.\s*stdin\b/.test(r.code ?? "")).map((r) => r.sample_index);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(rows.length);
    const { html } = await v.page(`/runs/${sloppy}/samples?q=${encodeURIComponent(word)}&limit=500`);
    expect(indexes(html)).toEqual(expected);
    const first = attrsOf(html, "a.sample-link", "href")[0]!;
    expect(first).toEndWith(`?q=${encodeURIComponent(word)}`);
    const sample = await v.page(first);
    const next = attrsOf(sample.html, 'a[rel="next"]', "href")[0];
    const secondId = rows.find((r) => r.sample_index === expected[1])!.id;
    expect(next).toBe(`/samples/${secondId}?q=${encodeURIComponent(word)}`);
  });

  test("treats FTS5 syntax in the query as plain words", async () => {
    expect(buildFtsQuery('print("a" OR NEAR')).toBe('"print(""a""" AND "OR" AND "NEAR"');
    const { status } = await v.page(`/runs/${sloppy}/samples?q=${encodeURIComponent('") OR * NEAR(')}`);
    expect(status).toBe(200);
  });

  test("says what to do when the database predates the search index", async () => {
    const old = `${v.dbPath}.old.db`;
    copyFileSync(v.dbPath, old);
    const db = new Database(old);
    db.exec("DROP TABLE samples_fts");
    db.close();
    const { app, close } = buildReportApp({ dbPath: old });
    const res = await app.request(`/api/runs/${sloppy}/samples?q=print`);
    close();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("no search index (it predates migration 0002)");
  });
});
