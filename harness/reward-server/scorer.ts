/**
 * Scores batches of completions: judges each (bounded by the pool, deduplicated by the cache,
 * all within one deadline per request) and applies a schema. An infrastructure failure or a
 * missed deadline is `reward: null`, never 0: an outage must not look like a wrong answer.
 */
import { HarnessError } from "../../judges/errors.ts";
import type { Problem } from "../../datasets/types.ts";
import type { Language } from "../../judges/types.ts";
import type { RewardSchema } from "../rewards/definition.ts";
import { computeReward, needsAllTests } from "../rewards/evaluate.ts";
import { computeFeatures, describeProblem, type RewardFeatures } from "../rewards/features.ts";
import type { SampleJudge } from "../types.ts";
import { createGroupScheduler, type SlotTicket } from "./group-scheduler.ts";
import { createJudgeCache, DeadlineExceeded, raceDeadline } from "./judge-cache.ts";
import type { ScoreResult } from "./score-result.ts";
import { createScoreStats, type ScoreStatsSnapshot } from "./score-stats.ts";

export type { ScoreResult, ScoreStatus } from "./score-result.ts";

export interface ScoreItem {
  id: string | number;
  problem: Problem;
  /** Identifies the problem in the cache: its id for dataset problems, a content hash for inline ones. */
  problemKey: string;
  completion: string;
  language?: Language;
  truncated?: boolean;
  /** The prompt group the item belongs to (default: its problem); groups are judged whole first. */
  group?: string;
}

/** What the cache keeps per judged sample: schema-independent and small. */
interface Judged {
  features: RewardFeatures;
  passed: number;
  total: number;
}

/** The judge reported SE: the harness, not the sample, failed. */
class JudgeReportedInfraError extends HarnessError {
  override name = "JudgeReportedInfraError";
  constructor(message: string) {
    super(message, "sandbox");
  }
}

export interface ScorerOptions {
  judge: SampleJudge;
  /** Judgings in flight at once (default 8). */
  concurrency?: number;
  /** Judged samples remembered (default 20 000). */
  cacheSize?: number;
}

export interface ScoreOptions {
  schema: RewardSchema;
  /** Judge on public tests only (what many RL setups train on) or on all tests. */
  tests: "all" | "public";
  deadlineMs: number;
}

export interface Scorer {
  score(items: ScoreItem[], opts: ScoreOptions): Promise<ScoreResult[]>;
  /** Runs one judging through the slots under a deadline (output prediction uses it). */
  runJudged<T>(task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, ticket?: SlotTicket): Promise<T>;
  stats(): { inFlight: number; pending: number; cached: number; concurrency: number };
  /** Counts and latency percentiles of everything `score` has answered. */
  scoreStats(): ScoreStatsSnapshot;
}

/** Creates a scorer around one judge. */
export function createScorer(opts: ScorerOptions): Scorer {
  const pool = createGroupScheduler(opts.concurrency ?? 8);
  let requests = 0;
  const cache = createJudgeCache<Judged>(opts.cacheSize ?? 20_000);
  const recorded = createScoreStats();

  // The slot is released when the deadline passes even if the judge ignores the signal, so one
  // stuck judging cannot starve the pool for every later request.
  const runJudged = <T>(task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, ticket?: SlotTicket): Promise<T> => {
    const t = ticket ?? { request: requests++, group: `single:${requests}` };
    return pool.run(t, () => (signal.aborted ? Promise.reject(new DeadlineExceeded()) : raceDeadline(task(signal), signal)), signal);
  };

  const judgeOne = async (item: ScoreItem, o: ScoreOptions, allTests: boolean, signal: AbortSignal, request: number) => {
    const key = cacheKey(item, o.tests, allTests);
    // A judgement that ran every test answers a request that would have stopped early too.
    const fuller = allTests ? undefined : cache.peek(cacheKey(item, o.tests, true));
    if (fuller) return { value: fuller, cached: true };
    return cache.getOrCompute(
      key,
      (sig) =>
        runJudged(async (s) => {
          const judged = await opts.judge(
            item.problem,
            { problemId: item.problem.id, completion: item.completion, ...(item.language ? { language: item.language } : {}), truncated: item.truncated ?? false },
            { allTests, signal: s, ...(o.tests === "public" ? { testKinds: ["public"] as ("public" | "private" | "generated")[] } : {}) },
          );
          if (judged.verdict === "SE") throw new JudgeReportedInfraError(judged.judgement?.error ?? "the judge reported a system error");
          return { features: computeFeatures(judged, describeProblem(item.problem)), passed: judged.judgement?.passed ?? 0, total: judged.judgement?.total ?? 0 };
        }, sig, { request, group: item.group ?? item.problemKey }),
      signal,
    );
  };

  // Latency counts from the request's arrival, the clock its deadline runs on: that is the wait a
  // trainer sees, and a timed-out item's latency is then never below the deadline.
  const scoreOne = async (item: ScoreItem, o: ScoreOptions, allTests: boolean, signal: AbortSignal, request: number, started: number): Promise<ScoreResult> => {
    const latency = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const { value, cached } = await judgeOne(item, o, allTests, signal, request);
      // Truncation belongs to this request's item, not to the cached judging.
      const features = { ...value.features, truncated: item.truncated ?? false };
      const out = computeReward(o.schema, features);
      const details: ScoreResult["details"] = { passed: value.passed, total: value.total, compiled: features.compiled, cached };
      if (out.reward === null) return { id: item.id, reward: null, verdict: features.verdict, status: "ok", latency_ms: latency(), details: { ...details, masked: true } };
      return { id: item.id, reward: out.reward, verdict: features.verdict, status: "ok", latency_ms: latency(), details: { ...details, rule: out.rule } };
    } catch (e: unknown) {
      if (e instanceof DeadlineExceeded) {
        return { id: item.id, reward: null, verdict: null, status: "timeout", latency_ms: latency(), details: { error: `deadline of ${o.deadlineMs} ms passed` } };
      }
      const verdict = e instanceof JudgeReportedInfraError ? "SE" : null;
      return { id: item.id, reward: null, verdict, status: "infra_error", latency_ms: latency(), details: { error: describeError(e) } };
    }
  };

  return {
    runJudged,
    stats: () => ({ inFlight: cache.inFlight, pending: pool.pending(), cached: cache.size, concurrency: pool.size }),
    scoreStats: () => recorded.snapshot(),
    async score(items, o) {
      const allTests = needsAllTests(o.schema);
      const started = performance.now();
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), o.deadlineMs);
      const request = requests++;
      try {
        // Items are queued group by group (groups in order of first appearance), so the slots work
        // through whole groups and a deadline leaves whole groups judged.
        const results = new Array<Promise<ScoreResult>>(items.length);
        for (const i of groupOrder(items)) results[i] = scoreOne(items[i]!, o, allTests, controller.signal, request, started);
        const scored = await Promise.all(results);
        recorded.record(scored);
        return scored;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Item indexes sorted by group, groups in order of first appearance, items in order within a group. */
export function groupOrder(items: readonly ScoreItem[]): number[] {
  const byGroup = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = it.group ?? it.problemKey;
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  });
  return [...byGroup.values()].flat();
}

function cacheKey(item: ScoreItem, tests: string, allTests: boolean): string {
  const h = new Bun.CryptoHasher("sha256");
  h.update(JSON.stringify([item.problemKey, item.language ?? null, tests, allTests]));
  h.update("\u0000");
  h.update(item.completion);
  return h.digest("hex");
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
