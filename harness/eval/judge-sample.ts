/**
 * Judges one sample against one problem: extraction, then the grader with the problem's checker.
 * Knows only the Sandbox contract; the CLI decides which sandbox that is.
 */
import { unjudgeableReason } from "../../datasets/judgeable.ts";
import { parseCheckerPolicy, resolveChecker } from "../../datasets/checker-policy.ts";
import { takesPrelude, withPrelude } from "../../datasets/prelude.ts";
import type { Problem } from "../../datasets/types.ts";
import { judgeAnswer } from "../../judges/answer/index.ts";
import { CheckerError } from "../../judges/checkers/errors.ts";
import { buildCheckerSource } from "../../judges/checkers/program.ts";
import { GradeError, gradeSubmission, type GradeArgs } from "../../judges/grade.ts";
import type { Checker, CheckerSpec, InteractorSpec, Judgement, Sandbox, SourceFile, TestCase } from "../../judges/types.ts";
import { extractCode } from "../extract/index.ts";
import type { JudgedSample, SampleInput, SampleJudge } from "../types.ts";
import { DEFAULT_LIMIT_OPTIONS, deriveRunLimits, type LimitOptions } from "./limits.ts";

export interface SampleJudgeOptions {
  sandbox: Sandbox;
  /** Builds a checker for a problem (program checkers are compiled once per problem). */
  makeChecker: (spec: CheckerSpec) => Promise<Checker>;
  limits?: LimitOptions;
  /** Run every test instead of stopping at the first failure. */
  allTests?: boolean;
  /** Passed to the grader: tests of one sample run at once, and slots shared by every sample (one per core). */
  grading?: Pick<GradeArgs, "testConcurrency" | "slots">;
  /**
   * `--checker`: how a problem still carrying `auto` (rows not opened through openDataset, such as
   * the reward server's inline problems) is compared; `auto` by default (datasets/checker-policy.ts).
   */
  checkerPolicy?: string;
  /** Folder with the user's testlib.h, for interactors that include it (default HARNESS_TESTLIB_DIR). */
  testlibDir?: string;
}

/** Creates a {@link SampleJudge} bound to one sandbox. Checkers are cached per problem. */
export function createSampleJudge(opts: SampleJudgeOptions): SampleJudge {
  const limits = opts.limits ?? DEFAULT_LIMIT_OPTIONS;
  const checkers = new Map<string, Promise<Checker>>();
  // A mistyped --checker fails here, at start-up, not on the first problem that carries `auto`.
  const checkerPolicy = parseCheckerPolicy(opts.checkerPolicy);
  const checkerFor = (p: Problem): Promise<Checker> => {
    const spec = p.checker.type === "auto" ? resolveChecker(p, checkerPolicy).checker : p.checker;
    const key = JSON.stringify(spec);
    let c = checkers.get(key);
    if (!c) {
      c = opts.makeChecker(spec);
      // A failed checker build must not be cached forever: the next sample retries and reports it.
      c.catch(() => checkers.delete(key));
      checkers.set(key, c);
    }
    return c;
  };

  // Identical programs (common in a GRPO group) are graded once; the promise is shared while in flight.
  const graded = new Map<string, Promise<Judgement>>();
  const gradeOnce = (key: string, grade: () => Promise<Judgement>): Promise<Judgement> => {
    let g = graded.get(key);
    if (!g) {
      if (graded.size >= MAX_MEMO) graded.delete(graded.keys().next().value as string);
      g = grade();
      g.catch(() => graded.delete(key));
      graded.set(key, g);
    }
    return g;
  };

  return async (problem, sample, runOpts = {}) => {
    if (problem.mode === "answer") return judgeAnswerSample(problem, sample);
    // Callers leave such problems out (eval lists them as excluded); judging one would be a made-up verdict.
    const unjudgeable = unjudgeableReason(problem);
    if (unjudgeable) throw new GradeError(`problem ${problem.id}: ${unjudgeable}; it is excluded from scores`);
    const mode = problem.mode; // narrowed here; the grading closure below would lose the narrowing
    const extraction =
      sample.raw && sample.language
        ? ({ ok: true, code: sample.completion, language: sample.language, notes: { raw: true } } as const)
        : extractCode(sample.completion, {
            language: sample.language,
            mode,
            solutionPrefix: problem.solution_prefix,
            entryPoint: problem.entry_point,
            stopTokens: problem.stop_tokens,
            field: sample.field,
          });
    const base = { problemId: problem.id, completion: sample.completion, truncated: sample.truncated ?? false };
    if (!extraction.ok) {
      return {
        ...base,
        code: null,
        language: sample.language ?? null,
        extraction: { ok: false, reason: extraction.reason, notes: { ...extraction.notes } },
        verdict: "NO_CODE",
        judgement: null,
      } satisfies JudgedSample;
    }
    const language = extraction.language;
    const tests = selectTests(problem.tests, runOpts.testKinds);
    const allTests = runOpts.allTests ?? opts.allTests ?? false;
    const key = hashKey([fingerprintProblem(problem), language, extraction.code, String(allTests), runOpts.testKinds?.join(",") ?? "*"]);
    const judgement = await gradeOnce(key, async () =>
      gradeSubmission({
        sandbox: opts.sandbox,
        task: {
          mode,
          tests,
          testCode: problem.test_code,
          entryPoint: problem.entry_point,
          prelude: testerPrelude(problem),
          ...(problem.input_file ? { inputFile: problem.input_file } : {}),
          ...(problem.output_file ? { outputFile: problem.output_file } : {}),
          ...(problem.interactor ? { interactor: await interactorFor(problem, opts.testlibDir) } : {}),
          limits: deriveRunLimits(problem, language, limits),
        },
        // The source's prelude runs before the candidate, as the source's tester runs it.
        source: { language, code: withPrelude(problem, language, extraction.code) },
        checker: await checkerFor(problem),
        allTests,
        compileLimits: limits.compile,
        ...opts.grading,
      }),
    );
    return {
      ...base,
      code: extraction.code,
      language,
      extraction: { ok: true, language, notes: { ...extraction.notes, ...(takesPrelude(problem, language) ? { preludeApplied: true } : {}) } },
      verdict: judgement.verdict,
      judgement,
    } satisfies JudgedSample;
  };
}

