/**
 * `bun run bench`: generates the corpus of each language from a seed, judges it with the harness
 * (cold cache by default) and with the naive baseline, estimates the floor, checks that both judges
 * agree, and returns the figures. Speed is reported, never asserted; disagreement is a failure.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Language } from "../../judges/types.ts";
import { DEFAULT_LIMIT_OPTIONS, type LimitOptions } from "../eval/limits.ts";
import { checkAgreement, describeAgreementFailures } from "./agreement.ts";
import { type BaselineJudgement, judgeWithBaseline } from "./baseline.ts";
import { BENCH_TIME_LIMIT_MS, DEFAULT_SUBMISSIONS, DEFAULT_TESTS, generateCorpus } from "./corpus.ts";
import { estimateFloor, readCppFlags } from "./floor.ts";
import { judgeWithHarness, TIMELINE_KINDS } from "./harness-side.ts";
import { describePhases, type PhaseFigure } from "./phase-profile.ts";
import { buildTimeline } from "./timeline.ts";
import { buildWarmFigures } from "./warm-pass.ts";
import { readProfile, readSpans, setProfiling } from "../../judges/profile.ts";
import { type BenchReport, buildLanguageReport, type LanguageReport, sumLanguages } from "./report.ts";

export interface BenchOptions {
  languages: Language[];
  seed?: string;
  submissions?: number;
  tests?: number;
  /** Keep the compile cache (and PCH) between bench runs in `warmCacheDir` instead of a fresh temp folder. */
  warm?: boolean;
  warmCacheDir?: string;
  /** Samples judged at once by the harness (default 2 × cores: a sample waiting for its duplicate holds no core). */
  concurrency?: number;
  /** Compiles and runs in flight at once across samples (default: cores). */
  slots?: number;
  testConcurrency?: number;
  cores?: number;
  /** Python's time limit is the problem's times this (default 2). */
  pythonTimeFactor?: number;
  /** A second harness pass with the cache the first left (default true): the warm figure. */
  warmPass?: boolean;
  /** Phase timers (judges/profile.ts) of each pass, and a store step timed as eval does it. */
  profile?: boolean;
  /** Progress lines (stderr on the CLI). */
  onProgress?: (line: string) => void;
}

export const DEFAULT_SEED = "bench-1";
export const DEFAULT_WARM_CACHE_DIR = ".harness/bench/cache";

async function judgeAllWithBaseline(corpus: ReturnType<typeof generateCorpus>, timeoutMs: Record<Language, number>) {
  const byId = new Map(corpus.problems.map((p) => [p.id, p]));
  const started = performance.now();
  const judgements: BaselineJudgement[] = [];
  for (const s of corpus.submissions) {
    const problem = byId.get(s.problemId);
    if (!problem) throw new Error(`bench corpus: submission ${s.index} names unknown problem ${s.problemId}`);
    judgements.push(await judgeWithBaseline(problem, s.language, s.completion, { timeoutMs }));
  }
  return { wallMs: performance.now() - started, judgements };
}

