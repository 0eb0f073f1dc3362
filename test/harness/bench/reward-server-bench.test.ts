import { describe, expect, test } from "bun:test";
import type { Verdict } from "../../../judges/types.ts";
import type { SampleJudge } from "../../../harness/types.ts";
import { formatRewardsBench, runRewardsBench } from "../../../harness/bench/reward-server-bench.ts";
import { createBenchBatch, createBenchProblems, DUPLICATE_RATE, INTENT_MIX } from "../../../harness/bench/reward-server-workload.ts";
import { makeJudged, repeatTests } from "../rewards/fixtures.ts";

const VERDICT_OF: Record<string, Verdict> = { AC: "AC", CPP_AC: "AC", WA: "WA", OVERFIT: "WA", RE: "RE", TLE: "TLE", CE: "CE", CPP_CE: "CE" };

/** Stands in for the sandbox: answers with the verdict each bench completion was written to get. */
function createIntentJudge(delayMs: number): SampleJudge {
  return async (problem, sample) => {
    if (delayMs > 0) await Bun.sleep(delayMs);
    const intent = /intent: (\w+)/.exec(sample.completion)?.[1];
    const verdict = intent ? VERDICT_OF[intent] ?? "NO_CODE" : "NO_CODE";
    const n = problem.tests.length;
    const tests = verdict === "AC" ? repeatTests(n, "AC") : verdict === "CE" || verdict === "NO_CODE" ? [] : [{ verdict }];
    return { ...makeJudged({ verdict, tests, total: n, language: intent?.startsWith("CPP") ? "cpp" : "python" }), problemId: problem.id, completion: sample.completion };
  };
}

describe("bench workload", () => {
  test("a batch is 32 problems x a group of 8 with the stated mix and duplicates", () => {
    const problems = createBenchProblems();
    const counts: Record<string, number> = {};
    let items = 0;
    let duplicates = 0;
    for (let b = 0; b < 20; b++) {
      const batch = createBenchBatch(problems, b);
      expect(batch.length).toBe(256);
      items += batch.length;
      const seen = new Set<string>();
      for (const it of batch) {
        if (seen.has(it.completion)) duplicates++;
        else counts[it.intent] = (counts[it.intent] ?? 0) + 1;
        seen.add(it.completion);
      }
    }
    const distinct = items - duplicates;
    expect(duplicates / items).toBeGreaterThan(DUPLICATE_RATE * 0.6);
    expect(duplicates / items).toBeLessThan(DUPLICATE_RATE * 1.2);
    for (const [intent, share] of INTENT_MIX) expect(Math.abs((counts[intent] ?? 0) / distinct - share)).toBeLessThan(0.03);
  });

  test("the same batch index gives the same batch and different indexes do not share completions", () => {
    const problems = createBenchProblems(4);
    expect(createBenchBatch(problems, 3)).toEqual(createBenchBatch(problems, 3));
    const a = new Set(createBenchBatch(problems, 1).map((i) => i.completion));
    expect(createBenchBatch(problems, 2).some((i) => a.has(i.completion))).toBe(false);
  });

  test("the overfit completion passes the public tests and fails a hidden one by construction", () => {
    const [p] = createBenchProblems(1);
    const overfit = createBenchBatch([p!], 0, 64).find((i) => i.intent === "OVERFIT")!;
    const table = /\{1: (\d+), 2: (\d+)\}/.exec(overfit.completion)!;
    expect(`${table[1]}\n`).toBe(p!.tests[0]!.output);
    expect(`${table[2]}\n`).toBe(p!.tests[1]!.output);
    expect(p!.tests.slice(0, 2).every((t) => t.kind === "public")).toBe(true);
  });
});

describe("runRewardsBench", () => {
  test("reports throughput, batch latency percentiles and /health latency under load", async () => {
    const r = await runRewardsBench({ judge: createIntentJudge(3), batches: 3, concurrency: 8, maxSeconds: 30 });
    expect(r.batches).toBe(3);
    expect(r.completions).toBe(768);
    expect(r.distinct_completions).toBeLessThan(768);
    expect(r.rewards_per_s).toBeGreaterThan(0);
    expect(r.batch_latency_ms.p50).toBeGreaterThan(0);
    expect(r.batch_latency_ms.p99).toBeGreaterThanOrEqual(r.batch_latency_ms.p50);
    expect(r.health_ms.polls).toBeGreaterThan(3);
    // How fast /health answers is a measurement for the bench report, not a pass/fail bound here:
    // on a loaded CI machine a slow poll says nothing about the code.
    expect(r.health_ms.p99).toBeGreaterThanOrEqual(r.health_ms.p50);
    expect(formatRewardsBench(r)).toMatch(/\/health during load: p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms \(\d+ of \d+ polls >= 50 ms/);
    expect(r.statuses).toEqual({ ok: 768 });
    expect(Object.keys(r.intents.AC ?? {})).toEqual(["AC"]);
    expect(formatRewardsBench(r)).toMatch(/throughput: [\d.]+ rewards\/s/);
  });

  test("stops by itself at its time limit", async () => {
    const r = await runRewardsBench({ judge: createIntentJudge(50), batches: 100, concurrency: 2, maxSeconds: 0.5, problems: 4 });
    expect(r.stopped_early).toBe(true);
    expect(r.batches).toBeLessThan(100);
  });

  // An instant stand-in judge isolates the server's own bookkeeping (queues, caches, results): a leak
  // there grows with requests, whatever the judge. The real sandbox's footprint is the bench's to report.
  test("the server's own memory grows by less than 220 MB RSS over 10 000 requests answered by an instant stand-in judge", async () => {
    const r = await runRewardsBench({ judge: createIntentJudge(0), batches: 40, concurrency: 16, maxSeconds: 50, healthIntervalMs: 50 });
    expect(r.completions).toBe(10_240);
    Bun.gc(true);
    // Growth, not the absolute figure: this process also holds every test file loaded before this one
    // (about 80 MB alone, over 300 MB late in a full run), none of which is the server's. 220 MB is
    // the allowance the absolute bound of 300 MB gave over a fresh process.
    expect(r.memory_mb.rss_peak - r.memory_mb.rss_start).toBeLessThan(220);
  });
});
