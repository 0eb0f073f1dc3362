/**
 * What a reward server reports of itself (`GET /v1/stats`): the shape harness/reward-server/score-stats.ts
 * computes, a training job's server writes to its folder, and the store and the viewer read back.
 */

export interface ScoreStatsSnapshot {
  requests: number;
  items: number;
  ok: number;
  timeouts: number;
  infra_errors: number;
  cache_hits: number;
  masked: number;
  /** Over the most recent items (`window` of them); null before any item. */
  latency_ms: { p50: number; p90: number; p99: number; max: number; window: number } | null;
}
