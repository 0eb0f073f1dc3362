/** Moving between samples on a real eval's database: prev/next and the breadcrumb keep the list's filter. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { attrsOf, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let sloppy: number;
/** Sample ids of the sloppy-coder run by verdict, in sample-index order (straight from SQLite). */
let byVerdict: (verdict: string) => number[];
beforeAll(async () => {
  v = await openRealViewer();
  sloppy = v.runId("sloppy-coder");
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT id, verdict FROM samples WHERE run_id = ? ORDER BY sample_index").all(sloppy) as { id: number; verdict: string }[];
  db.close();
  byVerdict = (verdict) => rows.filter((r) => r.verdict === verdict).map((r) => r.id);
}, 600_000);
afterAll(() => v.close());

describe("sample navigation within a filtered list", () => {
  test("a sample opened from the WA list links to the previous and next WA samples, never to others", async () => {
    const wa = byVerdict("WA");
    expect(wa.length).toBeGreaterThan(2);
    const list = await v.page(`/runs/${sloppy}/samples?verdict=WA`);
    expect(attrsOf(list.html, "a.sample-link", "href")[1]).toBe(`/samples/${wa[1]}?verdict=WA`);
    const { html } = await v.page(`/samples/${wa[1]}?verdict=WA`);
    expect(attrsOf(html, 'a[rel="prev"]', "href")).toEqual([`/samples/${wa[0]}?verdict=WA`]);
    expect(attrsOf(html, 'a[rel="next"]', "href")).toEqual([`/samples/${wa[2]}?verdict=WA`]);
    const last = await v.page(`/samples/${wa.at(-1)}?verdict=WA`);
    expect(attrsOf(last.html, 'a[rel="next"]', "href")).toEqual([]);
  });

  test("the breadcrumb leads back to the filtered list, and says which list it is", async () => {
    const [first] = byVerdict("TLE");
    const { html } = await v.page(`/samples/${first}?verdict=TLE`);
    expect(attrsOf(html, "a.crumb-list", "href")).toEqual([`/runs/${sloppy}/samples?verdict=TLE`]);
    expect(textsOf(html, "a.crumb-list")).toEqual(["TLE samples"]);
  });

  test("says which of its problem's samples this one is", async () => {
    const { body } = await v.api(`/api/samples/${byVerdict("WA")[0]}`);
    const { html } = await v.page(`/samples/${byVerdict("WA")[0]}`);
    expect(body.ofProblem.n).toBe(3);
    expect(textsOf(html, ".of-problem")).toEqual([`sample ${body.ofProblem.k} of 3 for this problem`]);
  });

  test("a malformed sample id is a path parameter error, an unknown filter value a query parameter error", async () => {
    const bad = await v.api("/api/samples/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(`path parameter 'id': expected a positive integer, got "abc"`);
    const badFilter = await v.api(`/api/samples/${byVerdict("WA")[0]}?verdict=NOPE`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.message).toStartWith("query parameter 'verdict'");
  });
});
