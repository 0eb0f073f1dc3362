/**
 * End-to-end: the viewer served over HTTP on loopback, driven in real headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core). Screenshots go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startReportServer } from "../../reports/server.ts";
import { parseOneJson, runCli } from "../support/cli.ts";
import { launchChromium } from "./support/browser.ts";
import { evalExtraDataset, MANY_TESTS_ID } from "./support/extra-dataset.ts";
import { interruptSlowEval, SLOW_SAMPLES, type InterruptedEval } from "./support/interrupted-eval.ts";
import { openRealViewer, type RealViewer } from "./support/real-viewer.ts";

const SHOTS = join(import.meta.dir, "..", "..", "test-output", "screenshots");
const XSS_COMPLETION =
  "Here is my answer:\n```python\nimport sys\n# <script>alert(1)</script>\nsys.stderr.write('<script>alert(2)</script>')\nprint('<img src=x onerror=alert(1)>')\n```\n<script>alert(1)</script>";

// Everything here was written by the harness: the built-in eval, a hostile completion and a small
// second dataset judged by real evals, and a run a killed eval left running (resumed in the live test).
let v: RealViewer;
let running: InterruptedEval;
let server: { url: string; stop(): void };
let browser: Browser;
let ids: { strong: number; sloppy: number; xss: number; compileError: number; first: { id: number; problemId: string; code: string; tests: number } };
let shas: { builtin: string; other: string };
let builtinProblems: number;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  v = await openRealViewer();
  const file = `${v.dbPath}.xss.jsonl`;
  writeFileSync(file, JSON.stringify({ problem_id: "builtin/reverse-string", completion: XSS_COMPLETION, language: "python", model: "hostile" }));
  const r = await runCli(["eval", "--samples", file, "--name", "hostile", "--db", v.dbPath, "--json", "--quiet"]);
  if (r.code !== 0) throw new Error(r.stderr);
  const hostile = parseOneJson<{ run_id: number }>(r).run_id;
  const other = (await evalExtraDataset(v.dbPath)).runId;
  running = await interruptSlowEval(v.dbPath);
  const db = new Database(v.dbPath, { readonly: true });
  const strong = v.runId("strong-coder");
  const first = db.query("SELECT id, problem_id AS problemId, code, (SELECT count(*) FROM test_results t WHERE t.sample_id = s.id) AS tests FROM samples s WHERE run_id = ? AND sample_index = 0").get(strong) as (typeof ids)["first"];
  const sha = (id: number) => (db.query("SELECT dataset_sha256 AS s FROM runs WHERE id = ?").get(id) as { s: string }).s;
  ids = {
    strong,
    sloppy: v.runId("sloppy-coder"),
    xss: (db.query("SELECT id FROM samples WHERE run_id = ?").get(hostile) as { id: number }).id,
    compileError: (db.query("SELECT id FROM samples WHERE verdict = 'CE' ORDER BY id LIMIT 1").get() as { id: number }).id,
    first,
  };
  shas = { builtin: sha(strong), other: sha(other) };
  builtinProblems = (db.query("SELECT count(*) AS n FROM problems WHERE dataset_sha256 = ?").get(shas.builtin) as { n: number }).n;
  db.close();
  server = startReportServer({ dbPath: v.dbPath, port: 0, pollMs: 100 });
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  server?.stop();
  v?.close();
  running?.cleanup();
});

/** A fresh page that records console errors, uncaught exceptions and dialogs. */
async function openPage(): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, errors, dialogs };
}

