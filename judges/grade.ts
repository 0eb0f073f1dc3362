/**
 * The grader: prepares a submission once, walks the tests, stops at the first failure (unless
 * asked for all tests) and returns a Judgement. The checker and the sandbox are injected.
 *
 * Tests may run several at once (`testConcurrency`); the Judgement is still that of a walk in test
 * order. `slots`, shared by every submission graded at the same time, bounds their compiles and runs
 * together, so concurrency never oversubscribes the cores (which would make CPU times and TLE unstable).
 *
 * Harness failures: a SandboxError thrown while compiling or running one sample becomes verdict SE
 * with its cause, so one broken run does not stop an evaluation; a `missing_tool` SandboxError is
 * rethrown, because then no sample can be judged at all. Other exceptions are bugs and propagate.
 */
import { DEFAULT_COMPILE_LIMITS } from "./compile-limits.ts";
import { HarnessError } from "./errors.ts";
import { type FunctionRun, functionKitFor, hasRunPair, runFunctionPair } from "./function/index.ts";
import { pairSlotsFor } from "./function/pair-slots.ts";
import { readInteraction, runInteractiveTest } from "./interactive.ts";
import {
  SandboxError,
  type Checker,
  type CheckResult,
  type CompileLimits,
  type GradeTask,
  type Judgement,
  type PreparedProgram,
  type PrepareResult,
  type RunInput,
  type RunOutcome,
  type RunSession,
  type Sandbox,
  type SourceFile,
  type TestCase,
  type TestResult,
  type Verdict,
} from "./types.ts";
import { mapTermination, summariseCompileFailure, truncateText } from "./verdicts.ts";


/** Characters of stdout/stderr kept per test, and of the compile log. */
export const KEPT_OUTPUT_CHARS = 4096;
const KEPT_LOG_CHARS = 16_384;

/** Grading input that the task itself makes impossible (no tests, function mode without test code). */
export class GradeError extends HarnessError {
  constructor(message: string) {
    super(message, "dataset");
    this.name = "GradeError";
  }
}

/** What a slot is asked for: a compile (of a submission or an interactor) or a test's run. */
export type SlotWork = "compile" | "run";

/**
 * A shared bound on sandbox work: each compile and each test (run and check) holds one slot while it
 * runs. `work` lets the slots serve waiting compiles before waiting runs (harness/eval/pool.ts).
 */
export interface RunSlots {
  run<T>(task: () => Promise<T>, work?: SlotWork): Promise<T>;
}

export interface GradeArgs {
  sandbox: Sandbox;
  task: GradeTask;
  source: SourceFile;
  checker: Checker;
  /** Run every test even after a failure (for partial scores). */
  allTests?: boolean;
  compileLimits?: CompileLimits;
  /** A result of preparing {@link buildProgramSource}(task, source), when the caller already has one (stdio mode). */
  prepared?: PrepareResult;
  /**
   * Tests of this submission run at once (default 1). No test starts once a failure is known, and
   * results past the first failure are dropped, so verdict and reported tests equal a sequential walk.
   */
  testConcurrency?: number;
  /** Slots shared with every other submission graded at the same time (one per core). */
  slots?: RunSlots;
}

/**
 * The program the grader compiles for the candidate: the source itself, or in function mode the
 * candidate's side of the pair (never holding the tests, which run in a separate tester).
 */
export function buildProgramSource(task: GradeTask, source: SourceFile): SourceFile {
  if (task.mode === "stdio") return source;
  return functionKit(task, source).plan(task, source).program;
}

function functionKit(task: GradeTask, source: SourceFile) {
  if (!task.testCode) throw new GradeError("function-mode task has no testCode to run against the solution");
  const kit = functionKitFor(source.language);
  if (!kit) throw new GradeError(`function mode does not support ${source.language} solutions`);
  return kit;
}

