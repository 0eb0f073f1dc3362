/**
 * The counts run metrics are computed from, aggregated in SQLite on the run's indexes. Sample rows
 * carry large completion columns, so reading them one by one would make a 20 000-sample run slow.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { NOT_RUN_VERDICTS } from "../metrics/summarize.ts";
import type { HarnessDb } from "./db.ts";
import { problems, samples } from "./schema.ts";
import { countVerdicts } from "./runs.ts";

/** A stored problem's identity and the metadata breakdowns group by. */
export interface ProblemMeta {
  id: string;
  ordinal: number;
  source: string | null;
  difficulty: string | null;
  /** The stored problem's `needs_checker` flag (1 when set). */
  needs_checker: number | null;
}

/** Samples and AC samples of one problem in one run. */
export interface ProblemCount {
  samples: number;
  correct: number;
}

/** Run-wide aggregates (the shape `summarizeTallies` takes). */
export interface RunTotals {
  verdicts: Record<string, number>;
  compiled: number;
  reachedCompile: number;
  timeSum: number;
  ran: number;
}

/** Problems stored for a dataset version (id and breakdown metadata only), in dataset order. */
export function listProblemMeta(db: HarnessDb, datasetSha256: string): ProblemMeta[] {
  return db
    .select({
      id: problems.id,
      ordinal: problems.ordinal,
      source: problems.source,
      difficulty: problems.difficulty,
      needs_checker: sql<number | null>`json_extract(${problems.body}, '$.needs_checker')`,
    })
    .from(problems)
    .where(eq(problems.datasetSha256, datasetSha256))
    .orderBy(asc(problems.ordinal))
    .all();
}

/** Per-problem sample and AC counts of a run; problems without samples are absent. */
export function countSamplesByProblem(db: HarnessDb, runId: number): Map<string, ProblemCount> {
  const out = new Map<string, ProblemCount>();
  const totals = db
    .select({ problemId: samples.problemId, n: sql<number>`count(*)` })
    .from(samples)
    .where(eq(samples.runId, runId))
    .groupBy(samples.problemId)
    .all();
  for (const t of totals) out.set(t.problemId, { samples: t.n, correct: 0 });
  // No GROUP BY here: with two equalities the planner takes the (run_id, verdict) index, and problem_id
  // sits before the large columns in each row, so counting in JS stays cheap.
  const acRows = db
    .select({ problemId: samples.problemId })
    .from(samples)
    .where(and(eq(samples.runId, runId), eq(samples.verdict, "AC")))
    .all();
  for (const r of acRows) {
    const c = out.get(r.problemId);
    if (c) c.correct++;
  }
  return out;
}

/** Verdict counts, compile counts and run-time sums of a run, as the metrics define them. */
export function loadRunTotals(db: HarnessDb, runId: number): RunTotals {
  const notRun = inArray(samples.verdict, [...NOT_RUN_VERDICTS]);
  const row = db
    .select({
      compiled: sql<number>`coalesce(sum(${samples.compileOk} = 1), 0)`,
      reachedCompile: sql<number>`count(${samples.compileOk})`,
      // Programs that never ran (no code, compile error, harness error) have no meaningful time.
      timeSum: sql<number>`coalesce(sum(case when ${notRun} then 0 else ${samples.timeMs} end), 0)`,
      ran: sql<number>`coalesce(sum(not ${notRun}), 0)`,
    })
    .from(samples)
    .where(eq(samples.runId, runId))
    .get();
  return { verdicts: countVerdicts(db, runId), ...(row ?? { compiled: 0, reachedCompile: 0, timeSum: 0, ran: 0 }) };
}
