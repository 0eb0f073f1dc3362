/**
 * Contracts of the judging layer. Three layers, as in DMOJ:
 *   a Sandbox prepares (compiles) and runs one program,
 *   the grader (judges/grade.ts) walks the tests and stops early,
 *   a Checker compares one output with the expected answer.
 * Core code imports only this file; concrete backends (local/, piston/, wasm/) implement it.
 */
import { HarnessError } from "./errors.ts";

export type Language = "cpp" | "python";
export const LANGUAGES: readonly Language[] = ["cpp", "python"];

/** Verdicts of a submission. `SE` is a harness failure and always carries a cause. */
export type Verdict = "AC" | "WA" | "PE" | "TLE" | "MLE" | "RE" | "CE" | "OLE" | "NO_CODE" | "SE";
export const VERDICTS: readonly Verdict[] = ["AC", "WA", "PE", "TLE", "MLE", "RE", "CE", "OLE", "NO_CODE", "SE"];

/** Resource limits for one run of a program. */
export interface RunLimits {
  /** CPU time, milliseconds. */
  cpuMs: number;
  /** Wall-clock time, milliseconds; a sleeping program is stopped here. */
  wallMs: number;
  /** Memory (peak RSS where cgroups exist, address space otherwise), MiB. */
  memoryMb: number;
  /** Bytes of stdout kept; more is OLE. */
  outputBytes: number;
  /** Maximum processes/threads inside the run. */
  processes: number;
  /** Largest file the program may write, bytes. */
  fileBytes: number;
}

/** Limits for compiling one source. */
export interface CompileLimits {
  cpuMs: number;
  wallMs: number;
  memoryMb: number;
  /** Bytes of compiler diagnostics kept. */
  logBytes: number;
}

/** Source code to prepare. */
export interface SourceFile {
  language: Language;
  code: string;
  /** Extra files placed beside the source at compile time (e.g. a user's testlib.h). Part of the cache key. */
  extraFiles?: Record<string, string>;
  /**
   * Python: start the interpreter without `site` (`-S`): no `.pth` start-up code, a few ms less per
   * process. A hint a backend may ignore, so the program must work either way and put the
   * site-packages folders on `sys.path` itself (function mode's driver and tester do). Part of the key.
   */
  noSite?: boolean;
}

/** A program ready to run, produced by the sandbox that prepared it. Opaque to callers. */
export interface PreparedProgram {
  readonly language: Language;
  /** Content hash of (language, code, flags): equal keys are the same program. */
  readonly key: string;
  /** Backend-specific handle (path to a binary, a Piston payload, a wasm module...). */
  readonly handle: unknown;
}

export type PrepareResult =
  | { ok: true; program: PreparedProgram; log: string; timeMs: number; cached: boolean }
  | {
      ok: false;
      log: string;
      timeMs: number;
      cause: "compile_error" | "compile_time" | "compile_memory";
      /** True when a stored compile error was read back from a compile cache instead of compiling (for counting work). */
      cached?: boolean;
    };

/** What a run receives. Files are written into the run's scratch dir; args may name them. */
export interface RunInput {
  stdin?: string;
  args?: string[];
  files?: Record<string, string>;
  /**
   * Plain file names (no folders) read back from the scratch dir after the run, into
   * {@link RunOutcome.files}: a file-IO problem's output file, an interactor's output.
   */
  collect?: string[];
}

/** How a run ended. The grader maps these to verdicts. */
export type Termination =
  | "exited" // exit code 0
  | "nonzero" // exit code != 0
  | "signaled" // killed by a signal that was not one of our limits
  | "cpu_time"
  | "wall_time"
  | "memory"
  | "output";

export interface RunOutcome {
  termination: Termination;
  exitCode: number | null;
  signal: string | null;
  /** CPU time used, ms. */
  timeMs: number;
  wallMs: number;
  /** Peak memory, KiB (0 when the backend cannot measure it). */
  memoryKb: number;
  stdout: string;
  stderr: string;
  /**
   * The files named in {@link RunInput.collect} that the run left as regular files (links and
   * other kinds are ignored), each up to `outputBytes`; a larger one ends the run with "output".
   */
  files?: Record<string, string>;
}