describe("the viewer in a browser", () => {
  test("drills down from the leaderboard to a run and to a sample", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/`);
    expect(await page.locator("h1").textContent()).toBe("Leaderboard");
    await page.screenshot({ path: join(SHOTS, "leaderboard.png"), fullPage: true });

    await page.getByRole("link", { name: "builtin/strong-coder", exact: true }).click();
    await page.waitForURL(`**/runs/${ids.strong}`);
    expect(await page.locator("h1").textContent()).toContain("builtin/strong-coder");
    expect(await page.locator(".problem-grid a.cell").count()).toBe(builtinProblems);
    await page.screenshot({ path: join(SHOTS, "run.png"), fullPage: true });

    await page.getByRole("link", { name: "All samples" }).click();
    await page.waitForURL(`**/runs/${ids.strong}/samples`);
    await page.locator("a.sample-link", { hasText: "0" }).first().click();
    await page.waitForURL(`**/samples/${ids.first.id}`);
    expect(await page.locator("h1 .problem-id").textContent()).toBe(ids.first.problemId);
    expect(await page.locator("pre.code").first().textContent()).toContain(ids.first.code.trim().split("\n")[0]!);
    expect(ids.first.tests).toBeGreaterThan(1);
    expect(await page.locator("table.tests tbody tr").count()).toBe(ids.first.tests);
    await page.screenshot({ path: join(SHOTS, "sample.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("shows a hostile completion as literal text: no script runs and no dialog opens", async () => {
    const { page, errors, dialogs } = await openPage();
    await page.goto(`${server.url}/samples/${ids.xss}`);
    const texts = await page.locator("pre.text").allTextContents();
    expect(texts.some((t) => t.includes("<script>alert(1)</script>") && t.includes("<img src=x onerror=alert(1)>"))).toBe(true);
    expect(await page.locator("table.diff").textContent()).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.locator("img").count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "xss-sample.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("renders every page without console errors", async () => {
    const { page, errors } = await openPage();
    const pages = [
      "/?sort=name&dir=asc",
      `/runs/${ids.sloppy}`,
      `/runs/${ids.sloppy}/samples?verdict=WA`,
      `/samples/${ids.compileError}`,
      `/compare?a=${ids.strong}&b=${ids.sloppy}`,
      `/runs/${ids.strong}/rewards`,
      "/datasets",
      `/datasets/${shas.builtin}`,
      `/datasets/${shas.other}/problems/${encodeURIComponent(MANY_TESTS_ID)}`,
    ];
    for (const path of pages) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status()).toBe(200);
    }
    await page.screenshot({ path: join(SHOTS, "problem.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("sorts a comparison table by clicking its header", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/compare?a=${ids.strong}&b=${ids.sloppy}`);
    const firstProblem = () => page.locator("table.deltas tbody tr td").first().textContent();
    // The per-problem table starts collapsed.
    await page.locator("details.deltas summary").click();
    await page.locator("table.deltas th", { hasText: "Problem" }).click();
    const desc = await firstProblem();
    await page.locator("table.deltas th", { hasText: "Problem" }).click();
    const asc = await firstProblem();
    const names = (await page.locator("table.deltas tbody tr td:first-child").allTextContents()).sort((a, b) => a.localeCompare(b));
    expect([asc, desc]).toEqual([names[0] ?? "", names[names.length - 1] ?? ""]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("updates a live run's progress over Server-Sent Events as samples are judged", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/live`);
    const judged = page.locator('[data-field="judged"]');
    expect(await judged.textContent()).toBe(String(running.stored));
    // The killed eval started again resumes the run and judges the rest, one sample at a time.
    const resumed = running.resume();
    const next = String(running.stored + 1);
    await page.waitForFunction((n) => document.querySelector('[data-field="judged"]')?.textContent === n, next, { timeout: 30_000 });
    expect(await page.locator("progress").getAttribute("value")).toBe(next);
    const final = await resumed;
    await page.getByRole("link", { name: "Run finished: open its final metrics" }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-field="status"]').textContent()).toBe("done");
    expect(await judged.textContent()).toBe(String(SLOW_SAMPLES));
    const counts = Object.entries(final.verdicts).filter(([, n]) => n > 0);
    expect(counts.length).toBeGreaterThan(1);
    expect(await page.locator('[data-field="verdicts"]').textContent()).toBe(counts.map(([k, n]) => `${k} ${n}`).join(" · "));
    await page.screenshot({ path: join(SHOTS, "live.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
