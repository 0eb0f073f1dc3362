/**
 * The viewer over a database filled by a real `bun run eval` of the built-in set (real g++, python3 and
 * bubblewrap), watched live while the eval writes, then checked page by page and in headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { buildReportApp } from "../../reports/app.ts";
import { startReportServer } from "../../reports/server.ts";
import { launchChromium } from "./support/browser.ts";
import { tableRecords, tableRows, textsOf } from "./support/html.ts";
import { spawnBuiltinEval, waitForRunningRun, type EvalRunJson } from "./support/real-eval.ts";
import { readSse } from "./support/sse.ts";

const ROOT = join(import.meta.dir, "..", "..");
const SHOTS = join(ROOT, "test-output", "screenshots");
const dir = mkdtempSync(join(tmpdir(), "reports-real-"));
const dbPath = join(dir, "harness.db");

let evalRuns: EvalRunJson[];
/** Progress events of the first run, received over SSE while the eval was judging it. */
let liveEvents: { event: string; judged: number; status: string }[] = [];
let viewer: ReturnType<typeof buildReportApp>;

beforeAll(async () => {
  const evalProc = spawnBuiltinEval(dbPath);
  const runId = await Promise.race([waitForRunningRun(dbPath, 120_000), evalProc.done.then(() => -1)]);
  if (runId > 0) {
    const live = buildReportApp({ dbPath, pollMs: 200 });
    const events = readSse(await live.app.request(`/api/runs/${runId}/events`));
    for (let e = await events.next(180_000); e; e = await events.next(180_000)) {
      const p = JSON.parse(e.data) as { judged: number; status: string };
      liveEvents.push({ event: e.event, judged: p.judged, status: p.status });
    }
    live.close();
  }
  evalRuns = (await evalProc.done).runs;
  viewer = buildReportApp({ dbPath });
}, 600_000);

