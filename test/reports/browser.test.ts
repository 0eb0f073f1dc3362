/**
 * End-to-end: the viewer served over HTTP on loopback, driven in real headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core). Screenshots go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { runs } from "../../harness/store/schema.ts";
import { startReportServer } from "../../reports/server.ts";
import { launchChromium } from "./support/browser.ts";
import { createFixtureDb, type FixtureDb } from "./support/fixture-db.ts";
import { MAIN_PROBLEMS } from "./support/fixture-problems.ts";
import { insertSample } from "./support/fixture-samples.ts";

const SHOTS = join(import.meta.dir, "..", "..", "test-output", "screenshots");

let fx: FixtureDb;
let server: { url: string; stop(): void };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fx = createFixtureDb();
  server = startReportServer({ dbPath: fx.path, port: 0, pollMs: 100 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
  fx?.cleanup();
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

    await page.getByRole("link", { name: "strong-model-builtin" }).click();
    await page.waitForURL(`**/runs/${fx.runIds.strong}`);
    expect(await page.locator("h1").textContent()).toContain("strong-model-builtin");
    expect(await page.locator(".problem-grid a.cell").count()).toBe(MAIN_PROBLEMS.length);
    await page.screenshot({ path: join(SHOTS, "run.png"), fullPage: true });

    await page.getByRole("link", { name: "All samples" }).click();
    await page.waitForURL(`**/runs/${fx.runIds.strong}/samples`);
    await page.locator("a.sample-link", { hasText: "0" }).first().click();
    await page.waitForURL(`**/samples/${fx.sampleIds.accepted}`);
    expect(await page.locator("h1 .problem-id").textContent()).toBe("builtin/sum");
    expect(await page.locator("pre.code").first().textContent()).toContain("std::cin >> a >> b;");
    expect(await page.locator("table.tests tbody tr").count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, "sample.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("shows a hostile completion as literal text: no script runs and no dialog opens", async () => {
    const { page, errors, dialogs } = await openPage();
    await page.goto(`${server.url}/samples/${fx.sampleIds.xss}`);
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
      `/runs/${fx.runIds.weak}`,
      `/runs/${fx.runIds.weak}/samples?verdict=WA`,
      `/samples/${fx.sampleIds.compileError}`,
      `/compare?a=${fx.runIds.strong}&b=${fx.runIds.weak}`,
      `/runs/${fx.runIds.strong}/rewards`,
      "/datasets",
      `/datasets/${fx.datasetSha}`,
      `/datasets/${fx.datasetSha}/problems/${encodeURIComponent("builtin/many tests")}`,
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
    await page.goto(`${server.url}/compare?a=${fx.runIds.strong}&b=${fx.runIds.weak}`);
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
    expect(await judged.textContent()).toBe("3");
    const writer = fx.openWriter();
    try {
      insertSample(writer, fx.runIds.running, 3, { problemId: "builtin/many tests", verdict: "TLE" }, MAIN_PROBLEMS);
      await page.waitForFunction(() => document.querySelector('[data-field="judged"]')?.textContent === "4", undefined, { timeout: 10_000 });
      expect(await page.locator('[data-field="verdicts"]').textContent()).toBe("AC 2 · WA 1 · TLE 1");
      expect(await page.locator("progress").getAttribute("value")).toBe("4");
      writer.update(runs).set({ status: "done", finishedAt: new Date() }).where(eq(runs.id, fx.runIds.running)).run();
      await page.getByRole("link", { name: "Run finished: open its final metrics" }).waitFor({ timeout: 10_000 });
      expect(await page.locator('[data-field="status"]').textContent()).toBe("done");
    } finally {
      writer.$client.close();
    }
    await page.screenshot({ path: join(SHOTS, "live.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
