/**
 * Run metrics in the viewer's shape. The numbers are the harness's own (harness/eval/run-metrics.ts):
 * stored by the eval when a run ends, computed by the same function while it runs. This file only
 * reshapes them for the pages, reading stored JSON defensively.
 */
import { computePassAtKIntervals, readRunMetrics, type RunMetricsReading } from "../../harness/eval/run-metrics.ts";
import type { PassAtKInterval } from "../../harness/metrics/confidence.ts";
import type { HarnessDb } from "../../harness/store/db.ts";
import { countSamplesByProblem, listProblemMeta } from "../../harness/store/run-tallies.ts";
import type { RunRow } from "../../harness/store/runs.ts";
import { readNumber, readNumberMap, readObject, parseJson } from "./json.ts";

/** Pass rate of one slice of a run (a source, a difficulty). */
export interface Breakdown {
  key: string;
  problems: number | null;
  samples: number | null;
  passAt1: number | null;
}

/** Metrics of a run in one shape, whether stored by the eval or computed live. */
export interface RunMetrics {
  source: "stored" | "live";
  /** The run's problems, judged or not (fixed when the run starts). */
  problems: number | null;
  samples: number | null;
  passAtK: Record<string, number | null>;
  /** pass@k intervals from the harness (seeded percentile bootstrap over problems); null where pass@k is. */
  passAtKInterval: Record<string, PassAtKInterval | null>;
  /** How many problems each pass@k averages over; 0 means no problem has k samples. */
  passAtKCounted: Record<string, number>;
  /** Problems flagged needs_checker (several answers, no checker program), and pass@k without them. */
  needsChecker: number | null;
  passAtKWithoutNeedsChecker: Record<string, number | null>;
  compileRate: number | null;
  verdicts: Record<string, number>;
  bySource: Breakdown[];
  byDifficulty: Breakdown[];
  meanTimeMs: number | null;
  solved: number | null;
}

/** Samples and correct samples of one problem in one run. */
export interface ProblemStat {
  problemId: string;
  ordinal: number | null;
  source: string | null;
  difficulty: string | null;
  samples: number;
  correct: number;
}

/** A run's metrics for the pages: stored, or live while it has none. */
export function loadRunMetrics(db: HarnessDb, row: RunRow): RunMetrics {
  const reading = readRunMetrics(db, row);
  return viewMetricsOf(reading, computePassAtKIntervals(db, row, Object.keys(reading.metrics.pass_at_k).map(Number)));
}

/** The view shape of metrics and intervals the harness computed (as the leaderboard builder hands them over). */
export function viewMetricsOf(reading: RunMetricsReading, intervals: Record<string, PassAtKInterval | null>): RunMetrics {
  return { ...toViewMetrics(reading.metrics, reading.source), passAtKInterval: intervals };
}

/** Reads stored metrics JSON; null when absent or not an object. */
export function readStoredMetrics(text: string | null): RunMetrics | null {
  const o = readObject(parseJson(text));
  return o ? toViewMetrics(o, "stored") : null;
}

/** Reshapes harness metrics (snake_case, as stored) for the views; fields of the wrong type read as missing. */
function toViewMetrics(m: unknown, source: RunMetrics["source"]): RunMetrics {
  const o = readObject(m) ?? {};
  const passAtK: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(readObject(o.pass_at_k) ?? {})) passAtK[k] = readNumber(v);
  const passAtKWithoutNeedsChecker: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(readObject(o.pass_at_k_without_needs_checker) ?? {})) passAtKWithoutNeedsChecker[k] = readNumber(v);
  return {
    source,
    problems: readNumber(o.problems),
    samples: readNumber(o.samples),
    passAtK,
    passAtKInterval: {},
    passAtKCounted: readNumberMap(o.pass_at_k_counted),
    needsChecker: readNumber(o.needs_checker),
    passAtKWithoutNeedsChecker,
    compileRate: readNumber(o.compile_rate),
    verdicts: readNumberMap(o.verdicts),
    bySource: readBreakdowns(o.by_source),
    byDifficulty: readBreakdowns(o.by_difficulty),
    meanTimeMs: readNumber(o.mean_time_ms),
    solved: readNumber(o.solved),
  };
}

function readBreakdowns(v: unknown): Breakdown[] {
  return Object.entries(readObject(v) ?? {}).map(([key, x]) => {
    const o = readObject(x);
    return { key, problems: readNumber(o?.problems), samples: readNumber(o?.samples), passAt1: readNumber(o?.pass_at_1) };
  });
}

/** Per-problem sample and AC counts of a run (problems with samples only), in dataset order. */
export function loadProblemStats(db: HarnessDb, runId: number, datasetSha: string): ProblemStat[] {
  const counts = countSamplesByProblem(db, runId);
  const meta = new Map(listProblemMeta(db, datasetSha).map((p) => [p.id, p]));
  const stats = [...counts].map(([problemId, c]): ProblemStat => {
    const m = meta.get(problemId);
    return { problemId, ordinal: m?.ordinal ?? null, source: m?.source ?? null, difficulty: m?.difficulty ?? null, ...c };
  });
  // Dataset order; problems missing from the stored dataset go last, by id.
  return stats.sort((a, b) => (a.ordinal ?? Infinity) - (b.ordinal ?? Infinity) || a.problemId.localeCompare(b.problemId));
}
