/**
 * What the reward server has scored since it started: requests, items by status (ok, timeout,
 * infra error), cache hits, masked items, and latency percentiles over the most recent items. A
 * training job's server writes these to the job folder (`serve --rewards --stats-file`), so the
 * harness can show how the judging behaved during the job.
 */
import type { ScoreStatsSnapshot } from "../metrics/reward-server-stats.ts";
import type { ScoreResult } from "./score-result.ts";

/** Latencies kept for the percentiles: recent enough to follow the job, bounded in memory. */
const LATENCY_WINDOW = 10_000;

export type { ScoreStatsSnapshot };

export interface ScoreStats {
  record(results: readonly ScoreResult[]): void;
  snapshot(): ScoreStatsSnapshot;
}

/** The value at quantile q of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function createScoreStats(): ScoreStats {
  const counts = { requests: 0, items: 0, ok: 0, timeouts: 0, infra_errors: 0, cache_hits: 0, masked: 0 };
  const latencies = new Float64Array(LATENCY_WINDOW);
  let written = 0;
  return {
    record(results) {
      counts.requests += 1;
      for (const r of results) {
        counts.items += 1;
        if (r.status === "ok") counts.ok += 1;
        else if (r.status === "timeout") counts.timeouts += 1;
        else counts.infra_errors += 1;
        if (r.details.cached) counts.cache_hits += 1;
        if (r.details.masked) counts.masked += 1;
        latencies[written % LATENCY_WINDOW] = r.latency_ms;
        written += 1;
      }
    },
    snapshot() {
      const n = Math.min(written, LATENCY_WINDOW);
      if (n === 0) return { ...counts, latency_ms: null };
      const sorted = Array.from(latencies.subarray(0, n)).sort((a, b) => a - b);
      return { ...counts, latency_ms: { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), max: sorted[n - 1]!, window: n } };
    },
  };
}
