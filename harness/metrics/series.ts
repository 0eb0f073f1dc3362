/** Shapes of run data for charts: histograms and judging throughput (rate, ETA). Pure functions. */

export interface Histogram {
  /** counts[i] falls in [edges[i], edges[i+1]); the last bin also holds its upper edge. */
  edges: number[];
  counts: number[];
}

/** Equal-width bins from the smallest to the largest value; null for no values. One bin when all are equal. */
export function binValues(values: number[], bins = 20): Histogram | null {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`binValues: bins must be a positive integer (got ${bins})`);
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return { edges: [lo, hi + 1], counts: [finite.length] };
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) {
    const i = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[i] = (counts[i] as number) + 1;
  }
  return { edges, counts };
}

export interface Throughput {
  /** Samples judged per bucket, from the first judged sample on. */
  series: { startMs: number; count: number }[];
  bucketMs: number;
  /** Samples per second over the last `windowMs` (or the whole run when shorter). */
  ratePerSec: number | null;
  /** Seconds until `expected` at that rate; null when unknown or already there. */
  etaSec: number | null;
}

/**
 * Judging throughput from the samples' judged-at times: a per-bucket series for a line chart, the
 * recent rate and an ETA. `bucketMs` adapts so the series has at most `maxBuckets` points.
 */
export function summarizeThroughput(judgedAtMs: number[], expected: number, opts: { windowMs?: number; maxBuckets?: number } = {}): Throughput {
  const times = judgedAtMs.filter(Number.isFinite).sort((a, b) => a - b);
  const maxBuckets = opts.maxBuckets ?? 60;
  if (times.length === 0) return { series: [], bucketMs: 1000, ratePerSec: null, etaSec: null };
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  const span = Math.max(1, last - first);
  const bucketMs = Math.max(1000, Math.ceil(span / maxBuckets / 1000) * 1000);
  const series = Array.from({ length: Math.floor(span / bucketMs) + 1 }, (_, i) => ({ startMs: first + i * bucketMs, count: 0 }));
  for (const t of times) (series[Math.floor((t - first) / bucketMs)] as { count: number }).count++;
  const windowMs = opts.windowMs ?? 60_000;
  const from = Math.max(first, last - windowMs);
  const recent = times.filter((t) => t >= from).length;
  const seconds = (last - from) / 1000;
  const ratePerSec = seconds > 0 ? recent / seconds : null;
  const remaining = expected - times.length;
  return { series, bucketMs, ratePerSec, etaSec: ratePerSec && remaining > 0 ? remaining / ratePerSec : null };
}
