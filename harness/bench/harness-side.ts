/**
 * The harness side of the bench: the path `bun run eval` takes (extraction, checker, grader, dedupe
 * of identical programs, the local sandbox with its compile cache and precompiled header, a bounded
 * pool of samples), timed from the sandbox's creation to its close.
 */
import { availableParallelism } from "node:os";
import { createChecker } from "../../judges/checkers/index.ts";
import { endPhase, PCH_PHASES, readSandboxStarts, startPhase } from "../../judges/profile.ts";
import type { Checker, CompileLimits, PairSide, PreparedProgram, RunInput, RunLimits, Sandbox, SourceFile, Verdict } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { createSampleJudge } from "../eval/judge-sample.ts";
import type { LimitOptions } from "../eval/limits.ts";
import { createPool } from "../eval/pool.ts";
import { type BenchStore, openBenchStore } from "./bench-store.ts";
import type { BenchCorpus } from "./corpus.ts";
import { type CoreBusy, startCoreBusy } from "./core-busy.ts";
import { readCpuMs } from "./process-cpu.ts";
import type { TimelineKinds } from "./timeline.ts";

export interface HarnessSideOptions {
  cacheDir: string;
  limits: LimitOptions;
  /** Samples judged at once. */
  concurrency: number;
  /** Compiles and test runs in flight at once, across all samples (one per core). */
  slots: number;
  /** Tests of one sample run at once. */
  testConcurrency: number;
  /** The sandbox to judge with (default: the local one on `cacheDir`); the Piston bench passes its client. */
  openSandbox?: () => Promise<Sandbox>;
  /** Store every judged sample in a fresh SQLite database at this path, as eval does (`--profile` times it). */
  storePath?: string;
  /** Cores, for the CPU share (default: this machine's). */
  cores?: number;
}

/** Phase names of the harness's own timers (judges/profile.ts), beside the backend's. */
export const HARNESS_PHASES = {
  compile: "harness: compile (prepare, cache hits included)",
  run: "harness: test run (Sandbox.run / RunSession.run / runPair)",
  checker: "harness: checker",
  store: "harness: store (SQLite, as eval)",
} as const;

/** What the --profile timeline draws as compiles, runs and PCH steps. */
export const TIMELINE_KINDS: TimelineKinds = {
  compile: [HARNESS_PHASES.compile],
  run: [HARNESS_PHASES.run],
  pch: [PCH_PHASES.build, PCH_PHASES.probe],
};

export interface HarnessJudgement {
  verdict: Verdict;
  latencyMs: number;
  /** Tests whose verdict the sample got (a duplicate gets its twin's). */
  tests: number;
}

export interface HarnessSideResult {
  wallMs: number;
  judgements: HarnessJudgement[];
  /** Sandbox work actually done: compiles (cache misses), cache hits, test runs. */
  compiles: number;
  cacheHits: number;
  runs: number;
  /** Wall time of each compile inside the sandbox, ms (cache misses only). */
  compileWallMs: number[];
  /** Wall time of each test run inside the sandbox as the sandbox reports it, ms. */
  runWallMs: number[];
  /** Most compiles and runs ever in flight at once (bounded by the slots). */
  maxInFlight: number;
  /** Function mode: CPU ms of each pair's two sides, [candidate's, tester's]. */
  pairCpuMs: [number, number][];
  versions: Record<string, string>;
  /** Sandboxed processes started (compiles, runs, checker programs), from judges/profile.ts's counter. */
  sandboxStarts: number;
  /** CPU of this process and its reaped children over the run, ms. */
  cpuMs: number;
  coreBusy: CoreBusy;
  /** The pass's clock on `performance.now()`: from creating the sandbox to closing it (for --profile's timeline). */
  startedMs: number;
  endedMs: number;
}

