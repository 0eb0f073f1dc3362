/**
 * `bun run bench --workload function`: HumanEval-shaped function-mode samples (function-corpus.ts)
 * judged by this harness (sandboxed, the path `eval` takes: one candidate sandbox and one tester
 * sandbox per sample) and by the naive human-eval-style baseline (function-baseline.ts), side by side
 * in one run. Both must agree on pass/fail for every sample, or the bench fails. With `profile`, the
 * backend's phase timers and a calibration of one sandbox start are reported as well.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type PhaseTotal, readProfile, setProfiling } from "../../judges/profile.ts";
import type { Sandbox } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { DEFAULT_LIMIT_OPTIONS } from "../eval/limits.ts";
import { type BenchCorpus, INTENTS } from "./corpus.ts";
import { generateFunctionCorpus } from "./function-corpus.ts";
import { BASELINE_WORKERS, judgeFunctionBaseline } from "./function-baseline.ts";
import { measureSandboxStart, type StartCalibration } from "./function-calibrate.ts";
import { judgeWithHarness } from "./harness-side.ts";
import { readCpuMs, readOwnCpuMs } from "./process-cpu.ts";

export interface FunctionBenchOptions {
  submissions?: number;
  concurrency?: number;
  slots?: number;
  profile?: boolean;
  onProgress?: (line: string) => void;
}

export interface FunctionSide {
  wall_ms: number;
  /**
   * CPU per sample. Baseline: this process and every child it waited for. Harness: this process's
   * own CPU plus every sandboxed process's, from the sandbox's cgroups (bwrap does not pass its
   * children's CPU up to the reaped-children figure, so that figure would miss them).
   */
  cpu_ms_per_sample: number;
  samples_per_s: number;
  passed: number;
}

