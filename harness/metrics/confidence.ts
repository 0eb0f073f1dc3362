/**
 * Uncertainty for run metrics. Problems are the unit of resampling: samples of one problem are not
 * independent (the same model on the same statement), so a benchmark's sampling error is over its
 * problems. Every bootstrap here is seeded, so the same data always gives the same interval.
 */
import { passAtK } from "./pass-at-k.ts";

/** How an interval was made; shown next to it so a reader knows what it means. */
export interface BootstrapMethod {
  method: "percentile bootstrap over problems";
  resamples: number;
  seed: number;
  /** Coverage of the interval, e.g. 0.95. */
  level: number;
}

export interface PassAtKInterval extends BootstrapMethod {
  k: number;
  /** The pass@k itself (mean over the problems with at least k samples). */
  estimate: number;
  low: number;
  high: number;
  /** Problems the estimate averages over. */
  problems: number;
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 1;
export const DEFAULT_LEVEL = 0.95;

/** Mulberry32: a small, fast, seedable generator (quality is ample for resampling indices). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readOptions(opts: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const level = opts.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`bootstrap: resamples must be a positive integer (got ${resamples})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1) (got ${level})`);
  return { resamples, level, seed: opts.seed ?? DEFAULT_SEED };
}

/** The q-quantile of sorted values (linear interpolation between order statistics). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Means of `resamples` resamples (with replacement) of `values`, sorted ascending. */
function bootstrapMeans(values: number[], o: Required<BootstrapOptions>): Float64Array {
  const rng = createRng(o.seed);
  const n = values.length;
  const means = new Float64Array(o.resamples);
  for (let r = 0; r < o.resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)] as number;
    means[r] = sum / n;
  }
  return means.sort();
}

/**
 * pass@k with a percentile-bootstrap interval over problems: each resample draws problems with
 * replacement and averages their unbiased per-problem pass@k. null when no problem has k samples.
 */
export function bootstrapPassAtK(tallies: { samples: number; correct: number }[], k: number, opts: BootstrapOptions = {}): PassAtKInterval | null {
  const o = readOptions(opts);
  const values = tallies.map((t) => passAtK(t.samples, t.correct, k)).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const estimate = values.reduce((a, b) => a + b, 0) / values.length;
  const means = bootstrapMeans(values, o);
  const tail = (1 - o.level) / 2;
  return {
    k,
    estimate,
    low: Math.min(estimate, quantileOfSorted(means, tail)),
    high: Math.max(estimate, quantileOfSorted(means, 1 - tail)),
    problems: values.length,
    method: "percentile bootstrap over problems",
    resamples: o.resamples,
    seed: o.seed,
    level: o.level,
  };
}

export interface PairedDifference extends BootstrapMethod {
  /** mean(b) - mean(a) over the paired problems. */
  difference: number;
  low: number;
  high: number;
  /** Two-sided p-value of "no difference": share of resampled differences at least as far from the observed one as 0 is. */
  pValue: number;
  problems: number;
}

/**
 * Paired bootstrap over problems for the difference of two runs' per-problem scores (pass rates):
 * resample problems, keeping each problem's pair together. The p-value shifts the bootstrap
 * distribution to the null (Efron & Tibshirani's bootstrap test), counted with the +1 correction so it
 * is never 0. null when there is no pair.
 */
export function comparePaired(a: number[], b: number[], opts: BootstrapOptions = {}): PairedDifference | null {
  if (a.length !== b.length) throw new RangeError(`comparePaired: ${a.length} scores for a, ${b.length} for b`);
  if (a.length === 0) return null;
  const o = readOptions(opts);
  const diffs = a.map((x, i) => (b[i] as number) - x);
  const difference = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const means = bootstrapMeans(diffs, o);
  let extreme = 0;
  // Count with a tolerance: resamples equal to the observed value up to rounding are "as far".
  const far = Math.abs(difference) - 1e-12;
  for (const m of means) if (Math.abs(m - difference) >= far) extreme++;
  const tail = (1 - o.level) / 2;
  return {
    difference,
    low: quantileOfSorted(means, tail),
    high: quantileOfSorted(means, 1 - tail),
    pValue: Math.min(1, (extreme + 1) / (o.resamples + 1)),
    problems: diffs.length,
    method: "percentile bootstrap over problems",
    resamples: o.resamples,
    seed: o.seed,
    level: o.level,
  };
}

export interface McNemarResult {
  /** Problems solved by a only, and by b only (the discordant pairs). */
  onlyA: number;
  onlyB: number;
  /** Exact two-sided p-value: the binomial test of onlyB among the discordant pairs at p = 1/2. */
  pValue: number;
}

/** McNemar's exact test on solved/unsolved per problem. With no discordant pair the p-value is 1. */
export function testMcNemar(onlyA: number, onlyB: number): McNemarResult {
  const n = onlyA + onlyB;
  const lo = Math.min(onlyA, onlyB);
  // P(X <= lo) for X ~ Binomial(n, 1/2), summed in log space so large n does not overflow.
  let logC = 0;
  let tail = 0;
  for (let i = 0; i <= lo; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logC - n * Math.LN2);
  }
  return { onlyA, onlyB, pValue: n === 0 ? 1 : Math.min(1, 2 * tail) };
}
