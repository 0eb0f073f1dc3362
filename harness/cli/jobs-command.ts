/** `bun run jobs list | show | logs | cancel | resume`: training jobs in the store (trainers/). */
import { existsSync, openSync, readSync, closeSync, fstatSync } from "node:fs";
import { UsageError } from "../../judges/errors.ts";
import { openDb, type HarnessDb } from "../store/db.ts";
import { getJob, jobEvalRows, jobHistory, jobMetricRows, lastJobRewardStats, type JobRow, listJobs } from "../store/jobs.ts";
import { cancelJob, refreshJob, resumeJob, watchJob } from "../../trainers/jobs.ts";
import type { EvalJobOptions } from "../../trainers/evaluate.ts";
import { TERMINAL_STATES, type JobState } from "../../trainers/types.ts";

export interface JobsOptions {
  db: string;
  json?: boolean;
  follow?: boolean;
}

function withDb<T>(o: JobsOptions, f: (db: HarnessDb) => Promise<T>): Promise<T> {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db}; launch a job with \`bun run train\` first or pass --db`);
  const db = openDb(o.db);
  return f(db).finally(() => db.$client.close());
}

/** What `show --json` gives for a job. */
export function describeJob(db: HarnessDb, job: JobRow): Record<string, unknown> {
  const metrics = jobMetricRows(db, job.id);
  return {
    job_id: job.id,
    name: job.name,
    algo: job.algo,
    state: job.state,
    exit_code: job.exitCode,
    launcher: job.launcher,
    launcher_id: job.launcherId,
    job_dir: job.jobDir,
    logs: { stdout: job.stdoutPath, stderr: job.stderrPath },
    metrics_path: job.metricsPath,
    checkpoint_dir: job.checkpointDir,
    last_step: job.lastStep,
    metrics_rows: metrics.length,
    last_metrics: metrics.at(-1)?.values ?? null,
    history: jobHistory(db, job.id).map((e) => ({ state: e.state, detail: e.detail, at: e.at.toISOString() })),
    evals: jobEvalRows(db, job.id).map((e) => ({ step: e.step, run_id: e.runId, pass1: e.pass1, best: e.best, checkpoint: e.checkpoint })),
    reward_stats: lastJobRewardStats(db, job.id)?.values ?? null,
    config: JSON.parse(job.resolvedConfig) as unknown,
    command: JSON.parse(job.command) as unknown,
    versions: JSON.parse(job.versions) as unknown,
    created_at: job.createdAt.toISOString(),
  };
}

export function runJobsList(o: JobsOptions): Promise<number> {
  return withDb(o, async (db) => {
    const rows: JobRow[] = [];
    for (const j of listJobs(db)) rows.push(await refreshJob(db, j));
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ jobs: rows.map((j) => ({ job_id: j.id, algo: j.algo, state: j.state, launcher: j.launcher, last_step: j.lastStep, exit_code: j.exitCode, created_at: j.createdAt.toISOString() })) })}\n`);
    } else if (rows.length === 0) {
      process.stdout.write("no jobs\n");
    } else {
      for (const j of rows) process.stdout.write(`${j.id}  ${j.state.padEnd(9)}  ${j.launcher.padEnd(5)}  step ${j.lastStep ?? "-"}${j.exitCode !== null ? `  exit ${j.exitCode}` : ""}\n`);
    }
    return 0;
  });
}

export function runJobsShow(id: string, o: JobsOptions): Promise<number> {
  return withDb(o, async (db) => {
    const job = await refreshJob(db, getJob(db, id));
    const d = describeJob(db, job);
    if (o.json) {
      process.stdout.write(`${JSON.stringify(d)}\n`);
      return 0;
    }
    const lines = [
      `${job.id}  (${job.algo}, ${job.launcher} ${job.launcherId ?? "-"})`,
      `state      ${job.state}${job.exitCode !== null ? ` (exit ${job.exitCode})` : ""}`,
      `folder     ${job.jobDir}`,
      `logs       ${job.stdoutPath}`,
      `           ${job.stderrPath}`,
      `metrics    ${job.metricsPath} (${d.metrics_rows as number} rows, last step ${job.lastStep ?? "-"})`,
      `checkpoint ${job.checkpointDir}`,
      "history",
      ...(d.history as { state: string; detail: string | null; at: string }[]).map((e) => `  ${e.at}  ${e.state}${e.detail ? `  ${e.detail}` : ""}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  });
}

