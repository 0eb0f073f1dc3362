/** Job pages in the viewer: the list, a job's history and curves, and the live stream of its metrics. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { insertJob, saveJobMetrics, updateJob } from "../../../harness/store/jobs.ts";
import { buildReportApp } from "../../../reports/app.ts";
import { chartPoints } from "../../../reports/views/jobs.tsx";
import { readSse } from "../support/sse.ts";

const dir = mkdtempSync(join(tmpdir(), "viewer-jobs-"));
const dbPath = join(dir, "harness.db");
let writer: HarnessDb;
let viewer: ReturnType<typeof buildReportApp>;
const JOB = "grpo-tinylora-20261206-120000-abc123";

beforeAll(() => {
  writer = openDb(dbPath);
  insertJob(writer, {
    id: JOB,
    name: JOB,
    algo: "grpo-tinylora",
    launcher: "local",
    launcherId: "123:456",
    state: "running",
    exitCode: null,
    jobDir: join(dir, JOB),
    configPath: join(dir, "grpo.yaml"),
    resolvedConfig: JSON.stringify({ model: { name: "tiny" }, max_steps: 3 }),
    command: JSON.stringify({ argv: ["python3", "-m", "codejudge_train"] }),
    versions: JSON.stringify({ codejudge_train: "0.1.0" }),
    stdoutPath: join(dir, JOB, "logs", "stdout.log"),
    stderrPath: join(dir, JOB, "logs", "stderr.log"),
    metricsPath: join(dir, JOB, "metrics.jsonl"),
    checkpointDir: join(dir, JOB, "checkpoints"),
    lastStep: null,
  });
  saveJobMetrics(writer, JOB, [1, 2].map((step) => ({ step, values: { step, time: 1e9 + step, loss: 1 / step, reward_mean: step / 4, reward_source: "server" } })), 100);
  viewer = buildReportApp({ dbPath, pollMs: 20 });
});

afterAll(() => {
  viewer.close();
  writer.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("job pages", () => {
  test("the jobs list links each job with its state and last step", async () => {
    const html = await (await viewer.app.request("/jobs")).text();
    expect(html).toContain(`href="/jobs/${JOB}"`);
    expect(html).toContain("<td>running</td><td>local</td><td>2</td>");
  });

  test("a job page draws one curve per numeric metric (not step or time) and follows the job while it runs", async () => {
    const html = await (await viewer.app.request(`/jobs/${JOB}`)).text();
    expect(html).toContain(`data-live-job="${JOB}"`);
    expect(html.match(/data-metric="[^"]+"/g)).toEqual(['data-metric="loss"', 'data-metric="reward_mean"']);
    expect(html).toContain(`points="${chartPoints([[1, 1], [2, 0.5]])}"`);
    expect(html).toContain("No checkpoint evaluated yet");
  });

  test("the event stream sends new metrics as they are ingested and ends when the job does", async () => {
    const events = readSse(await viewer.app.request(`/api/jobs/${JOB}/events`));
    const first = JSON.parse((await events.next())?.data ?? "{}");
    expect(first).toMatchObject({ state: "running", lastStep: 2, series: { loss: [[1, 1], [2, 0.5]] } });
    saveJobMetrics(writer, JOB, [{ step: 3, values: { step: 3, loss: 0.25, reward_mean: 0.75 } }], 200);
    const second = JSON.parse((await events.next())?.data ?? "{}");
    expect(second.series.loss).toEqual([[1, 1], [2, 0.5], [3, 0.25]]);
    updateJob(writer, JOB, { state: "completed", exitCode: 0 });
    expect(JSON.parse((await events.next())?.data ?? "{}").state).toBe("completed");
    expect((await events.next())?.event).toBe("done");
    expect(await events.next()).toBeNull();
  });

  test("an unknown job is a 404", async () => {
    expect((await viewer.app.request("/api/jobs/nope")).status).toBe(404);
  });

  test("curve points span the chart from the first step to the last and from the lowest value to the highest", () => {
    expect(chartPoints([[10, 5], [20, 7], [30, 6]])).toBe("6.0,114.0 180.0,6.0 354.0,60.0");
    expect(chartPoints([[1, 3]])).toBe("6.0,114.0");
  });
});

describe("job pages over an older database", () => {
  test("a store written before the reward-statistics migration still shows its jobs (the viewer does not migrate)", async () => {
    const oldPath = join(dir, "old.db");
    const old = openDb(oldPath);
    insertJob(old, {
      id: "sft-reweight-old", name: "old", algo: "sft-reweight", launcher: "local", launcherId: null, state: "completed", exitCode: 0,
      jobDir: join(dir, "old"), configPath: join(dir, "old.yaml"), resolvedConfig: "{}", command: "{}", versions: "{}",
      stdoutPath: "o", stderrPath: "e", metricsPath: "m", checkpointDir: "c", lastStep: 1,
    });
    old.$client.exec("DROP TABLE job_reward_stats; ALTER TABLE jobs DROP COLUMN reward_stats_offset;");
    old.$client.close();
    const app = buildReportApp({ dbPath: oldPath });
    try {
      expect((await app.app.request("/jobs")).status).toBe(200);
      const page = await app.app.request("/jobs/sft-reweight-old");
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("No statistics from a reward server");
    } finally {
      app.close();
    }
  });
});
