/**
 * A stored run's metrics, whether it is finished or still running. The eval stores what
 * {@link computeRunMetrics} returns when a run ends, and the viewer and the leaderboard call the same
 * function for a run that has no stored metrics yet, so a run's numbers never depend on who asks.
 */
import { filterByContestDate } from "../../datasets/formats/date-window.ts";
import { bootstrapPassAtK, type BootstrapOptions, type PassAtKInterval } from "../metrics/confidence.ts";
import { MetricsError, summarizeTallies, type ProblemLite, type RunMetrics } from "../metrics/summarize.ts";
import type { HarnessDb } from "../store/db.ts";
import { countSamplesByProblem, listProblemMeta, loadRunTotals, type ProblemMeta } from "../store/run-tallies.ts";
import { listProblems, type RunRow } from "../store/runs.ts";

/** Metrics with where they came from: stored by the eval, or computed from the samples judged so far. */
export interface RunMetricsReading {
  metrics: RunMetrics;
  source: "stored" | "live";
}

/** k values used when a run recorded none (runs made before `limits.ks` was stored). */
export const DEFAULT_KS = [1, 5, 10];

/** The pass@k k values the run asked for (`limits.ks`, as the eval records it). */
export function readRunKs(run: RunRow): number[] {
  const ks = readLimits(run).ks;
  const valid = Array.isArray(ks) ? ks.filter((k): k is number => Number.isInteger(k) && k >= 1) : [];
  return valid.length ? valid : DEFAULT_KS;
}

/**
 * The run's problems, in dataset order: every problem of its dataset version, or those inside the
 * contest-date window the run recorded (`limits.window`). Known from the start, so "X of Y problems"
 * has the same Y while the run is judged and after.
 */
export function listRunProblems(db: HarnessDb, run: RunRow): ProblemMeta[] {
  const all = listProblemMeta(db, run.datasetSha256);
  const window = readLimits(run).window as { since?: string; until?: string } | undefined;
  if (!window || (!window.since && !window.until)) return all;
  // Only windowed runs pay for reading problem bodies (contest_date lives there).
  const inside = new Set(filterByContestDate(listProblems(db, run.datasetSha256), window).problems.map((p) => p.id));
  return all.filter((p) => inside.has(p.id));
}

/** What a caller may already know about the run: its problems (the eval has them loaded) and k values. */
export interface RunMetricsInputs {
  problems?: ProblemLite[];
  ks?: number[];
}

/** Computes a run's metrics from its stored samples. */
export function computeRunMetrics(db: HarnessDb, run: RunRow, inputs: RunMetricsInputs = {}): RunMetrics {
  const problems = inputs.problems ?? listRunProblems(db, run);
  const counts = countSamplesByProblem(db, run.id);
  const ids = new Set(problems.map((p) => p.id));
  for (const id of counts.keys()) {
    if (!ids.has(id)) throw new MetricsError(`run ${run.id} ('${run.name}'): samples of problem '${id}', which is not among the run's problems`);
  }
  const tallies = problems.map((p) => ({
    id: p.id,
    source: p.source ?? null,
    difficulty: p.difficulty ?? null,
    needs_checker: Boolean(p.needs_checker),
    samples: counts.get(p.id)?.samples ?? 0,
    correct: counts.get(p.id)?.correct ?? 0,
  }));
  return summarizeTallies(tallies, loadRunTotals(db, run.id), inputs.ks ?? readRunKs(run));
}

/**
 * pass@k intervals of a run (seeded percentile bootstrap over its problems), keyed like `pass_at_k`;
 * null for a k no problem has enough samples for. Computed from the same per-problem counts as the
 * metrics, so each interval's estimate equals the run's pass@k.
 */
export function computePassAtKIntervals(db: HarnessDb, run: RunRow, ks: number[] = readRunKs(run), opts: BootstrapOptions = {}): Record<string, PassAtKInterval | null> {
  // A bootstrap over 20 000 problems takes a few hundred ms, so the result is kept per database, run,
  // options and stored-sample count (samples are only added while a run is judged, or all replaced
  // on a rerun, which moves updated_at).
  const judged = (db.$client.query("SELECT count(*) AS n FROM samples WHERE run_id = ?").get(run.id) as { n: number }).n;
  const key = JSON.stringify([run.id, run.updatedAt.getTime(), judged, ks, opts]);
  let cache = INTERVAL_CACHE.get(db);
  if (!cache) INTERVAL_CACHE.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const counts = countSamplesByProblem(db, run.id);
  const tallies = listRunProblems(db, run).map((p) => counts.get(p.id) ?? { samples: 0, correct: 0 });
  const result = Object.fromEntries(ks.map((k) => [String(k), bootstrapPassAtK(tallies, k, opts)]));
  if (cache.size >= MAX_CACHED_INTERVALS) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

const MAX_CACHED_INTERVALS = 512;
const INTERVAL_CACHE = new WeakMap<HarnessDb, Map<string, Record<string, PassAtKInterval | null>>>();

/** The run's stored metrics, or live ones while it has none (or what is stored is unreadable). */
export function readRunMetrics(db: HarnessDb, run: RunRow): RunMetricsReading {
  const stored = parseStoredMetrics(run.metrics);
  return stored ? { metrics: stored, source: "stored" } : { metrics: computeRunMetrics(db, run), source: "live" };
}

/** Stored metrics JSON, or null when absent or not shaped like {@link RunMetrics} (a damaged row is recomputed). */
export function parseStoredMetrics(text: string | null): RunMetrics | null {
  if (!text) return null;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(o) || typeof o.problems !== "number" || typeof o.samples !== "number") return null;
  if (!isObject(o.pass_at_k) || !isObject(o.verdicts) || !isObject(o.by_source) || !isObject(o.by_difficulty)) return null;
  return o as unknown as RunMetrics;
}

function readLimits(run: RunRow): Record<string, unknown> {
  try {
    const o: unknown = JSON.parse(run.limits);
    return isObject(o) ? o : {};
  } catch {
    return {};
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
