/** Writes and reads runs, problems and judged samples. Every judged sample is one transaction. */
import { HarnessError } from "../../judges/errors.ts";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Problem } from "../../datasets/types.ts";
import type { JudgedSample } from "../types.ts";
import type { HarnessDb } from "./db.ts";
import { problems, runs, samples, testResults, SCHEMA_VERSION } from "./schema.ts";

export type RunRow = typeof runs.$inferSelect;

/** Provenance and configuration recorded when a run starts. */
export interface RunMeta {
  name: string;
  model: string | null;
  datasetId: string;
  datasetPath: string | null;
  datasetSha256: string;
  datasetRevision?: string | null;
  samplesPath: string | null;
  samplesSha256: string | null;
  judge: string;
  judgeVersions: Record<string, string>;
  limits: Record<string, unknown>;
  extraction: Record<string, unknown>;
  gitSha: string | null;
  problemCount: number;
  sampleCount: number;
}

/** A run name reused for different inputs: resuming would mix two evaluations. */
export class RunConflictError extends HarnessError {
  constructor(name: string, field: string, stored: string | null, given: string | null) {
    super(`run '${name}' already exists with ${field} ${stored ?? "(none)"}, not ${given ?? "(none)"}; pick another --name`, "usage");
    this.name = "RunConflictError";
  }
}

/** Stores a dataset's problems once per dataset sha256 (idempotent). */
export function saveProblems(db: HarnessDb, datasetSha256: string, list: Problem[]): void {
  // Several runs of one dataset version (the built-in sample sets) need not re-serialise its problems.
  const stored = db
    .select({ n: sql<number>`count(*)` })
    .from(problems)
    .where(eq(problems.datasetSha256, datasetSha256))
    .get();
  if ((stored?.n ?? 0) >= list.length) return;
  db.transaction((tx) => {
    list.forEach((p, ordinal) => {
      tx.insert(problems)
        .values({
          datasetSha256,
          id: p.id,
          ordinal,
          source: p.source ?? null,
          difficulty: p.difficulty ?? null,
          mode: p.mode,
          testCount: p.mode === "function" ? 1 : p.tests.length,
          body: JSON.stringify(p),
        })
        .onConflictDoNothing()
        .run();
    });
  });
}

