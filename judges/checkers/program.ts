/**
 * Checker programs (testlib and cms protocols): compiled once through the sandbox, then run in the
 * same sandbox for every test with the input, the contestant's output and the answer as files.
 *
 * SE only when the checker is at fault: a run that ends without a decision (crash, limit, malformed
 * verdict) is WA unless the checker also fails when handed the reference answer as the output. That
 * second run happens once per test and its reading is cached, keyed by the test's input and answer.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { DEFAULT_COMPILE_LIMITS } from "../compile-limits.ts";
import type { Checker, CheckResult, CompileLimits, Language, RunLimits, Sandbox, SourceFile } from "../types.ts";
import { CheckerError } from "./errors.ts";
import { type CheckerReading, readCmsOutcome, readOpenr1Outcome, readTestlibOutcome, settleUndecided } from "./protocols.ts";
import { clip } from "./text.ts";

/** Checker programs are trusted more than submissions but still sandboxed; generous limits. */
export const CHECKER_RUN_LIMITS: RunLimits = {
  cpuMs: 10_000,
  wallMs: 30_000,
  memoryMb: 1024,
  outputBytes: 1 << 20,
  processes: 8,
  fileBytes: 16 << 20,
};

/**
 * The default compile limits, widened: a checker includes testlib.h, one large header that the
 * precompiled bits/stdc++.h does not cover, so it takes several seconds and more memory to compile.
 */
export const CHECKER_COMPILE_LIMITS: CompileLimits = { ...DEFAULT_COMPILE_LIMITS, cpuMs: 120_000, wallMs: 180_000, memoryMb: 2048 };

export type ProgramCheckerSpec = { type: "testlib" | "cms"; source: string; language?: Language; protocol?: "openr1" };

export interface ProgramCheckerDeps {
  sandbox: Sandbox;
  /** Folder holding the user's testlib.h; falls back to env HARNESS_TESTLIB_DIR. */
  testlibDir?: string;
  runLimits?: RunLimits;
  compileLimits?: CompileLimits;
}

/** Reference readings kept per checker (one per test that made it crash); the oldest goes first. */
const MAX_REFERENCE_READINGS = 4096;

const INCLUDES_TESTLIB = /#\s*include\s*[<"]testlib\.h[>"]/;

/** Names of the files a checker run receives, and their order on the command line per protocol. */
const FILES = { input: "input.txt", output: "output.txt", answer: "answer.txt" } as const;
const ARGS: Record<ProgramCheckerSpec["type"], string[]> = {
  testlib: [FILES.input, FILES.output, FILES.answer],
  cms: [FILES.input, FILES.answer, FILES.output],
};

/** The checker's language: as given, else C++ when the source has an #include, else Python. */
export function inferCheckerLanguage(spec: ProgramCheckerSpec): Language {
  if (spec.language) return spec.language;
  return /^\s*#\s*include\s*[<"]/m.test(spec.source) ? "cpp" : "python";
}

/** Builds the checker's SourceFile, adding the user's testlib.h beside it when the source includes it. */
export async function buildCheckerSource(spec: ProgramCheckerSpec, testlibDir?: string): Promise<SourceFile> {
  const source: SourceFile = { language: inferCheckerLanguage(spec), code: spec.source };
  if (source.language !== "cpp" || !INCLUDES_TESTLIB.test(spec.source)) return source;
  const dir = testlibDir ?? process.env.HARNESS_TESTLIB_DIR;
  if (!dir) {
    throw new CheckerError(
      'the checker includes "testlib.h" but no testlib folder is configured: pass --testlib DIR or set HARNESS_TESTLIB_DIR',
      "missing_testlib",
    );
  }
  const header = Bun.file(join(dir, "testlib.h"));
  if (!(await header.exists())) {
    throw new CheckerError(`testlib.h not found in ${dir} (from --testlib or HARNESS_TESTLIB_DIR)`, "missing_testlib");
  }
  return { ...source, extraFiles: { "testlib.h": await header.text() } };
}

/**
 * Compiles a testlib or cms checker once and returns a Checker that runs it per test.
 * Throws {@link CheckerError} when testlib.h is missing or the checker does not compile.
 */
export async function createProgramChecker(spec: ProgramCheckerSpec, deps: ProgramCheckerDeps): Promise<Checker> {
  const source = await buildCheckerSource(spec, deps.testlibDir);
  const prepared = await deps.sandbox.prepare(source, deps.compileLimits ?? CHECKER_COMPILE_LIMITS);
  if (!prepared.ok) {
    throw new CheckerError(`${spec.type} checker failed to compile (${prepared.cause}):\n${clip(prepared.log, 2000)}`, "compile_failed");
  }
  const program = prepared.program;
  const limits = deps.runLimits ?? CHECKER_RUN_LIMITS;
  const read = spec.protocol === "openr1" ? readOpenr1Outcome : spec.type === "testlib" ? readTestlibOutcome : readCmsOutcome;
  const check = async (actual: string, expected: string, input: string): Promise<CheckerReading> => {
    const files =
      spec.protocol === "openr1"
        ? { [FILES.input]: input, [FILES.output]: dropEmptyLines(actual), [FILES.answer]: dropEmptyLines(expected.replace(/\r$/gm, "")) }
        : { [FILES.input]: input, [FILES.output]: actual, [FILES.answer]: expected };
    return read(await deps.sandbox.run(program, { files, args: ARGS[spec.type] }, limits));
  };
  const onReference = new Map<string, Promise<CheckerReading>>();
  const checkReference = (expected: string, input: string): Promise<CheckerReading> => {
    const key = createHash("sha256").update(`${input.length}:`).update(input).update(expected).digest("hex");
    let reading = onReference.get(key);
    if (!reading) {
      // A sandbox failure is not a fact about the checker: forget it so a later test retries.
      reading = check(expected, expected, input).catch((error: unknown) => {
        onReference.delete(key);
        throw error;
      });
      // Bounded, so a long-lived reward server meeting many crashing outputs does not grow forever.
      if (onReference.size >= MAX_REFERENCE_READINGS) onReference.delete(onReference.keys().next().value as string);
      onReference.set(key, reading);
    }
    return reading;
  };
  return async (actual, expected, ctx): Promise<CheckResult> => {
    const reading = await check(actual, expected, ctx.input);
    if (reading.kind === "decision") return reading.result;
    if (reading.kind === "fail") return { verdict: "SE", message: reading.message };
    return settleUndecided(reading.message, await checkReference(expected, ctx.input));
  };
}

/** open-r1's grader deletes empty lines from both outputs before its checker reads them (`sed '/^$/d'`). */
function dropEmptyLines(text: string): string {
  return text.replace(/^\n+/, "").replace(/\n{2,}/g, "\n");
}
