/** GET /v1/stats and the statistics file a training job's reward server writes (--stats-file). */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRewardServer } from "../../../harness/reward-server/index.ts";
import { createScoreStats, quantile } from "../../../harness/reward-server/score-stats.ts";
import { startStatsFile } from "../../../harness/reward-server/stats-file.ts";
import { createFakeJudge, makeProblem } from "./fake-judge.ts";

const dir = mkdtempSync(join(tmpdir(), "reward-stats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function post(url: string, body: unknown): Promise<{ results: { status: string }[] }> {
  const res = await fetch(`${url}/v1/rewards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as { results: { status: string }[] };
}

describe("reward server statistics", () => {
  test("percentiles are nearest-rank values of the recorded latencies", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99)]).toEqual([50, 90, 99]);
    const stats = createScoreStats();
    expect(stats.snapshot()).toMatchObject({ requests: 0, items: 0, latency_ms: null });
    stats.record([
      { id: 1, reward: 1, verdict: "AC", status: "ok", latency_ms: 10, details: { cached: true } },
      { id: 2, reward: null, verdict: null, status: "timeout", latency_ms: 30, details: {} },
      { id: 3, reward: null, verdict: "SE", status: "infra_error", latency_ms: 20, details: {} },
    ]);
    expect(stats.snapshot()).toEqual({ requests: 1, items: 3, ok: 1, timeouts: 1, infra_errors: 1, cache_hits: 1, masked: 0, latency_ms: { p50: 20, p90: 30, p99: 30, max: 30, window: 3 } });
  });

  test("/v1/stats counts what the server answered: ok, timeouts, infra errors and cache hits, with latency percentiles", async () => {
    const server = await startRewardServer({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), port: 0 });
    try {
      const items = [
        { id: 1, problem_id: "p1", completion: "AC" },
        { id: 2, problem_id: "p1", completion: "SE" },
        { id: 3, problem_id: "p1", completion: "HANG" },
      ];
      const first = await post(server.url, { schema: "binary", deadline_ms: 300, items });
      expect(first.results.map((r) => r.status)).toEqual(["ok", "infra_error", "timeout"]);
      await post(server.url, { schema: "binary", items: [items[0]] });
      const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as Record<string, unknown>;
      expect(stats).toMatchObject({ requests: 2, items: 4, ok: 2, timeouts: 1, infra_errors: 1, cache_hits: 1 });
      const latency = stats.latency_ms as { p50: number; p99: number; max: number; window: number };
      expect(latency.window).toBe(4);
      // The timed-out item waited for the deadline, so the slowest latency is at least that.
      expect(latency.max).toBeGreaterThanOrEqual(300);
      expect(latency.p50).toBeLessThanOrEqual(latency.p99);
    } finally {
      await server.stop();
    }
  });

  test("the statistics file gets a line at the start, one when requests arrived, and the final counts on stop", async () => {
    const server = await startRewardServer({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), port: 0 });
    const path = join(dir, "stats.jsonl");
    const writer = startStatsFile(server.url, path, 50);
    try {
      await post(server.url, { schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "AC" }, { id: 2, problem_id: "p1", completion: "WA" }] });
      await writer.stop();
      const lines = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { at: string; requests: number; items: number });
      expect(lines[0]!.requests).toBe(0);
      expect(lines.at(-1)).toMatchObject({ requests: 1, items: 2, ok: 2 });
      expect(lines.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