/** A sandbox runs programs. Harness failures throw {@link SandboxError}; bad programs are outcomes. */
export interface Sandbox {
  readonly name: string;
  /**
   * Optional: runs the backend can carry at once (a Piston fleet: its endpoints' concurrency summed).
   * The CLI sizes the grader's run slots, and the default number of samples in flight, from it;
   * absent, one slot per local core (a local sandbox's CPU times must not depend on load).
   */
  readonly capacity?: number;
  prepare(source: SourceFile, limits: CompileLimits): Promise<PrepareResult>;
  /**
   * Optional: resolves once preparing `source` would start at once instead of waiting for the
   * backend's shared set-up (the local sandbox's precompiled header while it builds). The grader
   * awaits it before taking a slot for the compile, so a compile that would only wait holds no core.
   */
  whenReadyToPrepare?(source: SourceFile): Promise<void>;
  run(program: PreparedProgram, input: RunInput, limits: RunLimits): Promise<RunOutcome>;
  /**
   * Versions of the tools behind the sandbox (compiler, interpreter, sandbox itself), for provenance.
   * A backend that compiles C++ names its compile flags, space-separated, under "g++ flags".
   */
  versions(): Promise<Record<string, string>>;
  /**
   * Runs two programs at once, each in a sandbox of its own (own process tree, own scratch folder,
   * own limits), the stdout of each piped into the stdin of the other. `program` is the untrusted
   * side (model code), `peer` the trusted one (a function-mode tester, an interactor). Neither can
   * read the other's files or memory; the peer reports its result on its stderr, which the program
   * cannot reach. Backends without it cannot judge function-mode problems safely.
   */
  runPair?(program: PairSide, peer: PairSide): Promise<PairOutcome>;
  /**
   * How many function-mode pairs may share one of the grader's run slots (default 1). A backend
   * whose pairs mostly wait on their own messages (the local sandbox: a pair keeps ~0.7 of a core
   * busy) says 2, so the cores do not idle; one whose pairs are CPU- or memory-heavy keeps 1.
   */
  readonly pairsPerSlot?: number;
  /**
   * Proves the backend works before anything is judged: prepares and runs a tiny known-good program
   * per language it supports (see judges/self-test.ts) and throws a {@link SandboxError} naming what
   * is broken. The CLI runs it once at start-up of every command that judges, so a broken toolchain
   * fails at once instead of turning a whole eval into CE or SE.
   */
  selfTest(): Promise<void>;
  /**
   * Opens a session for running one program many times with the same limits (a sample's stdio
   * tests): the one way a backend can run a sample's tests as a unit. Each {@link RunSession.run}
   * must be exactly as strict as {@link Sandbox.run} with these limits: its own CPU, wall, memory
   * and output limits and outcome, fresh stdin, and nothing left from the runs before it (files,
   * processes). The local backend keeps one sandbox for all the runs.
   *
   * `upcoming`, when given, is the inputs the caller will run next, in order (the grader knows them
   * when it walks a sample's tests one at a time). A backend whose every run carries a large fixed
   * cost may then run several of them as one unit of work (Piston: compile once, run many in one
   * execute) and answer the later `run` calls from what it ran, each with its own outcome. It must
   * still answer every `run` with the outcome of the input it was given: an input that is not the
   * next upcoming one runs alone. The caller may stop early (the grader stops at the first failure),
   * so a backend should not run ahead past a run that did not exit 0. A harness failure while opening
   * or running is a thrown {@link SandboxError}, which the grader makes that test's SE. Backends
   * without sessions are run test by test.
   */
  openSession?(program: PreparedProgram, limits: RunLimits, upcoming?: readonly RunInput[]): Promise<RunSession>;
  close?(): Promise<void>;
}

/** Runs of one program in a session ({@link Sandbox.openSession}); one run at a time, in call order. */
export interface RunSession {
  run(input: RunInput): Promise<RunOutcome>;
  /** Ends the session and frees what it holds; the caller calls it once, also after a failure. */
  close(): Promise<void>;
}

/** One side of {@link Sandbox.runPair}: its stdin is the other side's stdout. */
export interface PairSide {
  program: PreparedProgram;
  /** Files placed in this side's scratch folder, and its arguments. */
  files?: Record<string, string>;
  args?: string[];
  /** Files read back from this side's scratch folder after the run (see {@link RunInput.collect}). */
  collect?: string[];
  limits: RunLimits;
  /**
   * On the peer: it is trusted code that bounds what it reads from the program and writes little, and
   * no one needs either side's stdout. A backend may then join the sides with plain pipes instead of
   * relaying (both outcomes' `stdout` are then empty and stdout is not capped); it may also relay.
   */
  directPipe?: boolean;
}

/**
 * How both sides of a pair run ended. Each `stdout` is what that side wrote to the other (kept up
 * to its `outputBytes`; more ends that side with `output`). When one side ends, the other's stdin
 * reaches end of file.
 */
