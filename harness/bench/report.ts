/** The bench's figures: what is written as JSON, how each language's part is computed, and the text table. */
import type { Language } from "../../judges/types.ts";
import { computeQuantile } from "../rewards/stats.ts";
import type { Agreement } from "./agreement.ts";
import type { CoreBusy } from "./core-busy.ts";
import { formatPhases, type PhaseFigure } from "./phase-profile.ts";
import { formatTimeline, type TimelineRow } from "./timeline.ts";
import type { WarmFigures } from "./warm-pass.ts";
import type { BaselineJudgement } from "./baseline.ts";
import { INTENTS, type BenchCorpus, type Intent } from "./corpus.ts";
import type { FloorEstimate } from "./floor.ts";
import type { HarnessSideResult } from "./harness-side.ts";

export interface SideFigures {
  wall_ms: number;
  submissions_per_s: number;
  /** Test verdicts delivered per second (a duplicate's tests count, as its caller gets them). */
  tests_per_s: number;
  latency_ms: { p50: number; p95: number };
  verdicts: Record<string, number>;
}

export interface LanguageReport {
  corpus: { submissions: number; unique_programs: number; problems: number; tests_per_problem: number; duplicates: number; intents: Record<Intent, number> };
  harness: SideFigures & {
    sandbox_runs: number;
    /** Sandboxed processes started (compiles, runs, checker programs). */
    sandbox_starts: number;
    sandbox_starts_per_submission: number;
    compiles: number;
    cache_hits: number;
    max_in_flight: number;
    compile_wall_ms_mean: number;
    run_wall_ms_mean: number;
    /** CPU of the harness process and its sandboxed children, ms. */
    cpu_ms: number;
    core_busy: CoreBusy;
  };
  /** A second pass with the cache the first one left (null with `warmPass: false`). */
  warm: WarmFigures | null;
  /** `--profile`: phase timers of the first pass and of the warm pass. */
  profile?: { first: Record<string, PhaseFigure>; warm: Record<string, PhaseFigure> | null; /** The first pass, second by second. */ timeline: TimelineRow[] };
  baseline: SideFigures & { runs: number; compile_cpu_ms_mean: number; run_cpu_ms_mean: number };
  /** Baseline wall time / harness wall time. */
  speedup: number;
  floor: { ms: number; pch_build_ms: number; pch_used: boolean | null; compile_ms: number; run_ms: number; cores: number; harness_over_floor: number };
  agreement: Agreement;
}