afterAll(() => {
  viewer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await viewer.app.request(path);
  return { status: res.status, text: await res.text() };
};
const getJson = async (path: string) => JSON.parse((await get(path)).text);
const pct = (x: number | null | undefined) => (typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "—");

describe("the viewer over a real eval of the built-in set", () => {
  test("streamed the first run's progress live while the eval wrote it, until it finished", () => {
    const progress = liveEvents.filter((e) => e.event === "progress");
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]?.status).toBe("running");
    const judged = progress.map((e) => e.judged);
    expect(judged).toEqual([...judged].sort((a, b) => a - b));
    expect(liveEvents.at(-1)).toMatchObject({ event: "done", status: "done", judged: evalRuns[0]?.samples });
  });

  test("ranks the built-in runs by the pass@1 the eval reported", async () => {
    const html = (await get("/")).text;
    const rows = tableRecords(html, 'table.leaderboard[data-dataset="builtin"]');
    const expected = [...evalRuns].sort((a, b) => (b.pass_at_k["1"] ?? 0) - (a.pass_at_k["1"] ?? 0));
    expect(rows.map((r) => r.Run)).toEqual(expected.map((r) => r.name));
    // pass@1, then its bootstrap interval.
    expect(rows.map((r) => r["pass@1"]?.split(" [")[0])).toEqual(expected.map((r) => pct(r.pass_at_k["1"])));
    expect(rows.map((r) => r.Samples)).toEqual(expected.map((r) => String(r.samples)));
  });

  test("hides the pass@k columns that no run had enough samples to estimate", async () => {
    const heads = textsOf((await get("/")).text, 'table.leaderboard[data-dataset="builtin"] thead th');
    expect(heads).toContain("pass@1");
    for (const k of Object.keys(evalRuns[0]?.pass_at_k ?? {})) {
      const estimated = evalRuns.some((r) => r.pass_at_k[k] !== null);
      expect(heads.includes(`pass@${k}`)).toBe(estimated);
    }
  });

  test("renders every run page with one grid cell per problem judged", async () => {
    const problems = (await getJson("/api/datasets"))[0].problems;
    for (const r of evalRuns) {
      const { status, text } = await get(`/runs/${r.run_id}`);
      expect(status).toBe(200);
      expect(textsOf(text, "h1")[0]).toContain(r.name);
      expect([...text.matchAll(/class="cell r\d+"/g)]).toHaveLength(problems);
    }
  });

  test("renders every sample page with one row per stored test result", async () => {
    const db = new Database(dbPath, { readonly: true });
    const counts = new Map((db.query("SELECT sample_id AS id, count(*) AS n FROM test_results GROUP BY sample_id").all() as { id: number; n: number }[]).map((r) => [r.id, r.n]));
    db.close();
    let pages = 0;
    for (const r of evalRuns) {
      const list = await getJson(`/api/runs/${r.run_id}/samples?limit=500`);
      expect(list.total).toBe(r.samples);
      for (const s of list.items as { id: number; problemId: string; verdict: string }[]) {
        const { status, text } = await get(`/samples/${s.id}`);
        expect(status).toBe(200);
        expect(textsOf(text, "h1 .problem-id")).toEqual([s.problemId]);
        expect(tableRows(text, "table.tests")).toHaveLength(counts.get(s.id) ?? 0);
        pages++;
      }
    }
    expect(pages).toBe(evalRuns.reduce((a, r) => a + r.samples, 0));
  });

  test("diffs a real wrong answer against the problem's expected output", async () => {
    const worst = evalRuns.at(-1) as EvalRunJson;
    const list = await getJson(`/api/runs/${worst.run_id}/samples?verdict=WA&limit=500`);
    const detail = await getJson(`/api/samples/${list.items[0].id}`);
    const failing = detail.tests.find((t: { verdict: string }) => t.verdict === "WA");
    const { text } = await get(`/samples/${list.items[0].id}`);
    const removed = tableRows(text, "table.diff").filter((row) => row[2] === "−").map((row) => row[3]);
    expect(removed.length).toBeGreaterThan(0);
    for (const line of removed) expect(failing.expected.split("\n")).toContain(line);
  });

  test("opens every problem of the built-in dataset", async () => {
    const [dataset] = await getJson("/api/datasets");
    const page = await getJson(`/api/datasets/${dataset.sha256}?limit=1000`);
    for (const p of page.problems as { id: string }[]) {
      const { status, text } = await get(`/datasets/${dataset.sha256}/problems/${encodeURIComponent(p.id)}`);
      expect(status).toBe(200);
      expect(textsOf(text, "h1.problem-id")).toEqual([p.id]);
    }
  });

  test("shows the built-in leaderboard in Chromium with working drill-down and no console errors", async () => {
    const server = startReportServer({ dbPath, port: 0 });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 420 } });
      const errors: string[] = [];
      page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${server.url}/`);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, "builtin-leaderboard.png") });
      // The README's picture; refreshed on request only, so test runs leave the tree unchanged.
      if (process.env.REPORTS_UPDATE_DOCS === "1") await page.screenshot({ path: join(ROOT, "reports", "docs", "leaderboard.png") });
      const top = evalRuns.reduce((a, b) => ((b.pass_at_k["1"] ?? 0) > (a.pass_at_k["1"] ?? 0) ? b : a));
      await page.getByRole("link", { name: top.name }).click();
      await page.waitForURL(`**/runs/${top.run_id}`);
      await page.locator(".problem-grid a.cell").first().click();
      await page.waitForURL(`**/runs/${top.run_id}/samples?problem=*`);
      await page.locator("a.sample-link").first().click();
      await page.waitForURL("**/samples/*");
      expect(await page.locator("pre.code").count()).toBeGreaterThan(0);
      expect(await page.locator("table.tests tbody tr").count()).toBeGreaterThan(0);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(SHOTS, "builtin-sample.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      server.stop();
    }
  });
});