/** Runs `task` in a slot when slots are given. */
function runInSlot<T>(slots: RunSlots | undefined, task: () => Promise<T>, work: SlotWork = "run"): Promise<T> {
  return slots ? slots.run(task, work) : task();
}

/** Turns a SandboxError into an SE cause; rethrows what must stop the whole evaluation. */
function describeHarnessFailure(error: unknown, during: string): string {
  if (error instanceof SandboxError && error.code !== "missing_tool") return `${during}: ${error.message}`;
  throw error;
}

/** A TestResult from a run's outcome (or none, when the sandbox failed) and the verdict reached. */
function buildTestResult(index: number, kind: TestResult["kind"], verdict: Verdict, outcome: RunOutcome | null, check?: CheckResult): TestResult {
  const score = check?.score ?? (verdict === "AC" ? 1 : 0);
  const result: TestResult = {
    index,
    kind,
    verdict,
    timeMs: outcome?.timeMs ?? 0,
    wallMs: outcome?.wallMs ?? 0,
    memoryKb: outcome?.memoryKb ?? 0,
    exitCode: outcome?.exitCode ?? null,
    signal: outcome?.signal ?? null,
    stdout: truncateText(outcome?.stdout ?? "", KEPT_OUTPUT_CHARS),
    stderr: truncateText(outcome?.stderr ?? "", KEPT_OUTPUT_CHARS),
    score,
  };
  if (check?.message) result.checkerMessage = check.message;
  return result;
}

interface Graded {
  result: TestResult;
  /** Cause, when the verdict is SE. */
  error?: string;
}

/** How a lane of the walk runs its stdio tests. */
interface TestRunner {
  run(input: RunInput): Promise<RunOutcome>;
  close(): Promise<void>;
}

/**
 * A lane's runner: one session of the sandbox for all the lane's tests when it offers sessions
 * (opened at the first test, so an SE there is that test's), else one `run` per test. A lone lane
 * walks the tests in order, so its session is told the inputs still to come (`upcoming`: a backend
 * may run them ahead, as Piston batches them); lanes that share the tests cannot say which comes
 * next. Interactive tests run as pairs and never use it.
 */
function createTestRunner(args: GradeArgs, program: PreparedProgram, lanes: number, interactor?: PreparedProgram): TestRunner {
  const { sandbox, task } = args;
  const { limits } = task;
  if (interactor || !sandbox.openSession) return { run: (input) => sandbox.run(program, input, limits), close: async () => {} };
  let session: Promise<RunSession> | null = null;
  let runs = 0;
  return {
    async run(input) {
      if (!session) {
        // A lone lane runs test `runs` now; after a failed open (all tests wanted) it reopens from there.
        const upcoming = lanes === 1 ? task.tests.slice(runs).map((test) => buildStdioInput(task, test)) : undefined;
        session = sandbox.openSession?.(program, limits, upcoming) ?? Promise.reject(new Error("openSession disappeared"));
      }
      runs++;
      const opened = await session.catch((error: unknown) => {
        session = null; // a later test (all tests wanted) tries again
        throw error;
      });
      return opened.run(input);
    },
    async close() {
      const opened = session ? await session.catch(() => null) : null;
      session = null;
      await opened?.close();
    },
  };
}

/** What a stdio test's run receives. File-IO problems get the input also as their input file, and their output file read back. */
function buildStdioInput(task: GradeTask, test: TestCase): RunInput {
  const { inputFile, outputFile } = task;
  return {
    stdin: test.input,
    ...(inputFile ? { files: { [inputFile]: test.input } } : {}),
    ...(outputFile ? { collect: [outputFile] } : {}),
  };
}

