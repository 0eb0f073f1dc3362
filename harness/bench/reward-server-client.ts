/**
 * The load generator of `bench --rewards`: posts batches one after another, as a trainer would,
 * while polling /health. It runs on its own thread (reward-server-client-worker.ts) so that its timings
 * measure the server, not a client stuck behind the judge's work on the main thread.
 */
import { createBenchBatch, createBenchProblems, type Intent } from "./reward-server-workload.ts";
import type { ScoreResult } from "../reward-server/scorer.ts";

export interface LoadPlan {
  url: string;
  batches: number;
  problems: number;
  groupSize: number;
  schema: string;
  maxSeconds: number;
  healthIntervalMs: number;
}

export interface LoadOutcome {
  sent: number;
  completions: number;
  distinct: number;
  elapsedS: number;
  latencies: number[];
  health: number[];
  /** Seconds into the run of the polls that took 50 ms or more. */
  slowAt: number[];
  verdicts: Record<string, number>;
  statuses: Record<string, number>;
  intents: Record<string, Record<string, number>>;
  memory: { rss_start: number; rss_peak: number; rss_end: number; heap_peak: number };
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

/** Sends the planned batches (bounded by count and time) and measures them. */
export async function driveLoad(plan: LoadPlan, onBatch?: (done: number, latencyMs: number) => void): Promise<LoadOutcome> {
  const problems = createBenchProblems(plan.problems);
  const deadline = performance.now() + plan.maxSeconds * 1000;
  const memory = { rss_start: mb(process.memoryUsage().rss), rss_peak: 0, rss_end: 0, heap_peak: 0 };
  const sampleMemory = () => {
    const m = process.memoryUsage();
    memory.rss_peak = Math.max(memory.rss_peak, mb(m.rss));
    memory.heap_peak = Math.max(memory.heap_peak, mb(m.heapUsed));
  };
  const out: LoadOutcome = { sent: 0, completions: 0, distinct: 0, elapsedS: 0, latencies: [], health: [], slowAt: [], verdicts: {}, statuses: {}, intents: {}, memory };

  const started = performance.now();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t0 = performance.now();
      await (await fetch(`${plan.url}/health`)).json();
      const ms = performance.now() - t0;
      out.health.push(ms);
      if (ms >= 50) out.slowAt.push(Math.round((t0 - started) / 100) / 10);
      sampleMemory();
      await Bun.sleep(plan.healthIntervalMs);
    }
  })();

  const distinct = new Set<string>();
  try {
    for (; out.sent < plan.batches && performance.now() < deadline; out.sent++) {
      const batch = createBenchBatch(problems, out.sent, plan.groupSize);
      const intentOf = new Map<string, Intent>(batch.map((b) => [b.id, b.intent]));
      for (const b of batch) distinct.add(b.completion);
      const t0 = performance.now();
      const res = await fetch(`${plan.url}/v1/rewards`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ schema: plan.schema, items: batch.map(({ intent: _, ...item }) => item) }),
      });
      if (!res.ok) throw new Error(`bench batch ${out.sent} refused (${res.status}): ${await res.text()}`);
      const { results } = (await res.json()) as { results: ScoreResult[] };
      const ms = performance.now() - t0;
      out.latencies.push(ms);
      out.completions += results.length;
      for (const r of results) {
        const v = r.verdict ?? "none";
        out.verdicts[v] = (out.verdicts[v] ?? 0) + 1;
        out.statuses[r.status] = (out.statuses[r.status] ?? 0) + 1;
        const row = (out.intents[intentOf.get(String(r.id)) ?? "?"] ??= {});
        row[v] = (row[v] ?? 0) + 1;
      }
      sampleMemory();
      onBatch?.(out.sent + 1, ms);
    }
  } finally {
    polling = false;
    await poller;
  }
  out.elapsedS = (performance.now() - started) / 1000;
  out.distinct = distinct.size;
  memory.rss_end = mb(process.memoryUsage().rss);
  return out;
}
