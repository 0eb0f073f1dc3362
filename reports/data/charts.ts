/** Data for the run and live pages' charts: latency histogram, a model's pass@1 across runs, throughput. */
import { and, asc, eq, notInArray } from "drizzle-orm";
import { binValues, summarizeThroughput, type Histogram, type Throughput } from "../../harness/metrics/series.ts";
import { NOT_RUN_VERDICTS } from "../../harness/metrics/summarize.ts";
import type { PassAtKInterval } from "../../harness/metrics/confidence.ts";
import type { HarnessDb } from "../../harness/store/db.ts";
import { runs, samples } from "../../harness/store/schema.ts";
import { loadRunMetrics } from "./metrics.ts";
import { formatIso, type RunRow } from "./runs.ts";

/** Run time of the samples whose program ran (as mean time counts them), in 20 bins. */
export function loadLatencyHistogram(db: HarnessDb, runId: number): Histogram | null {
  const rows = db
    .select({ t: samples.timeMs })
    .from(samples)
    .where(and(eq(samples.runId, runId), notInArray(samples.verdict, [...NOT_RUN_VERDICTS])))
    .all();
  return binValues(
    rows.map((r) => r.t),
    20,
  );
}

export interface HistoryPoint {
  runId: number;
  name: string;
  createdAt: string;
  pass1: number | null;
  interval: PassAtKInterval | null;
}

/** Runs cut off from the history chart (the latest are kept). */
const MAX_HISTORY = 40;

/** pass@1 (with interval) of every run of the same model on the same dataset version, oldest first. */
export function loadModelHistory(db: HarnessDb, row: RunRow): HistoryPoint[] {
  if (!row.model) return [];
  const list = db
    .select()
    .from(runs)
    .where(and(eq(runs.model, row.model), eq(runs.datasetSha256, row.datasetSha256)))
    .orderBy(asc(runs.createdAt), asc(runs.id))
    .all()
    .slice(-MAX_HISTORY);
  return list.map((r) => {
    const m = loadRunMetrics(db, r);
    return { runId: r.id, name: r.name, createdAt: formatIso(r.createdAt), pass1: m.passAtK["1"] ?? null, interval: m.passAtKInterval["1"] ?? null };
  });
}

/** Throughput of a run from its samples' judged-at times. */
export function loadThroughput(db: HarnessDb, row: RunRow): Throughput {
  const times = db
    .select({ at: samples.judgedAt })
    .from(samples)
    .where(eq(samples.runId, row.id))
    .all()
    .map((r) => r.at.getTime());
  return summarizeThroughput(times, row.sampleCount);
}