/** Creates the run, or returns the existing one of that name when its inputs are the same (resume). */
export function openRun(db: HarnessDb, meta: RunMeta): { run: RunRow; resumed: boolean } {
  const existing = db.select().from(runs).where(eq(runs.name, meta.name)).get();
  if (existing) {
    if (existing.datasetSha256 !== meta.datasetSha256)
      throw new RunConflictError(meta.name, "dataset sha256", existing.datasetSha256, meta.datasetSha256);
    if (existing.samplesSha256 !== meta.samplesSha256)
      throw new RunConflictError(meta.name, "samples sha256", existing.samplesSha256, meta.samplesSha256);
    const now = new Date();
    db.update(runs).set({ status: "running", updatedAt: now, finishedAt: null }).where(eq(runs.id, existing.id)).run();
    return { run: { ...existing, status: "running", updatedAt: now }, resumed: true };
  }
  const now = new Date();
  const row = db
    .insert(runs)
    .values({
      name: meta.name,
      schemaVersion: SCHEMA_VERSION,
      status: "running",
      model: meta.model,
      datasetId: meta.datasetId,
      datasetPath: meta.datasetPath,
      datasetSha256: meta.datasetSha256,
      datasetRevision: meta.datasetRevision ?? null,
      samplesPath: meta.samplesPath,
      samplesSha256: meta.samplesSha256,
      judge: meta.judge,
      judgeVersions: JSON.stringify(meta.judgeVersions),
      limits: JSON.stringify(meta.limits),
      extraction: JSON.stringify(meta.extraction),
      gitSha: meta.gitSha,
      problemCount: meta.problemCount,
      sampleCount: meta.sampleCount,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  return { run: row, resumed: false };
}

/** Deletes a run's SE samples: an SE is the harness failing, not the sample, so resuming judges them again. */
export function forgetHarnessFailures(db: HarnessDb, runId: number): void {
  db.delete(samples).where(and(eq(samples.runId, runId), eq(samples.verdict, "SE"))).run();
}

/** Indexes of the samples of a run that are already judged and stored. */
export function listJudgedIndexes(db: HarnessDb, runId: number): Set<number> {
  const rows = db.select({ i: samples.sampleIndex }).from(samples).where(eq(samples.runId, runId)).all();
  return new Set(rows.map((r) => r.i));
}

/** Stores one judged sample with all its test results, atomically. */
export function saveJudgedSample(
  db: HarnessDb,
  runId: number,
  sampleIndex: number,
  s: JudgedSample,
  model: string | null,
): void {
  const j = s.judgement;
  db.transaction((tx) => {
    const row = tx
      .insert(samples)
      .values({
        runId,
        sampleIndex,
        problemId: s.problemId,
        model,
        language: s.language,
        completion: s.completion,
        code: s.code,
        extraction: JSON.stringify(s.extraction),
        truncated: s.truncated,
        verdict: s.verdict,
        error: j?.error ?? null,
        passed: j?.passed ?? 0,
        total: j?.total ?? 0,
        score: j?.score ?? 0,
        compileOk: j?.compile ? j.compile.ok : null,
        compileLog: j?.compile?.log ?? null,
        compileMs: j?.compile?.timeMs ?? null,
        timeMs: j?.timeMs ?? 0,
        memoryKb: j?.memoryKb ?? 0,
        judgedAt: new Date(),
      })
      .returning({ id: samples.id })
      .get();
    for (const t of j?.tests ?? []) {
      tx.insert(testResults)
        .values({
          sampleId: row.id,
          testIndex: t.index,
          kind: t.kind ?? null,
          verdict: t.verdict,
          timeMs: t.timeMs,
          wallMs: t.wallMs,
          memoryKb: t.memoryKb,
          exitCode: t.exitCode,
          signal: t.signal,
          stdout: t.stdout,
          stderr: t.stderr,
          checkerMessage: t.checkerMessage ?? null,
          score: t.score ?? null,
        })
        .run();
    }
  });
}

/** Marks a run finished (or failed/interrupted) and stores its metrics. */
export function finishRun(db: HarnessDb, runId: number, status: RunRow["status"], metrics: unknown): void {
  const now = new Date();
  db.update(runs)
    .set({ status, metrics: JSON.stringify(metrics), updatedAt: now, finishedAt: status === "running" ? null : now })
    .where(eq(runs.id, runId))
    .run();
}

/** Problems stored for a dataset version, in dataset order. */
export function listProblems(db: HarnessDb, datasetSha256: string): Problem[] {
  return db
    .select({ body: problems.body })
    .from(problems)
    .where(eq(problems.datasetSha256, datasetSha256))
    .orderBy(asc(problems.ordinal))
    .all()
    .map((r) => JSON.parse(r.body) as Problem);
}

/** Runs, newest first, optionally of one dataset id. */
export function listRuns(db: HarnessDb, opts: { datasetId?: string } = {}): RunRow[] {
  const q = db.select().from(runs);
  return (opts.datasetId ? q.where(eq(runs.datasetId, opts.datasetId)) : q).orderBy(desc(runs.createdAt)).all();
}

/** Finds a run by numeric id or name. */
export function findRun(db: HarnessDb, idOrName: string): RunRow | undefined {
  const byName = db.select().from(runs).where(eq(runs.name, idOrName)).get();
  if (byName || !/^\d+$/.test(idOrName)) return byName;
  return db.select().from(runs).where(eq(runs.id, Number(idOrName))).get();
}

/** Verdict counts of a run, straight from the samples (live while the run is in progress). */
export function countVerdicts(db: HarnessDb, runId: number): Record<string, number> {
  const rows = db
    .select({ verdict: samples.verdict, n: sql<number>`count(*)` })
    .from(samples)
    .where(eq(samples.runId, runId))
    .groupBy(samples.verdict)
    .all();
  return Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
}