/** Wraps a sandbox to count what it really does (the grader and the dedupe decide how often it is called). */
function countWork(inner: Sandbox, stats: Pick<HarnessSideResult, "compiles" | "cacheHits" | "runs" | "compileWallMs" | "runWallMs" | "maxInFlight" | "pairCpuMs">): Sandbox {
  let inFlight = 0;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
    try {
      return await work();
    } finally {
      inFlight--;
    }
  };
  return {
    name: inner.name,
    async prepare(source: SourceFile, limits: CompileLimits) {
      const phase = startPhase();
      const result = await track(() => inner.prepare(source, limits));
      endPhase(HARNESS_PHASES.compile, phase);
      // A compile error read back from the cache is a hit too: nothing was compiled.
      if (result.cached) stats.cacheHits++;
      else {
        stats.compiles++;
        stats.compileWallMs.push(result.timeMs);
      }
      return result;
    },
    async run(program: PreparedProgram, input: RunInput, limits: RunLimits) {
      const phase = startPhase();
      const outcome = await track(() => inner.run(program, input, limits));
      endPhase(HARNESS_PHASES.run, phase);
      stats.runs++;
      stats.runWallMs.push(outcome.wallMs);
      return outcome;
    },
    // Function mode: one pair per sample (the candidate's side and the tester's), counted as one run.
    ...(inner.runPair
      ? {
          runPair: async (program: PairSide, peer: PairSide) => {
            const runPair = inner.runPair?.bind(inner);
            if (!runPair) throw new Error("runPair disappeared from the sandbox");
            const phase = startPhase();
            const outcome = await track(() => runPair(program, peer));
            endPhase(HARNESS_PHASES.run, phase);
            stats.runs++;
            stats.runWallMs.push(Math.max(outcome.program.wallMs, outcome.peer.wallMs));
            stats.pairCpuMs.push([outcome.program.timeMs, outcome.peer.timeMs]);
            return outcome;
          },
        }
      : {}),
    // Stdio tests of one sample in one session where the backend offers them: each run counted as above.
    ...(inner.openSession
      ? {
          openSession: async (program: PreparedProgram, limits: RunLimits, upcoming?: readonly RunInput[]) => {
            const openSession = inner.openSession?.bind(inner);
            if (!openSession) throw new Error("openSession disappeared from the sandbox");
            const session = await openSession(program, limits, upcoming);
            return {
              run: async (input: RunInput) => {
                const phase = startPhase();
                const outcome = await track(() => session.run(input));
                endPhase(HARNESS_PHASES.run, phase);
                stats.runs++;
                stats.runWallMs.push(outcome.wallMs);
                return outcome;
              },
              close: () => session.close(),
            };
          },
        }
      : {}),
    ...(inner.whenReadyToPrepare ? { whenReadyToPrepare: (source: SourceFile) => inner.whenReadyToPrepare?.(source) ?? Promise.resolve() } : {}),
    ...(inner.pairsPerSlot !== undefined ? { pairsPerSlot: inner.pairsPerSlot } : {}),
    versions: () => inner.versions(),
    selfTest: () => inner.selfTest(),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

/** A checker that reports its time to the profile (a no-op when profiling is off). */
function timeChecker(checker: Checker): Checker {
  return async (output, expected, context) => {
    const phase = startPhase();
    try {
      return await checker(output, expected, context);
    } finally {
      endPhase(HARNESS_PHASES.checker, phase);
    }
  };
}

/** Judges the corpus with the harness; the clock runs from creating the sandbox to closing it. */
export async function judgeWithHarness(corpus: BenchCorpus, opts: HarnessSideOptions): Promise<HarnessSideResult> {
  // The database is set up off the clock: eval opens it once, before judging.
  const store: BenchStore | null = opts.storePath ? openBenchStore(opts.storePath, corpus) : null;
  const startsBefore = readSandboxStarts();
  const measureCores = startCoreBusy(readCpuMs, opts.cores ?? availableParallelism());
  const cpuBefore = readCpuMs();
  const started = performance.now();
  const stats = { compiles: 0, cacheHits: 0, runs: 0, compileWallMs: [] as number[], runWallMs: [] as number[], maxInFlight: 0, pairCpuMs: [] as [number, number][] };
  const local = opts.openSandbox ? await opts.openSandbox() : await createJudgeBackend("local", { cacheDir: opts.cacheDir });
  const sandbox = countWork(local, stats);
  const slots = createPool(opts.slots);
  const judge = createSampleJudge({
    sandbox,
    makeChecker: async (spec) => timeChecker(await createChecker(spec, { sandbox })),
    limits: opts.limits,
    grading: { testConcurrency: opts.testConcurrency, slots },
  });
  const byId = new Map(corpus.problems.map((p) => [p.id, p]));
  const pool = createPool(opts.concurrency);
  let judgements: HarnessJudgement[];
  let versions: Record<string, string> = {};
  let versionsMs = 0;
  try {
    judgements = await Promise.all(
      corpus.submissions.map((s) =>
        pool.run(async () => {
          const problem = byId.get(s.problemId);
          if (!problem) throw new Error(`bench corpus: submission ${s.index} names unknown problem ${s.problemId}`);
          const t0 = performance.now();
          const judged = await judge(problem, { problemId: s.problemId, completion: s.completion, language: s.language });
          if (store) {
            const phase = startPhase();
            store.save(s.index, judged);
            endPhase(HARNESS_PHASES.store, phase);
          }
          return { verdict: judged.verdict, latencyMs: performance.now() - t0, tests: judged.judgement?.tests.length ?? 0 };
        }),
      ),
    );
    // Provenance, not judging work: kept off the clock.
    const asked = performance.now();
    versions = await sandbox.versions();
    versionsMs = performance.now() - asked;
  } finally {
    await sandbox.close?.();
    store?.close();
  }
  const endedMs = performance.now();
  const wallMs = endedMs - started - versionsMs;
  return { wallMs, startedMs: started, endedMs, judgements, versions, ...stats, sandboxStarts: readSandboxStarts() - startsBefore, cpuMs: readCpuMs() - cpuBefore, coreBusy: measureCores() };
}