/** The run of one stdio test. For file-IO problems, what the program wrote to the output file is its output, else its stdout. */
async function runStdioTest(args: GradeArgs, runner: TestRunner, test: TestCase): Promise<{ outcome: RunOutcome; output: string }> {
  const { outputFile } = args.task;
  const outcome = await runner.run(buildStdioInput(args.task, test));
  if (outputFile && outcome.files === undefined) {
    // A backend that ignores RunInput.collect would make every program that writes the file WA.
    throw new SandboxError(`the ${args.sandbox.name} sandbox does not read files back (RunInput.collect), so it cannot judge file-IO problems`, "internal");
  }
  return { outcome, output: (outputFile ? outcome.files?.[outputFile] : undefined) ?? outcome.stdout };
}

/** Runs one stdio test and checks its output. */
async function gradeStdioTest(args: GradeArgs, program: PreparedProgram, runner: TestRunner, test: TestCase, index: number, interactor?: PreparedProgram): Promise<Graded> {
  if (interactor) return gradeInteractiveTest(args, program, interactor, test, index);
  let run: { outcome: RunOutcome; output: string };
  try {
    run = await runStdioTest(args, runner, test);
  } catch (error) {
    const cause = describeHarnessFailure(error, `sandbox failed on test ${index + 1}`);
    return { result: buildTestResult(index, test.kind, "SE", null), error: cause };
  }
  const { outcome } = run;
  const limitVerdict = mapTermination(outcome.termination);
  if (limitVerdict) return { result: buildTestResult(index, test.kind, limitVerdict, outcome) };
  return checkOutput(args, run.output, outcome, test, index);
}

/** The checker's verdict on one test's output. */
async function checkOutput(args: GradeArgs, output: string, outcome: RunOutcome, test: TestCase, index: number): Promise<Graded> {
  let check: CheckResult;
  try {
    check = await args.checker(output, test.output, { input: test.input });
  } catch (error) {
    const cause = describeHarnessFailure(error, `checker failed on test ${index + 1}`);
    return { result: buildTestResult(index, test.kind, "SE", outcome), error: cause };
  }
  const result = buildTestResult(index, test.kind, check.verdict, outcome, check);
  if (check.verdict !== "SE") return { result };
  return { result, error: `checker failed on test ${index + 1}: ${check.message || "no message"}` };
}

/** Runs one test of an interactive problem as a dialogue with the interactor (judges/interactive.ts). */
async function gradeInteractiveTest(args: GradeArgs, program: PreparedProgram, interactor: PreparedProgram, test: TestCase, index: number): Promise<Graded> {
  const { sandbox } = args;
  if (!hasRunPair(sandbox)) throw new GradeError(`the ${sandbox.name} sandbox cannot judge interactive problems (it has no runPair)`);
  let pair;
  try {
    pair = await runInteractiveTest({ sandbox, task: args.task, program, interactor, test });
  } catch (error) {
    const cause = describeHarnessFailure(error, `sandbox failed on test ${index + 1}`);
    return { result: buildTestResult(index, test.kind, "SE", null), error: cause };
  }
  const reading = readInteraction(pair, args.task.interactor?.checked ?? false);
  if (reading.kind === "check") return checkOutput(args, reading.output, pair.program, test, index);
  const graded: Graded = { result: buildTestResult(index, test.kind, reading.verdict, pair.program, reading.check) };
  if (reading.error) graded.error = `test ${index + 1}: ${reading.error}`;
  return graded;
}

/** Compiles the interactor of an interactive task; a failure is the dataset's, so the sample is SE with the log. */
async function prepareInteractor(args: GradeArgs): Promise<{ program: PreparedProgram } | { error: string }> {
  const spec = args.task.interactor;
  if (!spec) throw new GradeError("prepareInteractor needs task.interactor");
  const prepared = await runInSlot(args.slots, () => args.sandbox.prepare(spec.source, INTERACTOR_COMPILE_LIMITS), "compile");
  if (prepared.ok) return { program: prepared.program };
  return { error: `the interactor did not compile (${prepared.cause}): ${truncateText(prepared.log, 2000)}` };
}

/** Interactors include testlib.h like checkers: wider compile limits than a submission's. */
const INTERACTOR_COMPILE_LIMITS: CompileLimits = { ...DEFAULT_COMPILE_LIMITS, cpuMs: 120_000, wallMs: 180_000, memoryMb: 2048 };

