/**
 * `bench --rewards`: a bounded loopback load test of the reward server. Batches of 256
 * completions (32 problems × a group of 8) are posted one after another, as a trainer would,
 * while /health is polled to show the server stays responsive; memory is sampled throughout.
 * Bounded by a batch count and a time limit, and it stops by itself.
 */
import type { SampleJudge } from "../types.ts";
import { computeQuantile } from "../rewards/stats.ts";
import type { LoadOutcome, LoadPlan } from "./reward-server-client.ts";
import { createBenchProblems } from "./reward-server-workload.ts";
import { startRewardServer } from "../reward-server/start.ts";

export interface RewardsBenchOptions {
  judge: SampleJudge;
  /** Batches to send (default 4). */
  batches?: number;
  problems?: number;
  groupSize?: number;
  concurrency?: number;
  schema?: string;
  /** Stop sending new batches after this long (default 540 s). */
  maxSeconds?: number;
  healthIntervalMs?: number;
  /** Called after each batch (progress on the CLI). */
  onBatch?: (done: number, total: number, latencyMs: number) => void;
}

export interface RewardsBenchResult {
  batches: number;
  batch_size: number;
  completions: number;
  distinct_completions: number;
  elapsed_s: number;
  rewards_per_s: number;
  batch_latency_ms: { p50: number; p99: number; max: number };
  /** `slow_at_s`: when (seconds into the run) the first polls of 50 ms or more happened. */
  health_ms: { p50: number; p99: number; max: number; polls: number; over_50ms: number; slow_at_s: number[] };
  verdicts: Record<string, number>;
  statuses: Record<string, number>;
  /** Verdicts per written intent: shows the mix really was judged as meant. */
  intents: Record<string, Record<string, number>>;
  memory_mb: { rss_start: number; rss_peak: number; rss_end: number; heap_peak: number };
  concurrency: number;
  stopped_early: boolean;
}

/** Runs the bench against a real server on 127.0.0.1 with the given judge. */
export async function runRewardsBench(opts: RewardsBenchOptions): Promise<RewardsBenchResult> {
  const plan: Omit<LoadPlan, "url"> = {
    batches: opts.batches ?? 4,
    problems: opts.problems ?? 32,
    groupSize: opts.groupSize ?? 8,
    schema: opts.schema ?? "binary",
    maxSeconds: opts.maxSeconds ?? 540,
    healthIntervalMs: opts.healthIntervalMs ?? 25,
  };
  const concurrency = opts.concurrency ?? 8;
  const problems = createBenchProblems(plan.problems);
  const server = await startRewardServer({ judge: opts.judge, problems: new Map(problems.map((p) => [p.id, p])), port: 0, concurrency });
  let out: LoadOutcome;
  try {
    out = await driveInWorker({ ...plan, url: server.url }, opts.onBatch);
  } finally {
    await server.stop();
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    batches: out.sent,
    batch_size: plan.problems * plan.groupSize,
    completions: out.completions,
    distinct_completions: out.distinct,
    elapsed_s: round(out.elapsedS),
    rewards_per_s: round(out.completions / out.elapsedS),
    batch_latency_ms: {
      p50: round(computeQuantile(out.latencies, 0.5)),
      p99: round(computeQuantile(out.latencies, 0.99)),
      max: round(out.latencies.reduce((a, b) => Math.max(a, b), 0)),
    },
    health_ms: {
      p50: round(computeQuantile(out.health, 0.5)),
      p99: round(computeQuantile(out.health, 0.99)),
      max: round(out.health.reduce((a, b) => Math.max(a, b), 0)),
      polls: out.health.length,
      over_50ms: out.slowAt.length,
      slow_at_s: out.slowAt.slice(0, 20),
    },
    verdicts: out.verdicts,
    statuses: out.statuses,
    intents: out.intents,
    memory_mb: out.memory,
    concurrency,
    stopped_early: out.sent < plan.batches,
  };
}

function driveInWorker(plan: LoadPlan, onBatch: RewardsBenchOptions["onBatch"]): Promise<LoadOutcome> {
  const worker = new Worker(new URL("./reward-server-client-worker.ts", import.meta.url).href);
  return new Promise<LoadOutcome>((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`bench client failed: ${e.message}`));
    worker.onmessage = (event: MessageEvent<{ type: "batch"; done: number; latencyMs: number } | { type: "done"; outcome: LoadOutcome } | { type: "failed"; error: string }>) => {
      const m = event.data;
      if (m.type === "batch") onBatch?.(m.done, plan.batches, m.latencyMs);
      else {
        worker.terminate();
        if (m.type === "done") resolve(m.outcome);
        else reject(new Error(m.error));
      }
    };
    worker.postMessage(plan);
  });
}

/** Plain-text report of a bench run. */
export function formatRewardsBench(r: RewardsBenchResult): string {
  const mix = Object.entries(r.verdicts)
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v} ${n}`)
    .join(", ");
  return [
    `reward server bench: ${r.batches} batches of ${r.batch_size} (${r.completions} completions, ${r.distinct_completions} distinct), concurrency ${r.concurrency}`,
    `throughput: ${r.rewards_per_s} rewards/s over ${r.elapsed_s} s`,
    `batch latency: p50 ${r.batch_latency_ms.p50} ms, p99 ${r.batch_latency_ms.p99} ms, max ${r.batch_latency_ms.max} ms`,
    `/health during load: p50 ${r.health_ms.p50} ms, p99 ${r.health_ms.p99} ms, max ${r.health_ms.max} ms (${r.health_ms.over_50ms} of ${r.health_ms.polls} polls >= 50 ms${r.health_ms.over_50ms ? `, at ${r.health_ms.slow_at_s.join(", ")} s` : ""})`,
    `verdicts: ${mix}`,
    `statuses: ${Object.entries(r.statuses).map(([s, n]) => `${s} ${n}`).join(", ")}`,
    `memory: rss ${r.memory_mb.rss_start} -> peak ${r.memory_mb.rss_peak} -> end ${r.memory_mb.rss_end} MB, heap peak ${r.memory_mb.heap_peak} MB`,
    ...(r.stopped_early ? ["stopped early: time limit reached"] : []),
  ].join("\n");
}
