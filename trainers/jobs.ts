/** Following jobs: their state from the launcher, their metrics from the job folder, into the store. */
import { spawn } from "node:child_process";
import { closeSync, openSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { HarnessDb } from "../harness/store/db.ts";
import { getJob, type JobRow, updateJob } from "../harness/store/jobs.ts";
import { HarnessError } from "../judges/errors.ts";
import { getLauncher } from "./launchers/index.ts";
import { ingestJobMetrics, ingestRewardStats } from "./metrics.ts";
import { CANCELLED_FILE, EXIT_CODE_FILE } from "./launchers/wrapper.ts";
import { type JobSpec, type JobState, type Resources, TERMINAL_STATES } from "./types.ts";

/** Asks the launcher for the job's state, records a change, ingests new metrics; returns the fresh row. */
export async function refreshJob(db: HarnessDb, stale: JobRow): Promise<JobRow> {
  // The caller's row may be old: another process may have cancelled or resumed the job since.
  const job = getJob(db, stale.id);
  ingestJobMetrics(db, job);
  ingestRewardStats(db, job);
  if (job.launcherId && !TERMINAL_STATES.has(job.state as JobState)) {
    const status = await getLauncher(job.launcher).status(job.launcherId, job.jobDir);
    if (status.state !== job.state || status.exitCode !== job.exitCode) {
      const wrote = updateJob(db, job.id, { state: status.state, exitCode: status.exitCode }, status.detail, { launcherId: job.launcherId, state: job.state });
      if (!wrote) return getJob(db, job.id);
      // The final lines a job wrote just before it ended.
      if (TERMINAL_STATES.has(status.state)) {
        ingestJobMetrics(db, getJob(db, job.id));
        ingestRewardStats(db, getJob(db, job.id));
      }
    }
  }
  return getJob(db, job.id);
}

export async function cancelJob(db: HarnessDb, job: JobRow): Promise<JobRow> {
  if (TERMINAL_STATES.has(job.state as JobState)) throw new HarnessError(`job ${job.id} is already ${job.state}`, "usage");
  if (!job.launcherId) throw new HarnessError(`job ${job.id} was never submitted`, "usage");
  await getLauncher(job.launcher).cancel(job.launcherId, job.jobDir);
  updateJob(db, job.id, { state: "cancelled" }, "cancelled by the user");
  return getJob(db, job.id);
}

/**
 * Submits a stopped job again from its folder: the package resumes from checkpoints/latest. The
 * markers of the previous attempt (exit code, cancellation) are removed first.
 */
export async function resumeJob(db: HarnessDb, job: JobRow, watchDbPath?: string): Promise<JobRow> {
  if (!TERMINAL_STATES.has(job.state as JobState) || job.state === "completed") {
    throw new HarnessError(`job ${job.id} is ${job.state}; only a failed or cancelled job can be resumed`, "usage");
  }
  for (const f of [EXIT_CODE_FILE, CANCELLED_FILE]) rmSync(join(job.jobDir, f), { force: true });
  const command = JSON.parse(job.command) as { env: Record<string, string>; resources: Resources; argv: string[] };
  const config = JSON.parse(job.resolvedConfig) as { python?: string };
  const spec: JobSpec = {
    jobId: job.id,
    name: job.name,
    jobDir: job.jobDir,
    script: join(job.jobDir, "run.sh"),
    env: command.env,
    resources: command.resources,
    python: config.python ?? command.argv[0] ?? "python3",
  };
  const launched = await getLauncher(job.launcher).submit(spec);
  updateJob(db, job.id, { launcherId: launched.launcherId, state: "pending", exitCode: null }, `resumed (${job.launcher} ${launched.launcherId})`);
  if (watchDbPath) {
    spawnWatcher(job.id, resolve(watchDbPath), join(job.jobDir, "logs", "watch.log"));
    if ((JSON.parse(job.resolvedConfig) as { eval?: unknown }).eval) spawnEvaluator(job.id, resolve(watchDbPath), join(job.jobDir, "logs", "eval.log"));
  }
  return refreshJob(db, getJob(db, job.id));
}

/**
 * Keeps the store current while a job runs (state and metrics), so the viewer's curves move without
 * anyone running `jobs` commands; returns when the job ends. `train` starts it detached.
 */
export async function watchJob(db: HarnessDb, jobId: string, intervalMs: number): Promise<JobRow> {
  let job = getJob(db, jobId);
  for (;;) {
    job = await refreshJob(db, job);
    if (TERMINAL_STATES.has(job.state as JobState)) return job;
    await Bun.sleep(intervalMs);
  }
}

/** Starts `jobs watch` for a job as a detached process that outlives the CLI. */
export function spawnWatcher(jobId: string, dbPath: string, logPath: string): void {
  spawnJobsCommand(["watch", jobId, "--db", dbPath], logPath);
}

/** Starts `jobs eval --follow` for a job whose config has an `eval:` section (base, every N steps, final). */
export function spawnEvaluator(jobId: string, dbPath: string, logPath: string): void {
  spawnJobsCommand(["eval", jobId, "--follow", "--db", dbPath], logPath);
}

function spawnJobsCommand(args: string[], logPath: string): void {
  const out = openSync(logPath, "a");
  try {
    const child = spawn(process.execPath, [join(import.meta.dir, "..", "harness", "cli", "main.ts"), "jobs", ...args], {
      detached: true,
      stdio: ["ignore", out, out],
    });
    child.unref();
  } finally {
    closeSync(out);
  }
}