export interface BenchReport {
  bench: "judge";
  version: 1;
  created_at: string;
  ok: boolean;
  failures: string[];
  seed: string;
  machine: { cores: number; cpu: string; platform: string; bun: string; load_before: number[]; load_after: number[] };
  config: {
    languages: Language[];
    submissions: number;
    tests: number;
    cold: boolean;
    /** Whether a warm second pass ran (see warm-pass.ts). */
    warm_pass: boolean;
    profile: boolean;
    concurrency: number;
    slots: number;
    test_concurrency: number;
    time_limit_ms: Record<Language, number>;
    baseline_timeout_ms: Record<Language, number>;
  };
  sandbox: Record<string, string>;
  languages: Partial<Record<Language, LanguageReport>>;
  total: {
    harness_wall_ms: number;
    baseline_wall_ms: number;
    speedup: number;
    floor_ms: number;
    harness_over_floor: number;
    bench_wall_ms: number;
    /** The warm pass summed over languages (null when it was not run). */
    warm: { harness_wall_ms: number; speedup: number; floor_ms: number; harness_over_floor: number } | null;
  };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function tally<T extends string>(items: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

function describeSide(wallMs: number, verdicts: string[], latencies: number[], tests: number): SideFigures {
  return {
    wall_ms: Math.round(wallMs),
    submissions_per_s: round(verdicts.length / (wallMs / 1000), 2),
    tests_per_s: round(tests / (wallMs / 1000), 1),
    latency_ms: { p50: Math.round(computeQuantile(latencies, 0.5)), p95: Math.round(computeQuantile(latencies, 0.95)) },
    verdicts: tally(verdicts),
  };
}

/** One language's figures from the three measurements. */
export function buildLanguageReport(
  corpus: BenchCorpus,
  harness: HarnessSideResult,
  baseline: { wallMs: number; judgements: BaselineJudgement[] },
  floor: FloorEstimate,
  agreement: Agreement,
  warm: WarmFigures | null = null,
): LanguageReport {
  const intents = Object.fromEntries(INTENTS.map((i) => [i, 0])) as Record<Intent, number>;
  for (const s of corpus.submissions) intents[s.intent]++;
  const baseRuns = baseline.judgements.flatMap((j) => j.runs);
  const compileCpu = baseline.judgements.flatMap((j) => (j.compileCpuMs === null ? [] : [j.compileCpuMs]));
  const quickRuns = harness.runWallMs.filter((ms) => ms < corpus.problems[0]!.time_limit_ms);
  return {
    corpus: {
      submissions: corpus.submissions.length,
      unique_programs: floor.uniquePrograms,
      problems: corpus.problems.length,
      tests_per_problem: corpus.problems[0]?.tests.length ?? 0,
      duplicates: corpus.submissions.filter((s) => s.duplicateOf !== null).length,
      intents,
    },
    harness: {
      ...describeSide(
        harness.wallMs,
        harness.judgements.map((j) => j.verdict),
        harness.judgements.map((j) => j.latencyMs),
        harness.judgements.reduce((n, j) => n + j.tests, 0),
      ),
      sandbox_runs: harness.runs,
      sandbox_starts: harness.sandboxStarts,
      sandbox_starts_per_submission: round(harness.sandboxStarts / Math.max(1, corpus.submissions.length), 2),
      compiles: harness.compiles,
      cache_hits: harness.cacheHits,
      max_in_flight: harness.maxInFlight,
      compile_wall_ms_mean: Math.round(mean(harness.compileWallMs)),
      run_wall_ms_mean: round(mean(quickRuns)),
      cpu_ms: Math.round(harness.cpuMs),
      core_busy: harness.coreBusy,
    },
    warm,
    baseline: {
      ...describeSide(
        baseline.wallMs,
        baseline.judgements.map((j) => j.verdict),
        baseline.judgements.map((j) => j.latencyMs),
        baseRuns.length,
      ),
      runs: baseRuns.length,
      compile_cpu_ms_mean: Math.round(mean(compileCpu)),
      run_cpu_ms_mean: round(mean(baseRuns.filter((r) => !r.timedOut).map((r) => r.cpuMs))),
    },
    speedup: round(baseline.wallMs / harness.wallMs, 2),
    floor: {
      ms: Math.round(floor.ms),
      pch_build_ms: Math.round(floor.pchBuildMs),
      pch_used: floor.pchUsed,
      compile_ms: Math.round(floor.compileMs),
      run_ms: Math.round(floor.runMs),
      cores: floor.cores,
      harness_over_floor: round(harness.wallMs / floor.ms, 2),
    },
    agreement,
  };
}

/** Totals over the languages run. */
export function sumLanguages(languages: Partial<Record<Language, LanguageReport>>, benchWallMs: number): BenchReport["total"] {
  const parts = Object.values(languages);
  const harness = parts.reduce((n, p) => n + p.harness.wall_ms, 0);
  const baseline = parts.reduce((n, p) => n + p.baseline.wall_ms, 0);
  const floor = parts.reduce((n, p) => n + p.floor.ms, 0);
  return {
    harness_wall_ms: harness,
    baseline_wall_ms: baseline,
    speedup: harness > 0 ? round(baseline / harness, 2) : 0,
    floor_ms: floor,
    harness_over_floor: floor > 0 ? round(harness / floor, 2) : 0,
    bench_wall_ms: Math.round(benchWallMs),
    warm: sumWarm(parts, baseline),
  };
}

function sumWarm(parts: LanguageReport[], baseline: number): BenchReport["total"]["warm"] {
  const warm = parts.flatMap((p) => (p.warm ? [p.warm] : []));
  if (warm.length === 0 || warm.length !== parts.length) return null;
  const wall = warm.reduce((n, w) => n + w.wall_ms, 0);
  const floor = warm.reduce((n, w) => n + w.floor_ms, 0);
  return { harness_wall_ms: wall, speedup: wall > 0 ? round(baseline / wall, 2) : 0, floor_ms: floor, harness_over_floor: floor > 0 ? round(wall / floor, 2) : 0 };
}

const share = (busy: CoreBusy) => `cores busy ${busy.per_core.map((x) => `${Math.round(x * 100)}%`).join(" / ")} (machine-wide), harness CPU ${Math.round(busy.harness_share * 100)}% of wall x cores`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The plain-text report. */
export function formatBenchReport(r: BenchReport): string {
  const c = r.config;
  const lines = [
    `judge bench: seed ${JSON.stringify(r.seed)}, ${c.submissions} submissions x ${c.tests} tests per language, ${c.cold ? "cold (empty) cache" : "warm cache"}, ${r.machine.cores} cores`,
    `harness: local sandbox, ${c.concurrency} samples at once, ${c.slots} run slots, ${c.test_concurrency} test(s) per sample at once; baseline: sequential, no sandbox, no cache`,
    "",
    "lang    judge      wall      subs/s   tests/s   p50 ms   p95 ms",
  ];
  for (const [lang, l] of Object.entries(r.languages)) {
    const row = (name: string, s: SideFigures) =>
      `${lang.padEnd(8)}${name.padEnd(11)}${seconds(s.wall_ms).padStart(8)}${String(s.submissions_per_s).padStart(9)}${String(s.tests_per_s).padStart(10)}${String(s.latency_ms.p50).padStart(9)}${String(s.latency_ms.p95).padStart(9)}`;
    lines.push(row("harness", l.harness), row("baseline", l.baseline));
    lines.push(
      `${"".padEnd(8)}floor ${seconds(l.floor.ms)} (PCH build ${seconds(l.floor.pch_build_ms)} + (compiles ${seconds(l.floor.compile_ms)} + runs ${seconds(l.floor.run_ms)}) / ${l.floor.cores})`,
      `${"".padEnd(8)}speed-up ${l.speedup}x over the baseline; harness at ${l.floor.harness_over_floor}x the floor; ${l.corpus.unique_programs} unique programs, ${l.harness.compiles} compiles, ${l.harness.sandbox_runs} sandbox runs, at most ${l.harness.max_in_flight} at once`,
      `${"".padEnd(8)}${l.harness.sandbox_starts_per_submission} sandbox start-ups per submission (${l.harness.sandbox_starts}); ${share(l.harness.core_busy)}`,
      ...(l.warm
        ? [
            `${"".padEnd(8)}warm (cache kept, second pass): ${seconds(l.warm.wall_ms)}, ${l.warm.submissions_per_s} subs/s, ${l.warm.speedup}x the baseline, floor ${seconds(l.warm.floor_ms)} (harness at ${l.warm.harness_over_floor}x); ${l.warm.compiles} compiles, ${l.warm.sandbox_starts_per_submission} start-ups per submission`,
            `${"".padEnd(8)}warm: ${share(l.warm.core_busy)}${l.warm.verdict_changes.length ? `; VERDICTS CHANGED on ${l.warm.verdict_changes.length}` : ""}`,
          ]
        : []),
      ...(l.profile ? formatPhases("profile, first pass", l.profile.first) : []),
      ...(l.profile?.warm ? formatPhases("profile, warm pass", l.profile.warm) : []),
      ...(l.profile?.timeline.length ? formatTimeline(l.profile.timeline, r.machine.cores) : []),
      `${"".padEnd(8)}agreement: ${l.agreement.agreed}/${l.agreement.compared} agree${l.agreement.excused ? `, ${l.agreement.excused} excused (MLE/OLE)` : ""}, ${l.agreement.disagreements.length} disagree, ${l.agreement.intentMismatches.length} off-intent`,
    );
  }
  const t = r.total;
  lines.push("", `total: harness ${seconds(t.harness_wall_ms)}, baseline ${seconds(t.baseline_wall_ms)} (${t.speedup}x), floor ${seconds(t.floor_ms)} (harness at ${t.harness_over_floor}x); bench took ${seconds(t.bench_wall_ms)}`);
  if (t.warm) lines.push(`warm total: harness ${seconds(t.warm.harness_wall_ms)} (${t.warm.speedup}x the baseline), floor ${seconds(t.warm.floor_ms)} (harness at ${t.warm.harness_over_floor}x)`);
  lines.push(`load average before ${r.machine.load_before.map((x) => x.toFixed(2)).join(" ")}, after ${r.machine.load_after.map((x) => x.toFixed(2)).join(" ")}`);
  if (!r.ok) lines.push("", "BENCH FAILED:", ...r.failures.map((f) => `  ${f}`));
  return `${lines.join("\n")}\n`;
}