export interface PairOutcome {
  program: RunOutcome;
  peer: RunOutcome;
}

/** A harness failure (missing compiler, sandbox broken, remote unreachable). Never a verdict of the submission. */
export class SandboxError extends HarnessError {
  constructor(
    message: string,
    readonly code: "missing_tool" | "sandbox_unavailable" | "remote_unreachable" | "internal",
    options?: { cause?: unknown },
  ) {
    super(message, code === "remote_unreachable" ? "remote" : "sandbox", options);
    this.name = "SandboxError";
  }
}

/** One stdio test. */
export interface TestCase {
  input: string;
  output: string;
  kind?: "public" | "private" | "generated";
}

/** Result of comparing one output. `score` in [0,1] is partial credit (testlib points, cms). */
export interface CheckResult {
  verdict: "AC" | "WA" | "PE" | "SE";
  score?: number;
  message?: string;
}

export interface CheckContext {
  input: string;
}

/** Compares a program's output to the expected answer. Program checkers are async. */
export type Checker = (actual: string, expected: string, ctx: CheckContext) => CheckResult | Promise<CheckResult>;

/** Checker as written in a problem file. */
export type CheckerSpec =
  | { type: "exact" }
  | { type: "lines" }
  | { type: "tokens" }
  | { type: "float"; abs?: number; rel?: number }
  | { type: "yesno" }
  | { type: "unordered" }
  /** A source tester's comparison (judges/checkers/source-testers.ts), widened by what the statement grants. */
  | { type: "codecontests" | "apps" | "livecodebench" | "openr1" | "rllm"; fold_case?: boolean; abs?: number; rel?: number }
  /**
   * No checker given: resolved per problem before judging (datasets/checker-policy.ts) into the
   * comparison of `tester`, the row's own source tester, or one the statement calls for.
   */
  | { type: "auto"; tester?: "codecontests" | "apps" | "livecodebench" | "openr1" | "rllm" }
  /** `protocol: "openr1"`: a cms-order checker that prints 1 or 100 when the output is right (open-r1's generated checkers). */
  | { type: "testlib" | "cms"; source: string; language?: Language; protocol?: "openr1" };

/** Everything the grader needs to know about a problem (a narrow view of datasets' Problem). */
export interface GradeTask {
  mode: "stdio" | "function";
  tests: TestCase[];
  /** Function mode: the tests (trusted), run by a tester in its own process that calls the solution across a pipe. */
  testCode?: string;
  /** Function mode: the function the tests call (HumanEval's `entry_point`). */
  entryPoint?: string;
  /** Function mode: trusted code the tester runs before the tests (HumanEval's prompt, which defines helpers the tests use). */
  prelude?: string;
  /**
   * Stdio mode, file-IO problems: each test's input is also this file in the program's working
   * folder (stdin still carries it).
   */
  inputFile?: string;
  /** Stdio mode, file-IO problems: when the program writes this file, its content is the output (else stdout). */
  outputFile?: string;
  /** Stdio mode, interactive problems: the trusted interactor that talks with the program (judges/interactive.ts). */
  interactor?: InteractorSpec;
  limits: RunLimits;
}

/**
 * An interactor program, run beside the candidate as `interactor <input> <output> <answer>` (testlib's
 * order) with its stdin and stdout joined to the candidate's stdout and stdin. Exit 0 OK, 1 WA, 2 PE,
 * 3 FAIL, 7 points. `checked`: the problem's checker then judges the interactor's output file.
 */
export interface InteractorSpec {
  source: SourceFile;
  checked: boolean;
}

export interface TestResult {
  index: number;
  kind: TestCase["kind"] | "function" | "answer";
  verdict: Verdict;
  timeMs: number;
  wallMs: number;
  memoryKb: number;
  exitCode: number | null;
  signal: string | null;
  /** Truncated copies, for display. */
  stdout: string;
  stderr: string;
  checkerMessage?: string;
  score?: number;
}

export interface Judgement {
  verdict: Verdict;
  /** Cause of an SE, or compile diagnostics summary. */
  error?: string;
  compile: { ok: boolean; log: string; timeMs: number; cached: boolean } | null;
  tests: TestResult[];
  passed: number;
  /** Number of tests of the task (not only those run). */
  total: number;
  /** Mean test score in [0,1] over all tests (unrun tests count 0). */
  score: number;
  /** Largest CPU time of the tests run, ms (0 when none ran). */
  timeMs: number;
  /** Largest peak memory of the tests run, KiB (0 when none ran or unmeasured). */
  memoryKb: number;
}