/** The Judgement of a function-mode pair run (the candidate's side and the tester, see judges/function/). */
function judgeFunctionRun(run: FunctionRun): Judgement {
  if (run.kind === "not_compiled") {
    const { prepared } = run;
    const compile = { ok: false, log: truncateText(prepared.log, KEPT_LOG_CHARS), timeMs: prepared.timeMs, cached: false };
    return judgeWithoutTests("CE", 1, compile, summariseCompileFailure(prepared));
  }
  if (run.kind === "tester_not_compiled") {
    return judgeWithoutTests("SE", 1, null, `the function-mode tester did not compile: ${truncateText(run.prepared.log, 2000)}`);
  }
  const { prepared, outcome, verdict } = run;
  const message = verdict.message;
  if (verdict.verdict === "CE") {
    // The driver compiles the candidate before running any of it, so this report is genuine.
    const log = message ?? "the solution does not compile";
    return judgeWithoutTests("CE", 1, { ok: false, log: truncateText(log, KEPT_LOG_CHARS), timeMs: 0, cached: false }, `compile error: ${truncateText(log.trim().split("\n").pop() ?? "", 200)}`);
  }
  const compile = { ok: true, log: truncateText(prepared.log, KEPT_LOG_CHARS), timeMs: prepared.timeMs, cached: prepared.cached };
  // The candidate's stdout is the protocol channel; what it printed went to its stderr.
  const result = buildTestResult(0, "function", verdict.verdict, { ...outcome.program, stdout: "" });
  if (message) result.checkerMessage = message;
  const graded: Graded = { result };
  if (verdict.verdict === "SE") graded.error = `function-mode tester: ${message ?? "no message"}`;
  return summarise([graded], 1, compile);
}

/** Function mode: the candidate and the trusted tester run as a pair; the tester's report decides. */
async function gradeFunction(args: GradeArgs): Promise<Judgement> {
  const { sandbox, task, source } = args;
  const kit = functionKit(task, source);
  if (!hasRunPair(sandbox)) throw new GradeError(`the ${sandbox.name} sandbox cannot judge function mode (it has no runPair)`);
  try {
    const run = await runFunctionPair({
      sandbox,
      kit,
      task,
      source,
      compileLimits: args.compileLimits ?? DEFAULT_COMPILE_LIMITS,
      inSlot: (work) => runInSlot(args.slots, work),
      // A pair's sides take turns, so pairs share slots (judges/function/pair-slots.ts).
      inPairSlot: (work) => (args.slots ? pairSlotsFor(args.slots, sandbox.pairsPerSlot ?? 1).run(work) : work()),
    });
    return judgeFunctionRun(run);
  } catch (error) {
    return judgeWithoutTests("SE", 1, null, describeHarnessFailure(error, "sandbox failed in function mode"));
  }
}

/** Builds the Judgement from the graded tests; the first failing test gives the verdict. */
function summarise(graded: Graded[], total: number, compile: Judgement["compile"]): Judgement {
  const tests = graded.map((g) => g.result);
  const failed = graded.find((g) => g.result.verdict !== "AC");
  const judgement: Judgement = {
    verdict: failed?.result.verdict ?? "AC",
    compile,
    tests,
    passed: tests.filter((t) => t.verdict === "AC").length,
    total,
    score: tests.reduce((sum, t) => sum + (t.score ?? 0), 0) / total,
    timeMs: Math.max(0, ...tests.map((t) => t.timeMs)),
    memoryKb: Math.max(0, ...tests.map((t) => t.memoryKb)),
  };
  if (failed?.error) judgement.error = failed.error;
  return judgement;
}

/** A Judgement where no test ran. */
function judgeWithoutTests(verdict: Verdict, total: number, compile: Judgement["compile"], error?: string): Judgement {
  const judgement: Judgement = { verdict, compile, tests: [], passed: 0, total, score: 0, timeMs: 0, memoryKb: 0 };
  if (error) judgement.error = error;
  return judgement;
}