export interface FunctionBenchReport {
  bench: "function";
  created_at: string;
  ok: boolean;
  failures: string[];
  machine: { cores: number; load_before: number[]; load_after: number[] };
  corpus: { dataset: string; problems: number; samples: number; intents: Record<string, number> };
  harness: FunctionSide & {
    verdicts: Record<string, number>;
    pairs: number;
    candidate_cpu_ms_mean: number;
    tester_cpu_ms_mean: number;
    pair_wall_ms_mean: number;
    /** cpu_ms_per_sample split: the harness process itself, and every sandboxed process (runs and zygotes). */
    process_cpu_ms_per_sample: number;
    sandbox_cpu_ms_per_sample: number | null;
  };
  baseline: FunctionSide & { workers: number; timed_out: number };
  /** Baseline wall / harness wall: above 1, the harness is faster. */
  speedup: number;
  profile?: { phases: Record<string, PhaseTotal & { meanMs: number }>; calibration: StartCalibration };
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** What the local sandbox says of its sandboxed processes' CPU (`inspect().sandboxCpuMs`), when it says. */
async function readSandboxCpuMs(sandbox: Sandbox): Promise<number | null> {
  const inspect = (sandbox as { inspect?: () => Promise<{ sandboxCpuMs: number | null }> }).inspect;
  return inspect ? (await inspect.call(sandbox)).sandboxCpuMs : null;
}

/** The local backend, with its sandboxed processes' CPU read just before it closes (zygotes still up). */
async function openCountedSandbox(cacheDir: string, counted: { sandboxCpuMs: number | null }): Promise<Sandbox> {
  const sandbox = await createJudgeBackend("local", { cacheDir });
  const close = sandbox.close?.bind(sandbox);
  sandbox.close = async () => {
    counted.sandboxCpuMs = await readSandboxCpuMs(sandbox);
    await close?.();
  };
  return sandbox;
}

async function judgeHarnessSide(corpus: BenchCorpus, opts: FunctionBenchOptions, cores: number) {
  const cacheDir = mkdtempSync(join(tmpdir(), "bench-function-cache-"));
  try {
    const counted = { sandboxCpuMs: null as number | null };
    const ownBefore = readOwnCpuMs();
    const result = await judgeWithHarness(corpus, {
      cacheDir,
      limits: DEFAULT_LIMIT_OPTIONS,
      concurrency: opts.concurrency ?? 2 * cores,
      slots: opts.slots ?? cores,
      testConcurrency: 1,
      openSandbox: () => openCountedSandbox(cacheDir, counted),
    });
    // The launchers this process reaps joined the runs' cgroups first: counted there, not twice.
    return { result, ownCpuMs: readOwnCpuMs() - ownBefore, sandboxCpuMs: counted.sandboxCpuMs, profile: readProfile() };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Runs the function-mode bench; `ok` is false (with `failures`) when harness and baseline disagree. */
export async function runFunctionBench(opts: FunctionBenchOptions = {}): Promise<FunctionBenchReport> {
  const cores = availableParallelism();
  const progress = opts.onProgress ?? (() => {});
  const loadBefore = loadavg();
  const corpus = await generateFunctionCorpus({ submissions: opts.submissions });
  const n = corpus.submissions.length;
  progress(`function: harness judging ${n} samples (sandboxed)`);
  setProfiling(opts.profile ?? false);
  const harness = await judgeHarnessSide(corpus, opts, cores);
  setProfiling(false);
  progress(`function: harness ${(harness.result.wallMs / 1000).toFixed(1)} s; baseline judging (${BASELINE_WORKERS} workers, no sandbox)`);
  const cpuBefore = readCpuMs();
  const baseline = await judgeFunctionBaseline(corpus);
  const baselineCpuMs = readCpuMs() - cpuBefore;
  progress(`function: baseline ${(baseline.wallMs / 1000).toFixed(1)} s`);

  const failures: string[] = [];
  corpus.submissions.forEach((s, i) => {
    const verdict = harness.result.judgements[i]?.verdict ?? "SE";
    const passed = baseline.judgements[i]?.passed ?? false;
    if ((verdict === "AC") !== passed) failures.push(`sample ${s.index} (${s.problemId}, written ${s.intent}): harness ${verdict}, baseline ${passed ? "pass" : "fail"}`);
  });
  const calibration = opts.profile ? await measureSandboxStart() : undefined;
  const pairs = harness.result.pairCpuMs;
  const phases = Object.fromEntries(Object.entries(harness.profile).map(([k, v]) => [k, { ...v, meanMs: round(v.totalMs / Math.max(1, v.count), 2) }]));
  return {
    bench: "function",
    created_at: new Date().toISOString(),
    ok: failures.length === 0,
    failures,
    machine: { cores, load_before: loadBefore, load_after: loadavg() },
    corpus: { dataset: "HumanEval (test/datasets/fixtures/real)", problems: corpus.problems.length, samples: n, intents: Object.fromEntries(INTENTS.map((i) => [i, corpus.submissions.filter((s) => s.intent === i).length])) },
    harness: {
      wall_ms: Math.round(harness.result.wallMs),
      cpu_ms_per_sample: round((harness.ownCpuMs + (harness.sandboxCpuMs ?? 0)) / n),
      process_cpu_ms_per_sample: round(harness.ownCpuMs / n),
      sandbox_cpu_ms_per_sample: harness.sandboxCpuMs === null ? null : round(harness.sandboxCpuMs / n),
      samples_per_s: round(n / (harness.result.wallMs / 1000)),
      passed: harness.result.judgements.filter((j) => j.verdict === "AC").length,
      verdicts: countBy(harness.result.judgements, (j) => j.verdict),
      pairs: pairs.length,
      candidate_cpu_ms_mean: round(mean(pairs.map((p) => p[0]))),
      tester_cpu_ms_mean: round(mean(pairs.map((p) => p[1]))),
      pair_wall_ms_mean: round(mean(harness.result.runWallMs)),
    },
    baseline: {
      wall_ms: Math.round(baseline.wallMs),
      cpu_ms_per_sample: round(baselineCpuMs / n),
      samples_per_s: round(n / (baseline.wallMs / 1000)),
      passed: baseline.judgements.filter((j) => j.passed).length,
      workers: BASELINE_WORKERS,
      timed_out: baseline.judgements.filter((j) => j.timedOut).length,
    },
    speedup: round(baseline.wallMs / harness.result.wallMs, 2),
    ...(calibration ? { profile: { phases, calibration } } : {}),
  };
}

/** The report as a short text table. */
export function formatFunctionBench(r: FunctionBenchReport): string {
  const h = r.harness;
  const b = r.baseline;
  const lines = [
    `function mode: ${r.corpus.samples} samples of ${r.corpus.problems} problems (${r.corpus.dataset}); load ${r.machine.load_before[0]?.toFixed(1)} -> ${r.machine.load_after[0]?.toFixed(1)} on ${r.machine.cores} cores`,
    `  harness (sandboxed): ${(h.wall_ms / 1000).toFixed(1)} s wall, ${h.samples_per_s} samples/s, ${h.cpu_ms_per_sample} ms CPU/sample (this process ${h.process_cpu_ms_per_sample} + sandboxed ${h.sandbox_cpu_ms_per_sample ?? "not counted"}; of those, candidate ${h.candidate_cpu_ms_mean} + tester ${h.tester_cpu_ms_mean}), pair wall ${h.pair_wall_ms_mean} ms, ${h.passed} passed`,
    `  baseline (python3 per sample, ${b.workers} workers, no sandbox): ${(b.wall_ms / 1000).toFixed(1)} s wall, ${b.samples_per_s} samples/s, ${b.cpu_ms_per_sample} ms CPU/sample, ${b.passed} passed, ${b.timed_out} timed out`,
    `  speed-up (baseline wall / harness wall): ${r.speedup}x; agreement: ${r.ok ? "all samples" : `${r.failures.length} disagreements`}`,
  ];
  if (r.profile) {
    lines.push("  profile (sums over runs; concurrent runs overlap):");
    for (const [phase, t] of Object.entries(r.profile.phases)) lines.push(`    ${phase}: ${t.count} x ${t.meanMs} ms = ${(t.totalMs / 1000).toFixed(2)} s`);
    const c = r.profile.calibration;
    lines.push(`  one sandbox start (mean of ${c.runs} runs of an empty Python program, wall):`);
    lines.push(`    direct python3 ${c.direct_ms} ms, -S ${c.direct_no_site_ms} ms; sandboxed ${c.sandboxed_ms} ms, -S ${c.sandboxed_no_site_ms} ms; sandbox overhead ${c.overhead_ms} ms`);
  }
  for (const failure of r.failures.slice(0, 20)) lines.push(`  DISAGREE ${failure}`);
  return `${lines.join("\n")}\n`;
}
