/**
 * A real training job in the viewer, in headless Chromium: `bun run train grpo-tinylora` on the
 * local launcher with the tiny CPU model, its own reward server and an `eval:` section. The job page
 * follows the running job over SSE, then lists the evaluation runs (base policy first),
 * each linking to an ordinary run page, and the reward server's statistics.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { openDb } from "../../harness/store/db.ts";
import { startReportServer } from "../../reports/server.ts";
import { parseOneJson, runCli } from "../support/cli.ts";
import { launchChromium } from "./support/browser.ts";

const SHOTS = join(import.meta.dir, "..", "..", "test-output", "screenshots");
const ENV = { CODEJUDGE_PYTHON: process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3" };
const dir = mkdtempSync(join(tmpdir(), "browser-train-job-"));
const db = join(dir, "harness.db");
let server: { url: string; stop(): void };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  openDb(db).$client.close();
  writeFileSync(
    join(dir, "problems.jsonl"),
    [
      { id: "toy/seven", statement: "Answer with the number 7.", mode: "answer", answer: "7" },
      { id: "toy/three", statement: "Answer with the number 3.", mode: "answer", answer: "3" },
    ].map((p) => JSON.stringify(p)).join("\n") + "\n",
  );
  server = startReportServer({ dbPath: db, port: 0, pollMs: 100 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("a grpo-tinylora job's page follows it live to completion, then links its evaluation runs and shows its reward server's statistics", async () => {
  const config = join(dir, "grpo.yaml");
  writeFileSync(
    config,
    [
      "model: {name: tiny}",
      "data: {dataset: problems.jsonl}",
      "max_steps: 8",
      "tinylora: {r: 2, u: 8}",
      "optim: {lr: 0.05, schedule: constant}",
      "reward: {schema: binary, timeout_s: 60}",
      "grpo: {num_generations: 4, prompts_per_step: 2, max_completion_length: 8}",
      "eval: {every_steps: 4, samples: 2, max_new_tokens: 4}",
    ].join("\n"),
  );
  const { job_id } = parseOneJson<{ job_id: string }>(await runCli(["train", "grpo-tinylora", "--config", config, "--json", "--db", db, "--jobs-dir", join(dir, "jobs")], { env: ENV }));
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/jobs/${job_id}`);
  const read = () => page.evaluate(() => [document.querySelector('[data-field="state"]')?.textContent ?? "", document.querySelector('[data-field="lastStep"]')?.textContent ?? ""]);
  // The steps the page showed while the job ran (its script redraws them from the event stream, and
  // reloads once when a metric it has no curve for appears).
  const seen: string[] = [];
  // A tiny job can finish between two looks at the page, so it is held (SIGSTOP to the launcher's
  // process group) once it has written its first step, until the page shows that step while running.
  const held = await holdAtFirstStep(job_id);
  try {
    for (;;) {
      // A read that meets the page's own reload finds no document; the next one does.
      const [state = "", step = ""] = await read().catch(() => ["", ""]);
      if (state === "running" && step === String(held.step)) {
        seen.push(step);
        break;
      }
      await Bun.sleep(100);
    }
  } finally {
    process.kill(-held.pid, "SIGCONT");
  }
  for (;;) {
    const [state = "", step = ""] = await read().catch(() => ["", ""]);
    if (step !== "" && seen.at(-1) !== step) seen.push(step);
    if (state === "completed") break;
    await Bun.sleep(200);
  }
  expect(Number(seen[0])).toBeLessThan(8);
  expect(seen.at(-1)).toBe("8");
  expect(await page.locator('figure[data-metric="reward_mean"] polyline').count()).toBe(1);

  // The evaluator (base, steps 4 and 8) may still be judging after the job ended.
  const reader = new Database(db, { readonly: true });
  try {
    while ((reader.query("SELECT count(*) AS n FROM job_evals WHERE job_id = ?").get(job_id) as { n: number }).n < 3) await Bun.sleep(500);
  } finally {
    reader.close();
  }
  await page.reload();
  const runs = page.locator(`a:has-text("${job_id}@step-")`);
  expect(await runs.allTextContents()).toEqual([0, 4, 8].map((s) => `${job_id}@step-${s}`));
  expect(await page.locator("section.reward-stats").textContent()).toContain("infra errors");
  await page.screenshot({ path: join(SHOTS, "train-job.png"), fullPage: true });
  await runs.first().click();
  await page.waitForURL(/\/runs\/\d+/);
  expect(await page.content()).toContain(`${job_id}@step-0`);
  expect(errors).toEqual([]);
});

/** Waits for the job's first metrics line, then stops its process group; returns the step and the group's leader. */
async function holdAtFirstStep(jobId: string): Promise<{ pid: number; step: number }> {
  const reader = new Database(db, { readonly: true });
  try {
    for (;;) {
      const row = reader.query("SELECT launcher_id AS launcherId, metrics_path AS metricsPath FROM jobs WHERE id = ?").get(jobId) as { launcherId: string | null; metricsPath: string };
      const text = existsSync(row.metricsPath) ? readFileSync(row.metricsPath, "utf8") : "";
      const first = text.split("\n").find((line) => line.includes('"step"'));
      if (row.launcherId && first) {
        const pid = Number(row.launcherId.split(":")[0]);
        process.kill(-pid, "SIGSTOP");
        // The step on disk when stopped (lines written since the first look count too; a line cut
        // short by the stop is not one yet).
        const steps = readFileSync(row.metricsPath, "utf8").split("\n").flatMap((line) => {
          try {
            const step = (JSON.parse(line) as { step?: unknown }).step;
            return typeof step === "number" ? [step] : [];
          } catch {
            return [];
          }
        });
        const step = Math.max(...steps);
        if (!(step < 8)) {
          process.kill(-pid, "SIGCONT");
          throw new Error(`the job reached step ${step} before it could be held`);
        }
        return { pid, step };
      }
      await Bun.sleep(5);
    }
  } finally {
    reader.close();
  }
}