/** Runs the bench; the report's `ok` is false (with `failures`) when the judges disagree. */
export async function runBench(opts: BenchOptions): Promise<BenchReport> {
  const benchStarted = performance.now();
  const cores = opts.cores ?? availableParallelism();
  const seed = opts.seed ?? DEFAULT_SEED;
  const submissions = opts.submissions ?? DEFAULT_SUBMISSIONS;
  const tests = opts.tests ?? DEFAULT_TESTS;
  const slots = opts.slots ?? cores;
  const concurrency = opts.concurrency ?? 2 * cores;
  const testConcurrency = opts.testConcurrency ?? 1;
  const pythonFactor = opts.pythonTimeFactor ?? 2;
  const limits: LimitOptions = { ...DEFAULT_LIMIT_OPTIONS, timeFactor: { cpp: 1, python: pythonFactor } };
  const cpuLimitMs: Record<Language, number> = { cpp: BENCH_TIME_LIMIT_MS, python: Math.round(BENCH_TIME_LIMIT_MS * pythonFactor) };
  const progress = opts.onProgress ?? (() => {});
  const loadBefore = loadavg();

  const languages: Partial<Record<Language, LanguageReport>> = {};
  const failures: string[] = [];
  let sandbox: Record<string, string> = {};
  for (const language of opts.languages) {
    const corpus = generateCorpus({ seed, language, submissions, tests });
    // Cold by default: each language's harness run starts from an empty cache, PCH included.
    const cacheDir = opts.warm ? resolve(opts.warmCacheDir ?? DEFAULT_WARM_CACHE_DIR) : mkdtempSync(join(tmpdir(), "bench-cache-"));
    // The local sandbox keeps its PCH under <cacheDir>/pch: with --warm, a floor must not charge a build the harness skipped.
    const pchCached = existsSync(join(cacheDir, "pch"));
    // A cold cache holds a 100 MB PCH: removed even when the bench is interrupted (the CLI exits on Ctrl-C).
    const removeCache = () => rmSync(cacheDir, { recursive: true, force: true });
    if (!opts.warm) process.once("exit", removeCache);
    let harness: Awaited<ReturnType<typeof judgeWithHarness>>;
    let warmHarness: typeof harness | null = null;
    let profile: LanguageReport["profile"];
    const storeDir = opts.profile ? mkdtempSync(join(tmpdir(), "bench-store-")) : null;
    const side = (pass: string) => ({ cacheDir, limits, concurrency, slots, testConcurrency, cores, ...(storeDir ? { storePath: join(storeDir, `${pass}.db`) } : {}) });
    try {
      progress(`${language}: harness judging ${corpus.submissions.length} submissions`);
      setProfiling(opts.profile ?? false);
      harness = await judgeWithHarness(corpus, side("first"));
      const first = describePhases(readProfile());
      const timeline = opts.profile ? buildTimeline(readSpans(), TIMELINE_KINDS, harness.startedMs, harness.endedMs, cores) : [];
      if (opts.warmPass ?? true) {
        progress(`${language}: harness ${(harness.wallMs / 1000).toFixed(1)} s; warm pass (same cache)`);
        setProfiling(opts.profile ?? false);
        warmHarness = await judgeWithHarness(corpus, side("warm"));
      }
      if (opts.profile) profile = { first, warm: warmHarness ? describePhases(readProfile()) : null, timeline };
    } finally {
      setProfiling(false);
      if (storeDir) rmSync(storeDir, { recursive: true, force: true });
      if (!opts.warm) {
        process.removeListener("exit", removeCache);
        removeCache();
      }
    }
    sandbox = harness.versions;
    progress(`${language}: harness ${(harness.wallMs / 1000).toFixed(1)} s${warmHarness ? `, warm ${(warmHarness.wallMs / 1000).toFixed(1)} s` : ""}; baseline judging (sequential, no sandbox)`);
    const baseline = await judgeAllWithBaseline(corpus, cpuLimitMs);
    progress(`${language}: baseline ${(baseline.wallMs / 1000).toFixed(1)} s; measuring the floor`);
    const floor = await estimateFloor(corpus, baseline.judgements, { cores, cpuLimitMs, cppFlags: readCppFlags(harness.versions), warm: opts.warm ? { compiled: harness.compiles, pchCached } : undefined });
    const agreement = checkAgreement(
      corpus.submissions.map((s) => ({
        index: s.index,
        intent: s.intent,
        harness: harness.judgements[s.index]?.verdict ?? "SE",
        baseline: baseline.judgements[s.index]?.verdict ?? "NO_CODE",
      })),
    );
    failures.push(...describeAgreementFailures(language, agreement));
    const warmFigures = warmHarness ? buildWarmFigures(harness, warmHarness, baseline.wallMs, floor) : null;
    for (const i of warmFigures?.verdict_changes ?? []) failures.push(`${language} submission ${i}: the warm pass gave ${warmHarness?.judgements[i]?.verdict}, the first ${harness.judgements[i]?.verdict}`);
    languages[language] = { ...buildLanguageReport(corpus, harness, baseline, floor, agreement, warmFigures), ...(profile ? { profile } : {}) };
  }

  return {
    bench: "judge",
    version: 1,
    created_at: new Date().toISOString(),
    ok: failures.length === 0,
    failures,
    seed,
    machine: { cores, cpu: cpus()[0]?.model ?? "unknown", platform: `${process.platform}-${process.arch}`, bun: Bun.version, load_before: loadBefore, load_after: loadavg() },
    config: {
      languages: opts.languages,
      submissions,
      tests,
      cold: !opts.warm,
      warm_pass: opts.warmPass ?? true,
      profile: opts.profile ?? false,
      concurrency,
      slots,
      test_concurrency: testConcurrency,
      time_limit_ms: cpuLimitMs,
      baseline_timeout_ms: cpuLimitMs,
    },
    sandbox,
    languages,
    total: sumLanguages(languages, performance.now() - benchStarted),
  };
}
