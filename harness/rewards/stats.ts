/** Statistics for reward experiments: moments, histograms, GRPO advantages, rank correlation. */
import { quantileOfSorted } from "../metrics/confidence.ts";

export interface Histogram {
  /** Bin edges, length = counts.length + 1; the last bin includes its right edge. */
  edges: number[];
  counts: number[];
}

/** Mean of the values (0 for none). */
export function computeMean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Standard deviation; `sample` uses n−1 (as torch.std does), population uses n. 0 below two values. */
export function computeStd(xs: readonly number[], kind: "population" | "sample" = "population"): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = computeMean(xs);
  const ss = xs.reduce((s, x) => s + (x - m) ** 2, 0);
  return Math.sqrt(ss / (kind === "sample" ? n - 1 : n));
}

/** Histogram with `bins` equal bins over [lo, hi] (the data's range when not given). */
export function buildHistogram(xs: readonly number[], bins = 10, range?: [number, number]): Histogram {
  if (xs.length === 0) return { edges: [], counts: [] };
  let [lo, hi] = range ?? computeRange(xs);
  if (lo === hi) {
    // One value: a single unit-wide bin centred on it keeps the chart readable.
    lo -= 0.5;
    hi += 0.5;
    bins = 1;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { edges, counts };
}

/** Min and max in one pass (no spread: 10 000 values would overflow the argument list of Math.min). */
export function computeRange(xs: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/** Tolerance under which a group's rewards count as identical. */
export const ZERO_VARIANCE_EPS = 1e-12;
/** Added to the group std before dividing, as TRL's GRPO does. */
export const ADVANTAGE_EPS = 1e-4;

export interface GroupStats {
  /** Groups with at least two rewarded samples. */
  groups: number;
  zeroVarianceGroups: number;
  /** (r − mean_group) / (std_group + eps), std with n−1, for every sample of those groups. */
  advantages: number[];
}

/** GRPO group statistics: which groups carry no learning signal, and the normalised advantages. */
export function computeGroupStats(groups: Iterable<readonly number[]>): GroupStats {
  let count = 0;
  let zero = 0;
  const advantages: number[] = [];
  for (const g of groups) {
    if (g.length < 2) continue;
    count++;
    const [lo, hi] = computeRange(g);
    if (hi - lo <= ZERO_VARIANCE_EPS) zero++;
    const m = computeMean(g);
    const s = computeStd(g, "sample");
    for (const r of g) advantages.push((r - m) / (s + ADVANTAGE_EPS));
  }
  return { groups: count, zeroVarianceGroups: zero, advantages };
}

/** Ranks with ties sharing their average rank (1-based). */
export function rankWithTies(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = avg;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation; null when either side is constant (undefined correlation). */
export function computeSpearman(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new Error(`spearman: ${xs.length} values against ${ys.length}`);
  if (xs.length < 2) return null;
  const rx = rankWithTies(xs);
  const ry = rankWithTies(ys);
  const mx = computeMean(rx);
  const my = computeMean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = rx[i]! - mx;
    const dy = ry[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** The q-quantile (0..1) by linear interpolation; 0 for no values. */
export function computeQuantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  return quantileOfSorted([...xs].sort((a, b) => a - b), q);
}
