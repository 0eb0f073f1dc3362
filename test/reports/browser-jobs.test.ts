/**
 * A training job's page in real headless Chromium: the curves are redrawn over Server-Sent Events as
 * metrics reach the store, a metric that appears mid-run gets its own curve, and the state follows.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { openDb, type HarnessDb } from "../../harness/store/db.ts";
import { insertJob, saveJobMetrics, updateJob } from "../../harness/store/jobs.ts";
import { startReportServer } from "../../reports/server.ts";
import { chartPoints } from "../../reports/views/jobs.tsx";
import { launchChromium } from "./support/browser.ts";

const SHOTS = join(import.meta.dir, "..", "..", "test-output", "screenshots");
const JOB = "sft-reweight-20261206-120000-b10b5e";
const dir = mkdtempSync(join(tmpdir(), "browser-jobs-"));
let writer: HarnessDb;
let server: { url: string; stop(): void };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writer = openDb(join(dir, "harness.db"));
  insertJob(writer, {
    id: JOB, name: JOB, algo: "sft-reweight", launcher: "local", launcherId: "1:1", state: "running", exitCode: null,
    jobDir: join(dir, JOB), configPath: join(dir, "sft.yaml"), resolvedConfig: "{}", command: "{}", versions: "{}",
    stdoutPath: "o", stderrPath: "e", metricsPath: "m", checkpointDir: "c", lastStep: null,
  });
  saveJobMetrics(writer, JOB, [{ step: 1, values: { step: 1, loss: 4 } }, { step: 2, values: { step: 2, loss: 3 } }], 10);
  server = startReportServer({ dbPath: join(dir, "harness.db"), port: 0, pollMs: 100 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
  writer?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a running job's curve is redrawn as metrics arrive, a new metric gets its own curve, and the page shows the job's end", async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/jobs/${JOB}`);
  const loss = page.locator('figure[data-metric="loss"] polyline');
  expect(await loss.getAttribute("points")).toBe(chartPoints([[1, 4], [2, 3]]));

  saveJobMetrics(writer, JOB, [{ step: 3, values: { step: 3, loss: 1 } }], 20);
  const three = chartPoints([[1, 4], [2, 3], [3, 1]]);
  await page.waitForFunction((p) => document.querySelector('figure[data-metric="loss"] polyline')?.getAttribute("points") === p, three, { timeout: 10_000 });
  expect(await page.locator('[data-field="lastStep"]').textContent()).toBe("3");
  expect(await page.locator('figure[data-metric="loss"] [data-field="steps"]').textContent()).toBe("steps 1\u20133");
  expect(await page.locator('figure[data-metric="loss"] circle').getAttribute("cx")).toBe(three.split(" ")[2]!.split(",")[0]!);

  saveJobMetrics(writer, JOB, [{ step: 4, values: { step: 4, loss: 0.5, reward_mean: 0.25 } }], 30);
  await page.waitForSelector('figure[data-metric="reward_mean"]', { timeout: 10_000 });
  updateJob(writer, JOB, { state: "completed", exitCode: 0 });
  await page.waitForFunction(() => document.querySelector('[data-field="state"]')?.textContent === "completed", undefined, { timeout: 10_000 });
  await page.screenshot({ path: join(SHOTS, "job.png"), fullPage: true });
  expect(errors).toEqual([]);
});