/** Mode "answer" (GSM8K): no program; the completion's final number is compared with the answer. */
function judgeAnswerSample(problem: Problem, sample: SampleInput): JudgedSample {
  const a = judgeAnswer(sample.completion, problem.answer ?? "");
  const score = a.verdict === "AC" ? 1 : 0;
  return {
    problemId: problem.id,
    completion: sample.completion,
    truncated: sample.truncated ?? false,
    code: null,
    language: null,
    extraction: { ok: a.extracted !== null, notes: { answer: a.extracted, expected: a.expected } },
    verdict: a.verdict,
    judgement: {
      verdict: a.verdict,
      compile: null,
      tests: [
        { index: 0, kind: "answer", verdict: a.verdict, timeMs: 0, wallMs: 0, memoryKb: 0, exitCode: null, signal: null, stdout: a.extracted ?? "", stderr: "", score },
      ],
      passed: score,
      total: 1,
      score,
      timeMs: 0,
      memoryKb: 0,
    },
  };
}

/**
 * What the function-mode tester runs before the tests: the source's prelude when the problem has
 * one (its starter code is only a header), else the prompt (HumanEval's defines helpers the tests use).
 */
function testerPrelude(problem: Problem): string | undefined {
  if (problem.mode !== "function") return undefined;
  return problem.prelude ?? problem.solution_prefix;
}

/**
 * The interactor of an interactive problem, with the user's testlib.h beside it when it includes one.
 * The problem's own checker judges the interactor's output only when it is a checker program.
 */
async function interactorFor(problem: Problem, testlibDir: string | undefined): Promise<InteractorSpec> {
  const spec = problem.interactor;
  if (!spec) throw new GradeError(`problem ${problem.id} has no interactor`);
  let source: SourceFile;
  try {
    source = await buildCheckerSource({ type: "testlib", ...spec }, testlibDir);
  } catch (error) {
    // The same setup as a checker's (testlib.h from --testlib), but the message must name the interactor.
    if (error instanceof CheckerError) throw new CheckerError(`the interactor of problem ${problem.id}: ${error.message.replace(/^the checker /, "it ")}`, error.code, { cause: error });
    throw error;
  }
  return { source, checked: problem.checker.type === "testlib" || problem.checker.type === "cms" };
}

/** Bound on remembered judgements, so a long-lived reward server does not grow without limit. */
const MAX_MEMO = 4096;

function hashKey(parts: string[]): string {
  return new Bun.CryptoHasher("sha256").update(parts.join("\u0000")).digest("hex");
}

const fingerprints = new WeakMap<Problem, string>();
/** Content hash of what grading depends on, so two problems sharing an id never share a judgement. */
function fingerprintProblem(p: Problem): string {
  let f = fingerprints.get(p);
  if (!f) {
    const { tests, test_code, checker, time_limit_ms, memory_limit_mb, mode, entry_point, solution_prefix, prelude, input_file, output_file, interactor } = p;
    f = hashKey([JSON.stringify({ tests, test_code, checker, time_limit_ms, memory_limit_mb, mode, entry_point, solution_prefix, prelude, input_file, output_file, interactor })]);
    fingerprints.set(p, f);
  }
  return f;
}

function selectTests(tests: TestCase[], kinds: readonly string[] | undefined): TestCase[] {
  if (!kinds) return tests;
  return tests.filter((t) => kinds.includes(t.kind ?? "private"));
}
