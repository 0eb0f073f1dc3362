/**
 * In real headless Chromium (Debian's /usr/bin/chromium via playwright-core), over a real eval's database
 * with a real `rewards compare`: leaderboard → failing sample in two clicks, prev/next and the j/k keys
 * within a filtered list, the compare scatter plot, and search. Screenshots go to test-output/screenshots/,
 * and with REPORTS_UPDATE_DOCS=1 also to reports/docs/ (the README shows those).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startReportServer } from "../../reports/server.ts";
import { launchChromium } from "./support/browser.ts";
import { openRealViewer, type RealViewer } from "./support/real-viewer.ts";

const ROOT = join(import.meta.dir, "..", "..");
const SHOTS = join(ROOT, "test-output", "screenshots");
const DOCS = join(ROOT, "reports", "docs");

let v: RealViewer;
let server: { url: string; stop(): void };
let browser: Browser;
let sloppy: number;
let strong: number;
/** Sample ids of the sloppy-coder run with a verdict, in sample-index order. */
let idsOf: (verdict: string) => number[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  v = await openRealViewer();
  sloppy = v.runId("sloppy-coder");
  strong = v.runId("strong-coder");
  const db = new Database(v.dbPath, { readonly: true });
  const rows = db.query("SELECT id, verdict FROM samples WHERE run_id = ? ORDER BY sample_index").all(sloppy) as { id: number; verdict: string }[];
  db.close();
  idsOf = (verdict) => rows.filter((r) => r.verdict === verdict).map((r) => r.id);
  server = startReportServer({ dbPath: v.dbPath, port: 0 });
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  server?.stop();
  v?.close();
});

async function openPage(height = 900): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, errors };
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, name), fullPage });
  if (process.env.REPORTS_UPDATE_DOCS === "1") await page.screenshot({ path: join(DOCS, name), fullPage });
}

const sampleId = (url: string) => Number(/\/samples\/(\d+)/.exec(url)?.[1]);

describe("navigating the viewer in Chromium", () => {
  test("reaches a failing sample from the leaderboard in two clicks", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/runs/${sloppy}`);
    await shoot(page, "run.png", true);
    await page.goto(`${server.url}/`);
    await shoot(page, "leaderboard.png");
    await page.locator(`a.verdict-count[href="/runs/${sloppy}/samples?verdict=WA"]`).click();
    await page.waitForURL(`**/runs/${sloppy}/samples?verdict=WA`);
    await page.locator("a.sample-link").first().click();
    await page.waitForURL("**/samples/**");
    expect(sampleId(page.url())).toBe(idsOf("WA")[0] as number);
    expect(await page.locator("h1 .badge").textContent()).toBe("WA");
    expect(errors).toEqual([]);
  });

  test("moves within the filtered list with next/previous links and with the j, k and arrow keys", async () => {
    const wa = idsOf("WA");
    const { page, errors } = await openPage(1100);
    await page.goto(`${server.url}/samples/${wa[0]}?verdict=WA`);
    await page.getByRole("link", { name: "next sample ›" }).click();
    await page.waitForURL(`**/samples/${wa[1]}?verdict=WA`);
    await page.keyboard.press("j");
    await page.waitForURL(`**/samples/${wa[2]}?verdict=WA`);
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(`**/samples/${wa[3]}?verdict=WA`);
    await page.keyboard.press("k");
    await page.waitForURL(`**/samples/${wa[2]}?verdict=WA`);
    await page.keyboard.press("ArrowLeft");
    await page.waitForURL(`**/samples/${wa[1]}?verdict=WA`);
    expect(await page.locator("h1 .badge").textContent()).toBe("WA");
    expect(await page.locator("a.crumb-list").getAttribute("href")).toBe(`/runs/${sloppy}/samples?verdict=WA`);
    await shoot(page, "sample.png");
    expect(errors).toEqual([]);
  });

  test("draws the compare scatter plot, whose circles link to the problem's samples", async () => {
    const { page, errors } = await openPage(1000);
    await page.goto(`${server.url}/compare?a=${strong}&b=${sloppy}`);
    const dots = page.locator("svg.scatter circle.dot");
    expect(await dots.count()).toBeGreaterThan(3);
    const box = await page.locator("svg.scatter").boundingBox();
    // Square, as drawn: the layout does not stretch one axis.
    expect(box!.width).toBe(box!.height);
    expect(await page.locator("details.deltas").getAttribute("open")).toBeNull();
    await shoot(page, "compare.png");
    await page.locator("svg.scatter a.point").first().click();
    await page.waitForURL(`**/runs/${sloppy}/samples?problem=**`);
    expect(errors).toEqual([]);
  });

  test("sorts the collapsed per-problem table by a click on its header", async () => {
    const { page } = await openPage();
    await page.goto(`${server.url}/compare?a=${strong}&b=${sloppy}`);
    await page.locator("details.deltas summary").click();
    await page.locator("table.deltas th", { hasText: "B − A" }).click();
    const cells = await page.locator("table.deltas tbody tr td:nth-child(4)").allTextContents();
    const values = cells.map((c) => parseFloat(c));
    expect(values).toEqual([...values].sort((x, y) => y - x));
  });

  test("searches completions and code from the sample list", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${server.url}/runs/${sloppy}/samples`);
    await page.locator('input[name="q"]').fill("sys.stdin");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL("**/samples?q=sys.stdin");
    const n = await page.locator("a.sample-link").count();
    expect(n).toBeGreaterThan(0);
    expect(await page.locator("main p.muted", { hasText: "matching" }).textContent()).toContain(`${n} sample`);
    await shoot(page, "search.png");
    expect(errors).toEqual([]);
  });
});
