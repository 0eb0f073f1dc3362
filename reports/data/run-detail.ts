/** The run page: summary, provenance, breakdowns and the per-problem grid. */
import { eq, sql } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { rewardExperiments } from "../../harness/store/schema.ts";
import type { Histogram } from "../../harness/metrics/series.ts";
import { loadLatencyHistogram, loadModelHistory, type HistoryPoint } from "./charts.ts";
import { loadProblemStats, type Breakdown, type ProblemStat } from "./metrics.ts";
import { loadRunRow, readProvenance, summarizeRun, type RunProvenance, type RunSummary } from "./runs.ts";

/** Cells drawn in the problem grid; larger runs link to the paged sample list instead. */
export const GRID_LIMIT = 5000;

export interface GridCell {
  problemId: string;
  samples: number;
  correct: number;
  passRate: number;
}

export interface RunDetail {
  run: RunSummary;
  provenance: RunProvenance;
  bySource: Breakdown[];
  byDifficulty: Breakdown[];
  grid: GridCell[];
  /** Problems with samples, including those past {@link GRID_LIMIT}. */
  gridTotal: number;
  rewardExperiments: number;
  /** Run time of the samples whose program ran. */
  latency: Histogram | null;
  /** pass@1 of this model's runs on this dataset version, oldest first (this run among them). */
  history: HistoryPoint[];
}

/** Loads everything the run page shows; 404 for an unknown run. */
export function loadRunDetail(db: HarnessDb, id: number): RunDetail {
  const row = loadRunRow(db, id);
  const stats = loadProblemStats(db, id, row.datasetSha256);
  const run = summarizeRun(db, row);
  const rewards = db
    .select({ n: sql<number>`count(*)` })
    .from(rewardExperiments)
    .where(eq(rewardExperiments.runId, id))
    .get();
  return {
    run,
    provenance: readProvenance(row),
    bySource: run.metrics.bySource,
    byDifficulty: run.metrics.byDifficulty,
    grid: stats.slice(0, GRID_LIMIT).map(toCell),
    gridTotal: stats.length,
    rewardExperiments: rewards?.n ?? 0,
    latency: loadLatencyHistogram(db, id),
    history: loadModelHistory(db, row),
  };
}

function toCell(p: ProblemStat): GridCell {
  return { problemId: p.problemId, samples: p.samples, correct: p.correct, passRate: p.samples ? p.correct / p.samples : 0 };
}
