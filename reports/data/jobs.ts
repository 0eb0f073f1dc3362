/**
 * Training jobs as the store holds them (written by `bun run train` / `bun run jobs`): the list, one
 * job with its state history and its metric curves. The viewer never asks a launcher: the state and
 * metrics are those the last `jobs` command (or `jobs logs --follow`) ingested.
 */
import { asc, desc, eq, getTableColumns } from "drizzle-orm";
import type { ScoreStatsSnapshot } from "../../harness/metrics/reward-server-stats.ts";
import type { HarnessDb } from "../../harness/store/db.ts";
import { lastJobRewardStats } from "../../harness/store/jobs.ts";
import { jobEvals, jobEvents, jobMetrics, jobs } from "../../harness/store/schema.ts";
import { makeNotFound } from "../errors.ts";

export interface JobSummary {
  id: string;
  algo: string;
  state: string;
  launcher: string;
  lastStep: number | null;
  exitCode: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Numeric metric name -> [step, value] points in step order. */
export type MetricSeries = Record<string, [number, number][]>;

export interface JobLive {
  id: string;
  state: string;
  lastStep: number | null;
  series: MetricSeries;
}

export interface JobDetail extends JobSummary {
  launcherId: string | null;
  jobDir: string;
  logs: { stdout: string; stderr: string };
  metricsPath: string;
  checkpointDir: string;
  history: { state: string; detail: string | null; at: string }[];
  config: unknown;
  command: unknown;
  versions: unknown;
  series: MetricSeries;
  /** Checkpoint evaluations (`bun run jobs eval`), each an ordinary run. */
  evals: { step: number; runId: number; pass1: number | null; best: boolean }[];
  /** The last snapshot of the job's own reward server (`/v1/stats`), null when it wrote none. */
  rewardStats: RewardStatsSnapshot | null;
}

/** The server's own snapshot (harness/metrics/reward-server-stats.ts) and when it was taken. */
export interface RewardStatsSnapshot extends ScoreStatsSnapshot {
  at: string;
}

/** A database from before the jobs migration has no jobs table: it has no jobs. */
function hasTable(db: HarnessDb, name: string): boolean {
  return db.$client.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== null;
}

const hasJobsTable = (db: HarnessDb) => hasTable(db, "jobs");

// The viewer opens the store read-only (no migrations): it reads only the columns it shows, so a
// database written before the ingestion offsets were added still opens.
const { metricsOffset: _metricsOffset, rewardStatsOffset: _rewardStatsOffset, ...shownColumns } = getTableColumns(jobs);
type ShownJob = Omit<typeof jobs.$inferSelect, "metricsOffset" | "rewardStatsOffset">;

function summaryOf(j: ShownJob): JobSummary {
  return { id: j.id, algo: j.algo, state: j.state, launcher: j.launcher, lastStep: j.lastStep, exitCode: j.exitCode, createdAt: j.createdAt.toISOString(), updatedAt: j.updatedAt.toISOString() };
}

export function loadJobs(db: HarnessDb): { jobs: JobSummary[] } {
  if (!hasJobsTable(db)) return { jobs: [] };
  return { jobs: db.select(shownColumns).from(jobs).orderBy(desc(jobs.createdAt)).all().map(summaryOf) };
}

/** Metrics that are numbers (step and wall time excluded), one series each. */
export function loadSeries(db: HarnessDb, jobId: string): MetricSeries {
  const series: MetricSeries = {};
  for (const row of db.select().from(jobMetrics).where(eq(jobMetrics.jobId, jobId)).orderBy(asc(jobMetrics.step)).all()) {
    const values = JSON.parse(row.values) as Record<string, unknown>;
    for (const [k, v] of Object.entries(values)) {
      if (k === "step" || k === "time" || typeof v !== "number" || !Number.isFinite(v)) continue;
      (series[k] ??= []).push([row.step, v]);
    }
  }
  return series;
}

function loadJobRow(db: HarnessDb, id: string): ShownJob {
  const row = hasJobsTable(db) ? db.select(shownColumns).from(jobs).where(eq(jobs.id, id)).get() : undefined;
  if (!row) throw makeNotFound(`job ${id}`);
  return row;
}

export function loadJobLive(db: HarnessDb, id: string): JobLive {
  const row = loadJobRow(db, id);
  return { id: row.id, state: row.state, lastStep: row.lastStep, series: loadSeries(db, id) };
}

export function loadJob(db: HarnessDb, id: string): JobDetail {
  const row = loadJobRow(db, id);
  const history = db.select().from(jobEvents).where(eq(jobEvents.jobId, id)).orderBy(asc(jobEvents.id)).all();
  return {
    ...summaryOf(row),
    launcherId: row.launcherId,
    jobDir: row.jobDir,
    logs: { stdout: row.stdoutPath, stderr: row.stderrPath },
    metricsPath: row.metricsPath,
    checkpointDir: row.checkpointDir,
    history: history.map((e) => ({ state: e.state, detail: e.detail, at: e.at.toISOString() })),
    config: JSON.parse(row.resolvedConfig) as unknown,
    command: JSON.parse(row.command) as unknown,
    versions: JSON.parse(row.versions) as unknown,
    series: loadSeries(db, id),
    evals: hasTable(db, "job_evals")
      ? db.select().from(jobEvals).where(eq(jobEvals.jobId, id)).orderBy(asc(jobEvals.step)).all().map((e) => ({ step: e.step, runId: e.runId, pass1: e.pass1, best: e.best }))
      : [],
    rewardStats: hasTable(db, "job_reward_stats") ? loadRewardStats(db, id) : null,
  };
}

function loadRewardStats(db: HarnessDb, id: string): RewardStatsSnapshot | null {
  const last = lastJobRewardStats(db, id);
  return last ? { ...(last.values as unknown as ScoreStatsSnapshot), at: last.at.toISOString() } : null;
}