/**
 * Judges one submission: NO_CODE for an empty source, CE when it does not compile, otherwise the
 * first failing test's verdict (AC when all pass). SE carries its cause in `error`.
 */
export async function gradeSubmission(args: GradeArgs): Promise<Judgement> {
  const { task, sandbox } = args;
  const total = task.mode === "function" ? 1 : task.tests.length;
  if (total === 0) throw new GradeError("stdio task has no tests; grading it would be a vacuous AC");
  if (task.mode === "function") functionKit(task, args.source);
  if (task.interactor && !hasRunPair(sandbox)) throw new GradeError(`the ${sandbox.name} sandbox cannot judge interactive problems (it has no runPair)`);
  if (args.source.code.trim() === "") return judgeWithoutTests("NO_CODE", total, null);
  if (task.mode === "function") return gradeFunction(args);
  const program = args.source;

  let prepared: PrepareResult;
  try {
    // A compile that would wait for the backend's set-up (a PCH build) waits here, off the slots.
    if (!args.prepared) await sandbox.whenReadyToPrepare?.(program);
    prepared = args.prepared ?? (await runInSlot(args.slots, () => sandbox.prepare(program, args.compileLimits ?? DEFAULT_COMPILE_LIMITS), "compile"));
  } catch (error) {
    return judgeWithoutTests("SE", total, null, describeHarnessFailure(error, "sandbox failed to compile"));
  }
  const compile = { ok: prepared.ok, log: truncateText(prepared.log, KEPT_LOG_CHARS), timeMs: prepared.timeMs, cached: prepared.ok && prepared.cached };
  if (!prepared.ok) return judgeWithoutTests("CE", total, compile, summariseCompileFailure(prepared));

  let interactor: PreparedProgram | undefined;
  if (task.interactor) {
    try {
      const ready = await prepareInteractor(args);
      if ("error" in ready) return judgeWithoutTests("SE", total, compile, ready.error);
      interactor = ready.program;
    } catch (error) {
      return judgeWithoutTests("SE", total, compile, describeHarnessFailure(error, "sandbox failed to compile the interactor"));
    }
  }
  return summarise(await walkStdioTests(args, prepared.program, interactor), total, compile);
}

/**
 * Runs the stdio tests in order, up to `testConcurrency` at once. Once a test fails (and not all
 * tests are wanted) no later test starts; earlier ones still finish, since one of them may fail too
 * and its verdict comes first. Runs already started cannot be cancelled through the Sandbox contract,
 * so they are awaited, and their results past the first failure dropped.
 */
async function walkStdioTests(args: GradeArgs, program: PreparedProgram, interactor?: PreparedProgram): Promise<Graded[]> {
  const tests = args.task.tests;
  const wanted = args.testConcurrency ?? 1;
  if (!Number.isInteger(wanted) || wanted < 1) throw new GradeError(`testConcurrency must be a positive integer, got ${wanted}`);
  const lanes = Math.min(wanted, tests.length);
  const graded: Graded[] = [];
  let firstFailure = tests.length;
  let next = 0;
  let broken = false;
  const lane = async () => {
    const runner = createTestRunner(args, program, lanes, interactor);
    try {
      while (!broken && next < firstFailure) {
        const index = next++;
        const test = tests[index] as TestCase;
        try {
          const one = await runInSlot(args.slots, () => gradeStdioTest(args, program, runner, test, index, interactor));
          graded[index] = one;
          if (one.result.verdict !== "AC" && !args.allTests) firstFailure = Math.min(firstFailure, index);
        } catch (error) {
          broken = true; // a bug or a missing tool: the other lanes stop starting tests
          throw error;
        }
      }
    } finally {
      await runner.close();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return graded.slice(0, firstFailure + 1);
}
