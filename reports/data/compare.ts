/** Comparing two runs problem by problem: what one solves and the other does not, and pass-rate deltas. */
import { comparePaired, testMcNemar, type McNemarResult, type PairedDifference } from "../../harness/metrics/confidence.ts";
import type { HarnessDb } from "../../harness/store/db.ts";
import { orderDifficulties } from "../render/format.ts";
import { loadProblemStats, type Breakdown, type ProblemStat } from "./metrics.ts";
import { loadRunRow, summarizeRun, type RunSummary } from "./runs.ts";

export interface CompareRow {
  problemId: string;
  /** Pass rate (AC samples / samples) in run a. */
  a: number;
  b: number;
  /** b - a. */
  delta: number;
}

export interface Comparison {
  a: RunSummary;
  b: RunSummary;
  sameDataset: boolean;
  /** Problems with at least one AC sample in a and none in b (both ran them). */
  onlyA: string[];
  onlyB: string[];
  bothSolved: number;
  neitherSolved: number;
  /** Problems only one run has samples for. */
  unmatched: number;
  /** Problems whose pass rate changed, largest change first. */
  deltas: CompareRow[];
  meanDelta: number | null;
  /** Paired bootstrap over the matched problems of the per-problem pass rate, B − A (harness/metrics). */
  paired: PairedDifference | null;
  /** McNemar's exact test on solved (any AC) per matched problem. */
  mcnemar: McNemarResult;
  /** Every matched problem's pass rate in A and B, for the scatter plot. */
  points: { problemId: string; a: number; b: number }[];
  /** pass@1 per difficulty in each run (rows present in either), easy → hard. */
  byDifficulty: { key: string; a: number | null; b: number | null }[];
}

/** One baseline run against several others. */
export interface MultiComparison {
  baseline: RunSummary;
  comparisons: Comparison[];
}

/** Compares baseline `aId` with each of `bIds`. */
export function loadComparisons(db: HarnessDb, aId: number, bIds: number[]): MultiComparison {
  const comparisons = bIds.map((b) => loadComparison(db, aId, b));
  return { baseline: (comparisons[0] as Comparison).a, comparisons };
}

/** Compares runs `aId` and `bId` over the problems both have samples for. */
export function loadComparison(db: HarnessDb, aId: number, bId: number): Comparison {
  const aRow = loadRunRow(db, aId);
  const bRow = loadRunRow(db, bId);
  const aStats = loadProblemStats(db, aId, aRow.datasetSha256);
  const bStats = loadProblemStats(db, bId, bRow.datasetSha256);
  const bById = new Map(bStats.map((p) => [p.problemId, p]));
  const aIds = new Set(aStats.map((p) => p.problemId));
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  const deltas: CompareRow[] = [];
  const points: Comparison["points"] = [];
  let both = 0;
  let neither = 0;
  let sum = 0;
  for (const pa of aStats) {
    const pb = bById.get(pa.problemId);
    if (!pb) continue;
    const ra = rate(pa);
    const rb = rate(pb);
    const sa = pa.correct > 0;
    const sb = pb.correct > 0;
    if (sa && sb) both++;
    else if (!sa && !sb) neither++;
    else (sa ? onlyA : onlyB).push(pa.problemId);
    sum += rb - ra;
    points.push({ problemId: pa.problemId, a: ra, b: rb });
    if (rb !== ra) deltas.push({ problemId: pa.problemId, a: ra, b: rb, delta: rb - ra });
  }
  const matched = both + neither + onlyA.length + onlyB.length;
  deltas.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.problemId.localeCompare(y.problemId));
  const a = summarizeRun(db, aRow);
  const b = summarizeRun(db, bRow);
  return {
    a,
    b,
    sameDataset: aRow.datasetSha256 === bRow.datasetSha256,
    onlyA,
    onlyB,
    bothSolved: both,
    neitherSolved: neither,
    unmatched: aStats.length + bStats.filter((p) => !aIds.has(p.problemId)).length - matched,
    deltas,
    meanDelta: matched ? sum / matched : null,
    paired: cachedPaired(points),
    mcnemar: testMcNemar(onlyA.length, onlyB.length),
    points,
    byDifficulty: pairBreakdowns(a.metrics.byDifficulty, b.metrics.byDifficulty),
  };
}

/** Paired bootstraps already computed (a 20 000-problem one costs ~200 ms), keyed by a hash of their input. */
const PAIRED_CACHE = new Map<string, PairedDifference | null>();

function cachedPaired(points: Comparison["points"]): PairedDifference | null {
  const key = String(Bun.hash(points.map((p) => `${p.a},${p.b}`).join(";")));
  if (PAIRED_CACHE.has(key)) return PAIRED_CACHE.get(key) ?? null;
  const r = comparePaired(
    points.map((p) => p.a),
    points.map((p) => p.b),
  );
  if (PAIRED_CACHE.size >= 256) PAIRED_CACHE.delete(PAIRED_CACHE.keys().next().value as string);
  PAIRED_CACHE.set(key, r);
  return r;
}

function pairBreakdowns(a: Breakdown[], b: Breakdown[]): Comparison["byDifficulty"] {
  const keys = orderDifficulties([...new Set([...a, ...b].map((r) => r.key))].map((key) => ({ key })));
  const find = (list: Breakdown[], key: string) => list.find((r) => r.key === key)?.passAt1 ?? null;
  return keys.map(({ key }) => ({ key, a: find(a, key), b: find(b, key) }));
}

function rate(p: ProblemStat): number {
  return p.samples ? p.correct / p.samples : 0;
}
