/** Training jobs in the store: the job row, its state history and its ingested metrics. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { HarnessError } from "../../judges/errors.ts";
import type { HarnessDb } from "./db.ts";
import { jobEvals, jobEvents, jobMetrics, jobRewardStats, jobs } from "./schema.ts";

export type JobRow = typeof jobs.$inferSelect;

/**
 * Write transactions take the write lock at BEGIN: the CLI, the watcher and the evaluator write the
 * same rows, and a deferred transaction that reads and then writes fails with "database is locked"
 * (no busy wait) when another writer committed in between.
 */
const IMMEDIATE = { behavior: "immediate" } as const;
export type NewJob = Omit<typeof jobs.$inferInsert, "createdAt" | "updatedAt" | "metricsOffset">;
export type JobEventRow = typeof jobEvents.$inferSelect;
export type StoredJobState = JobRow["state"];

/** Inserts a job and its first state event. */
export function insertJob(db: HarnessDb, job: NewJob, detail?: string): void {
  const now = new Date();
  db.transaction((tx) => {
    tx.insert(jobs).values({ ...job, createdAt: now, updatedAt: now }).run();
    tx.insert(jobEvents).values({ jobId: job.id, state: job.state, detail: detail ?? null, at: now }).run();
  }, IMMEDIATE);
}

/** Finds a job by id, or by a unique prefix of it. */
export function getJob(db: HarnessDb, idOrPrefix: string): JobRow {
  const exact = db.select().from(jobs).where(eq(jobs.id, idOrPrefix)).get();
  if (exact) return exact;
  const like = db
    .select()
    .from(jobs)
    .where(sql`${jobs.id} LIKE ${`${idOrPrefix.replace(/[%_]/g, "")}%`}`)
    .all();
  if (like.length === 1) return like[0]!;
  if (like.length > 1) throw new HarnessError(`job id prefix '${idOrPrefix}' matches ${like.length} jobs: ${like.map((j) => j.id).join(", ")}`, "usage");
  throw new HarnessError(`no job '${idOrPrefix}' in the database (see \`bun run jobs list\`)`, "usage");
}

export function listJobs(db: HarnessDb): JobRow[] {
  return db.select().from(jobs).orderBy(desc(jobs.createdAt)).all();
}

export function jobHistory(db: HarnessDb, jobId: string): JobEventRow[] {
  return db.select().from(jobEvents).where(eq(jobEvents.jobId, jobId)).orderBy(asc(jobEvents.id)).all();
}

/**
 * Updates the job; a state change is also appended to its history. With `expect`, only if the row
 * still has that launcher id and state: a status read for one attempt never overwrites the next
 * (a watcher's reading of a cancelled attempt must not land after `jobs resume`). Returns whether it wrote.
 */
export function updateJob(
  db: HarnessDb,
  jobId: string,
  patch: Partial<Omit<JobRow, "id" | "createdAt">>,
  detail?: string,
  expect?: { launcherId: string | null; state: string },
): boolean {
  const now = new Date();
  return db.transaction((tx) => {
    const before = tx.select({ state: jobs.state, launcherId: jobs.launcherId }).from(jobs).where(eq(jobs.id, jobId)).get();
    if (expect && (before?.launcherId !== expect.launcherId || before?.state !== expect.state)) return false;
    tx.update(jobs).set({ ...patch, updatedAt: now }).where(eq(jobs.id, jobId)).run();
    if (patch.state && before?.state !== patch.state) tx.insert(jobEvents).values({ jobId, state: patch.state, detail: detail ?? null, at: now }).run();
    return true;
  }, IMMEDIATE);
}

/** Stores metrics rows (a step written twice, e.g. after a requeue, keeps its latest values) and the new offset. */
export function saveJobMetrics(db: HarnessDb, jobId: string, rows: { step: number; values: Record<string, unknown> }[], offset: number): void {
  db.transaction((tx) => {
    for (const r of rows) {
      tx.insert(jobMetrics)
        .values({ jobId, step: r.step, values: JSON.stringify(r.values) })
        .onConflictDoUpdate({ target: [jobMetrics.jobId, jobMetrics.step], set: { values: JSON.stringify(r.values) } })
        .run();
    }
    const last = rows.reduce<number | null>((m, r) => (m === null || r.step > m ? r.step : m), null);
    tx.update(jobs)
      .set({ metricsOffset: offset, ...(last !== null ? { lastStep: sql`max(coalesce(${jobs.lastStep}, 0), ${last})` } : {}), updatedAt: new Date() })
      .where(eq(jobs.id, jobId))
      .run();
  }, IMMEDIATE);
}

export function jobMetricRows(db: HarnessDb, jobId: string): { step: number; values: Record<string, unknown> }[] {
  return db
    .select()
    .from(jobMetrics)
    .where(eq(jobMetrics.jobId, jobId))
    .orderBy(asc(jobMetrics.step))
    .all()
    .map((r) => ({ step: r.step, values: JSON.parse(r.values) as Record<string, unknown> }));
}

/** Appends snapshots of the job's reward server and moves the statistics file's offset. */
export function saveJobRewardStats(db: HarnessDb, jobId: string, rows: { at: Date; values: Record<string, unknown> }[], offset: number): void {
  db.transaction((tx) => {
    for (const r of rows) tx.insert(jobRewardStats).values({ jobId, at: r.at, values: JSON.stringify(r.values) }).run();
    tx.update(jobs).set({ rewardStatsOffset: offset, updatedAt: new Date() }).where(eq(jobs.id, jobId)).run();
  }, IMMEDIATE);
}

/** The job's last reward-server snapshot (what `jobs show` and the job page report), or null when it wrote none. */
export function lastJobRewardStats(db: HarnessDb, jobId: string): { at: Date; values: Record<string, unknown> } | null {
  const row = db.select().from(jobRewardStats).where(eq(jobRewardStats.jobId, jobId)).orderBy(desc(jobRewardStats.id)).limit(1).get();
  return row ? { at: row.at, values: JSON.parse(row.values) as Record<string, unknown> } : null;
}

export type JobEvalRow = typeof jobEvals.$inferSelect;

export function jobEvalRows(db: HarnessDb, jobId: string): JobEvalRow[] {
  return db.select().from(jobEvals).where(eq(jobEvals.jobId, jobId)).orderBy(asc(jobEvals.step)).all();
}

/** Records a checkpoint's evaluation and moves the best mark to the highest pass@1 (ties: the earliest step). */
export function saveJobEval(db: HarnessDb, row: Omit<JobEvalRow, "best" | "createdAt">): void {
  db.transaction((tx) => {
    tx.insert(jobEvals)
      .values({ ...row, best: false, createdAt: new Date() })
      .onConflictDoUpdate({ target: [jobEvals.jobId, jobEvals.step], set: { runId: row.runId, pass1: row.pass1, checkpoint: row.checkpoint } })
      .run();
    const all = tx.select().from(jobEvals).where(eq(jobEvals.jobId, row.jobId)).orderBy(asc(jobEvals.step)).all();
    const best = all.reduce<JobEvalRow | null>((b, r) => (r.pass1 !== null && (b === null || (b.pass1 ?? -1) < r.pass1) ? r : b), null);
    tx.update(jobEvals).set({ best: false }).where(eq(jobEvals.jobId, row.jobId)).run();
    if (best) tx.update(jobEvals).set({ best: true }).where(and(eq(jobEvals.jobId, row.jobId), eq(jobEvals.step, best.step))).run();
  }, IMMEDIATE);
}
