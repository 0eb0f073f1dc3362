/**
 * Function mode: the registry of kits by language, and one judgement's pair run. The candidate and
 * the tests run in two sandboxed processes joined by a pipe (Sandbox.runPair); see judges/README.md.
 */
import type { CompileLimits, GradeTask, Language, PairOutcome, PreparedProgram, PrepareResult, RunLimits, Sandbox, SourceFile } from "../types.ts";
import { cppFunctionKit } from "./cpp/index.ts";
import { pythonFunctionKit } from "./python/index.ts";
import type { FunctionKit, PairSandbox } from "./types.ts";

export type { FunctionKit, FunctionRunPlan, PairSandbox } from "./types.ts";

const KITS: Partial<Record<Language, FunctionKit>> = { python: pythonFunctionKit, cpp: cppFunctionKit };

/** The kit for `language`, or null when function mode does not support it. */
export function functionKitFor(language: Language): FunctionKit | null {
  return KITS[language] ?? null;
}

/**
 * The tester's limits: it is trusted and must outlive the candidate, so that a candidate that stops
 * answering hits its own wall-clock limit first and the tester reads end of file.
 */
export function testerLimits(limits: RunLimits): RunLimits {
  return {
    cpuMs: 2 * limits.cpuMs + 2000,
    wallMs: limits.wallMs + 5000,
    memoryMb: Math.max(limits.memoryMb, 512),
    outputBytes: 64 << 20,
    processes: Math.max(limits.processes, 16),
    fileBytes: limits.fileBytes,
  };
}

export function hasRunPair(sandbox: Sandbox): sandbox is PairSandbox {
  return typeof sandbox.runPair === "function";
}

/** How a function-mode judgement went: the candidate's side did not compile, or the pair ran. */
export type FunctionRun =
  | { kind: "not_compiled"; prepared: Extract<PrepareResult, { ok: false }> }
  | { kind: "tester_not_compiled"; prepared: Extract<PrepareResult, { ok: false }> }
  | { kind: "ran"; prepared: Extract<PrepareResult, { ok: true }>; outcome: PairOutcome; verdict: ReturnType<FunctionKit["interpret"]> };

export interface FunctionRunArgs {
  sandbox: PairSandbox;
  kit: FunctionKit;
  task: GradeTask;
  source: SourceFile;
  compileLimits: CompileLimits;
  /** Runs one unit of sandbox work (a compile, the pair) in a shared slot. */
  inSlot: <T>(work: () => Promise<T>) => Promise<T>;
  /** Runs the pair where pairs may share a slot (pair-slots.ts); default: `inSlot`. */
  inPairSlot?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Prepares both programs (the tester is the same for many samples, so usually cached) and runs the pair. */
export async function runFunctionPair(args: FunctionRunArgs): Promise<FunctionRun> {
  const { sandbox, kit, task } = args;
  const plan = kit.plan(task, args.source);
  const prepare = (source: SourceFile) => args.inSlot(() => sandbox.prepare(source, args.compileLimits));
  const [program, peer] = await Promise.all([prepare(plan.program), prepare(plan.peer)]);
  if (!program.ok) return { kind: "not_compiled", prepared: program };
  if (!peer.ok) return { kind: "tester_not_compiled", prepared: peer };
  const side = (ready: PreparedProgram, files: Record<string, string> | undefined, limits: RunLimits) => ({ program: ready, files, limits });
  const testerSide = { ...side(peer.program, plan.peerFiles, testerLimits(task.limits)), ...(plan.directPipe ? { directPipe: true } : {}) };
  const outcome = await (args.inPairSlot ?? args.inSlot)(() => sandbox.runPair(side(program.program, plan.programFiles, task.limits), testerSide));
  return { kind: "ran", prepared: program, outcome, verdict: kit.interpret(outcome) };
}