/** Prints bytes of `path` from `offset`; returns the new offset. */
function printFrom(path: string, offset: number, out: NodeJS.WriteStream): number {
  if (!existsSync(path)) return offset;
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return offset;
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    out.write(buf);
    return size;
  } finally {
    closeSync(fd);
  }
}

export function runJobsLogs(id: string, o: JobsOptions): Promise<number> {
  return withDb(o, async (db) => {
    let job = getJob(db, id);
    let [outAt, errAt] = [printFrom(job.stdoutPath, 0, process.stdout), printFrom(job.stderrPath, 0, process.stderr)];
    while (o.follow) {
      job = await refreshJob(db, job);
      outAt = printFrom(job.stdoutPath, outAt, process.stdout);
      errAt = printFrom(job.stderrPath, errAt, process.stderr);
      if (TERMINAL_STATES.has(job.state as JobState)) {
        process.stderr.write(`job ${job.id}: ${job.state}${job.exitCode !== null ? ` (exit ${job.exitCode})` : ""}\n`);
        break;
      }
      await Bun.sleep(1000);
    }
    return 0;
  });
}

export function runJobsCancel(id: string, o: JobsOptions): Promise<number> {
  return withDb(o, async (db) => {
    const job = await cancelJob(db, await refreshJob(db, getJob(db, id)));
    process.stdout.write(o.json ? `${JSON.stringify({ job_id: job.id, state: job.state })}\n` : `${job.id}: ${job.state}\n`);
    return 0;
  });
}

export function runJobsResume(id: string, o: JobsOptions): Promise<number> {
  return withDb(o, async (db) => {
    const job = await resumeJob(db, await refreshJob(db, getJob(db, id)), o.db);
    process.stdout.write(o.json ? `${JSON.stringify({ job_id: job.id, state: job.state, launcher_id: job.launcherId })}\n` : `${job.id}: ${job.state} (${job.launcher} ${job.launcherId})\n`);
    return 0;
  });
}

/** `jobs eval`'s own flags are those of evaluateJob (trainers/evaluate.ts). */
export interface JobsEvalOptions extends JobsOptions, Pick<EvalJobOptions, "dataset" | "n" | "maxNewTokens" | "temperature" | "base"> {}

export function runJobsEval(id: string, o: JobsEvalOptions): Promise<number> {
  return withDb(o, async (db) => {
    const { evaluateJob } = await import("../../trainers/evaluate.ts");
    const evals = await evaluateJob(db, getJob(db, id).id, {
      dbPath: o.db,
      dataset: o.dataset,
      n: o.n,
      maxNewTokens: o.maxNewTokens,
      temperature: o.temperature,
      base: o.base,
      follow: o.follow,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    if (o.json) process.stdout.write(`${JSON.stringify({ job_id: getJob(db, id).id, evals })}\n`);
    else for (const e of evals) process.stdout.write(`step ${e.step}  pass@1 ${e.pass1 === null ? "n/a" : e.pass1.toFixed(3)}  run ${e.run_id}${e.best ? "  best" : ""}\n`);
    return 0;
  });
}

export function runJobsWatch(id: string, o: JobsOptions & { intervalMs: number }): Promise<number> {
  return withDb(o, async (db) => {
    const job = await watchJob(db, getJob(db, id).id, o.intervalMs);
    process.stderr.write(`job ${job.id}: ${job.state}\n`);
    return 0;
  });
}
