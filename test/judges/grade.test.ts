/**
 * The grader: first its walking rules against a scripted Sandbox double (outcomes given in order),
 * then every verdict from real programs through the local sandbox.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChecker } from "../../judges/checkers/index.ts";
import { checkExact } from "../../judges/checkers/layout.ts";
import { checkTokens } from "../../judges/checkers/tokens.ts";
import { type GradeArgs, GradeError, gradeSubmission, KEPT_OUTPUT_CHARS } from "../../judges/grade.ts";
import { createLocalSandbox } from "../../judges/local/index.ts";
import { createPool } from "../../harness/eval/pool.ts";
import {
  SandboxError,
  type Checker,
  type GradeTask,
  type PreparedProgram,
  type RunInput,
  type RunOutcome,
  type Sandbox,
  type SourceFile,
} from "../../judges/types.ts";

const program: PreparedProgram = { language: "python", key: "k", handle: null };
const limits = { cpuMs: 1000, wallMs: 2000, memoryMb: 256, outputBytes: 1 << 16, processes: 1, fileBytes: 1 << 16 };

function outcome(fields: Partial<RunOutcome>): RunOutcome {
  return { termination: "exited", exitCode: 0, signal: null, timeMs: 5, wallMs: 6, memoryKb: 100, stdout: "", stderr: "", ...fields };
}

/** A Sandbox double that answers runs from a script and records what it was asked. */
function scriptedSandbox(script: (RunOutcome | Error)[]) {
  const runs: RunInput[] = [];
  let prepares = 0;
  const sandbox: Sandbox = {
    name: "scripted",
    prepare: async () => {
      prepares++;
      return { ok: true, program, log: "", timeMs: 1, cached: false };
    },
    run: async (_program, input) => {
      runs.push(input);
      const next = script.shift();
      if (!next) throw new Error("script exhausted");
      if (next instanceof Error) throw next;
      return next;
    },
    versions: async () => ({}),
    selfTest: async () => {},
  };
  return { sandbox, runs, prepareCount: () => prepares };
}

const tests = [
  { input: "1\n", output: "1\n", kind: "public" as const },
  { input: "2\n", output: "2\n", kind: "private" as const },
  { input: "3\n", output: "3\n" },
];
const task: GradeTask = { mode: "stdio", tests, limits };
const source = { language: "python" as const, code: "print(input())" };

describe("gradeSubmission walking the tests", () => {
  test("stops at the first failing test and reports its verdict", async () => {
    const { sandbox, runs } = scriptedSandbox([outcome({ stdout: "1\n" }), outcome({ stdout: "9\n" }), outcome({ stdout: "3\n" })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement.verdict).toBe("WA");
    expect(runs.map((r) => r.stdin)).toEqual(["1\n", "2\n"]);
    expect(judgement.tests.map((t) => [t.index, t.kind, t.verdict])).toEqual([[0, "public", "AC"], [1, "private", "WA"]]);
    expect(judgement).toMatchObject({ passed: 1, total: 3 });
    expect(judgement.score).toBeCloseTo(1 / 3);
    expect(judgement.tests[1]!.checkerMessage).toContain('expected "2"');
  });

  test("runs every test when allTests is set, keeping the first failure's verdict", async () => {
    const { sandbox } = scriptedSandbox([outcome({ termination: "cpu_time", exitCode: null, timeMs: 1000 }), outcome({ stdout: "2\n" }), outcome({ stdout: "0\n" })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens, allTests: true });
    expect(judgement.tests.map((t) => t.verdict)).toEqual(["TLE", "AC", "WA"]);
    expect(judgement).toMatchObject({ verdict: "TLE", passed: 1, timeMs: 1000 });
  });

  test("averages partial scores over all tests, unrun ones counting zero", async () => {
    const half: Checker = () => ({ verdict: "WA", score: 0.5 });
    const { sandbox } = scriptedSandbox([outcome({}), outcome({})]);
    const twoTests: GradeTask = { ...task, tests: tests.slice(0, 2) };
    const judgement = await gradeSubmission({ sandbox, task: twoTests, source, checker: half, allTests: true });
    expect(judgement.score).toBeCloseTo(0.5);
    const { sandbox: again } = scriptedSandbox([outcome({})]);
    expect((await gradeSubmission({ sandbox: again, task: twoTests, source, checker: half })).score).toBeCloseTo(0.25);
  });

  test("reports the largest time and memory of the tests run", async () => {
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1", timeMs: 30, memoryKb: 900 }), outcome({ stdout: "2", timeMs: 70, memoryKb: 400 }), outcome({ stdout: "3", timeMs: 10 })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement).toMatchObject({ verdict: "AC", passed: 3, score: 1, timeMs: 70, memoryKb: 900 });
  });

  test("keeps only the first 4 KiB of a test's output", async () => {
    const { sandbox } = scriptedSandbox([outcome({ stdout: "x".repeat(100_000), stderr: "y".repeat(100_000) })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement.tests[0]!.stdout.length).toBeLessThan(KEPT_OUTPUT_CHARS + 100);
    expect(judgement.tests[0]!.stderr.startsWith("y".repeat(KEPT_OUTPUT_CHARS))).toBe(true);
  });
});

describe("gradeSubmission and harness failures", () => {
  test("turns a SandboxError during a run into SE with its cause", async () => {
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1" }), new SandboxError("bwrap died", "sandbox_unavailable")]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement.verdict).toBe("SE");
    expect(judgement.error).toBe("sandbox failed on test 2: bwrap died");
    expect(judgement.tests[1]).toMatchObject({ verdict: "SE", exitCode: null, score: 0 });
  });

  test("rethrows a missing_tool SandboxError, which no sample can survive", async () => {
    const { sandbox } = scriptedSandbox([new SandboxError("g++ not found", "missing_tool")]);
    await expect(gradeSubmission({ sandbox, task, source, checker: checkTokens })).rejects.toThrow("g++ not found");
  });

  test("reports SE, never WA, when the checker fails", async () => {
    const broken: Checker = () => ({ verdict: "SE", message: "checker reported FAIL" });
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1" })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: broken });
    expect(judgement).toMatchObject({ verdict: "SE", error: "checker failed on test 1: checker reported FAIL", passed: 0 });
  });

  test("reports SE when the checker's own run throws a SandboxError", async () => {
    const throwing: Checker = () => Promise.reject(new SandboxError("remote gone", "remote_unreachable"));
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1" })]);
    const judgement = await gradeSubmission({ sandbox, task, source, checker: throwing });
    expect(judgement.verdict).toBe("SE");
    expect(judgement.error).toContain("remote gone");
  });

  test("reports SE when compiling throws a SandboxError", async () => {
    const { sandbox } = scriptedSandbox([]);
    sandbox.prepare = () => Promise.reject(new SandboxError("cache dir unwritable", "internal"));
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement).toMatchObject({ verdict: "SE", compile: null, tests: [], passed: 0, total: 3 });
    expect(judgement.error).toContain("cache dir unwritable");
  });

  test("lets an ordinary exception from the checker propagate as a bug", async () => {
    const buggy: Checker = () => {
      throw new TypeError("oops");
    };
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1" })]);
    await expect(gradeSubmission({ sandbox, task, source, checker: buggy })).rejects.toThrow("oops");
  });
});

/**
 * A Sandbox double for concurrent walks: each stdin names its outcome, and each run waits for its
 * gate (opened by the test), so the order in which runs finish is chosen, not left to timers.
 */
function gatedSandbox(answers: Record<string, RunOutcome>) {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  let prepares = 0;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const sandbox: Sandbox = {
    name: "gated",
    prepare: async () => {
      prepares++;
      return { ok: true, program, log: "", timeMs: 1, cached: false };
    },
    run: async (_program, input) => {
      const stdin = input.stdin ?? "";
      started.push(stdin);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      notify();
      await new Promise<void>((open) => gates.set(stdin, open));
      inFlight--;
      const answer = answers[stdin];
      if (!answer) throw new Error(`no answer scripted for ${JSON.stringify(stdin)}`);
      return answer;
    },
    versions: async () => ({}),
    selfTest: async () => {},
  };
  /** Resolves once `count` runs have started. */
  const startedCount = async (count: number) => {
    while (started.length < count) await new Promise<void>((wake) => waiters.push(wake));
  };
  /** Lets the run reading `stdin` finish, once it has started. */
  const finish = async (stdin: string) => {
    while (!gates.has(stdin)) await new Promise<void>((wake) => waiters.push(wake));
    gates.get(stdin)?.();
  };
  return { sandbox, started, startedCount, finish, maxInFlight: () => maxInFlight, prepareCount: () => prepares };
}

const sixTests = ["a", "b", "c", "d", "e", "f"].map((name) => ({ input: name, output: name }));
const sixTask: GradeTask = { mode: "stdio", tests: sixTests, limits };
const echo = (name: string, fields: Partial<RunOutcome> = {}) => outcome({ stdout: name, ...fields });

describe("gradeSubmission running tests in parallel", () => {
  test("runs up to testConcurrency tests at once and reports them in test order", async () => {
    const gated = gatedSandbox(Object.fromEntries(sixTests.map((t) => [t.input, echo(t.input)])));
    const graded = gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency: 3 });
    await gated.startedCount(3);
    expect(gated.started).toEqual(["a", "b", "c"]);
    for (const name of ["c", "b", "d", "e", "a", "f"]) await gated.finish(name);
    const judgement = await graded;
    expect(gated.maxInFlight()).toBe(3);
    expect(judgement).toMatchObject({ verdict: "AC", passed: 6 });
    expect(judgement.tests.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test("gives the verdict of the first failing test in order, even when a later one fails first", async () => {
    const gated = gatedSandbox({ a: echo("a"), b: echo("b", { termination: "cpu_time" }), c: echo("wrong"), d: echo("d") });
    const graded = gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency: 3 });
    await gated.startedCount(3);
    await gated.finish("c");
    await gated.finish("a");
    await gated.finish("b");
    const judgement = await graded;
    expect(judgement.verdict).toBe("TLE");
    expect(judgement.tests.map((t) => [t.index, t.verdict])).toEqual([[0, "AC"], [1, "TLE"]]);
    expect(gated.started).toEqual(["a", "b", "c"]);
  });

  test("starts no further test once a failure is known, and waits for the runs already started", async () => {
    const gated = gatedSandbox({ a: echo("wrong"), b: echo("b") });
    let settled = false;
    const graded = gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency: 2 }).then((j) => {
      settled = true;
      return j;
    });
    await gated.startedCount(2);
    await gated.finish("a");
    await Bun.sleep(20);
    expect(settled).toBe(false);
    await gated.finish("b");
    const judgement = await graded;
    expect(gated.started).toEqual(["a", "b"]);
    expect(judgement.tests.map((t) => [t.index, t.verdict])).toEqual([[0, "WA"]]);
  });

  test("runs every test with allTests, in parallel, keeping the first failure's verdict", async () => {
    const gated = gatedSandbox({ a: echo("a"), b: echo("x"), c: echo("c"), d: echo("y", { termination: "nonzero", exitCode: 1 }), e: echo("e"), f: echo("f") });
    const graded = gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency: 4, allTests: true });
    await gated.startedCount(4);
    expect(gated.started).toEqual(["a", "b", "c", "d"]);
    for (const name of ["d", "b", "f", "c", "e", "a"]) await gated.finish(name);
    const judgement = await graded;
    expect(judgement.tests.map((t) => t.verdict)).toEqual(["AC", "WA", "AC", "RE", "AC", "AC"]);
    expect(judgement).toMatchObject({ verdict: "WA", passed: 4 });
  });

  test("refuses a test concurrency that is not a positive integer", async () => {
    const gated = gatedSandbox({});
    for (const testConcurrency of [0, 1.5, Number.NaN]) {
      await expect(gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency })).rejects.toBeInstanceOf(GradeError);
    }
    expect(gated.started).toEqual([]);
  });

  test("keeps the compiles and runs of submissions graded together within their shared slots", async () => {
    const gated = gatedSandbox(Object.fromEntries(sixTests.map((t) => [t.input, echo(t.input)])));
    const slots = createPool(2);
    const grade = () => gradeSubmission({ sandbox: gated.sandbox, task: sixTask, source, checker: checkTokens, testConcurrency: 3, slots });
    const both = Promise.all([grade(), grade()]);
    let opened = 0;
    while (opened < 12) {
      await gated.startedCount(opened + 1);
      await gated.finish(gated.started[opened] as string);
      opened++;
    }
    const judgements = await both;
    expect(gated.maxInFlight()).toBe(2);
    expect(gated.prepareCount()).toBe(2);
    expect(judgements.map((j) => j.verdict)).toEqual(["AC", "AC"]);
  });
});

describe("gradeSubmission slot requests", () => {
  test("asks its slots for a compile, then for a run per test", async () => {
    const { sandbox } = scriptedSandbox([outcome({ stdout: "1" }), outcome({ stdout: "2" }), outcome({ stdout: "3" })]);
    const asked: string[] = [];
    const slots = { run: <T>(work: () => Promise<T>, kind?: string) => (asked.push(kind ?? "unsaid"), work()) };
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens, slots });
    expect(judgement.verdict).toBe("AC");
    expect(asked).toEqual(["compile", "run", "run", "run"]);
  });
});

describe("gradeSubmission inputs", () => {
  test("uses a given prepare result without compiling again", async () => {
    const { sandbox, prepareCount } = scriptedSandbox([outcome({ stdout: "1" }), outcome({ stdout: "2" }), outcome({ stdout: "3" })]);
    const prepared = { ok: true as const, program, log: "warm", timeMs: 0, cached: true };
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens, prepared });
    expect(prepareCount()).toBe(0);
    expect(judgement.compile).toEqual({ ok: true, log: "warm", timeMs: 0, cached: true });
  });

  test("reports NO_CODE for an empty source without compiling", async () => {
    const { sandbox, prepareCount } = scriptedSandbox([]);
    const judgement = await gradeSubmission({ sandbox, task, source: { language: "cpp", code: " \n" }, checker: checkTokens });
    expect(judgement).toMatchObject({ verdict: "NO_CODE", total: 3, score: 0 });
    expect(prepareCount()).toBe(0);
  });

  test("refuses a stdio task without tests", async () => {
    const { sandbox } = scriptedSandbox([]);
    const empty: GradeTask = { mode: "stdio", tests: [], limits };
    await expect(gradeSubmission({ sandbox, task: empty, source, checker: checkTokens })).rejects.toBeInstanceOf(GradeError);
  });

  test("refuses function mode on a sandbox that cannot run a program beside a tester (no runPair)", async () => {
    const { sandbox } = scriptedSandbox([]);
    const fn: GradeTask = { mode: "function", tests: [], testCode: "assert f() == 1", entryPoint: "f", limits };
    const py = { language: "python" as const, code: "def f():\n    return 1" };
    await expect(gradeSubmission({ sandbox, task: fn, source: py, checker: checkTokens })).rejects.toThrow("cannot judge function mode (it has no runPair)");
  });

  test("refuses a function task without test code", async () => {
    const { sandbox } = scriptedSandbox([]);
    const bare: GradeTask = { mode: "function", tests: [], limits };
    await expect(gradeSubmission({ sandbox, task: bare, source, checker: checkTokens })).rejects.toThrow("no testCode");
  });
});

/** Grading through the real local sandbox: each verdict from a real program. */
describe("gradeSubmission with the local sandbox", () => {
  let workDir: string;
  let local: Sandbox;
  const runLimits = { cpuMs: 1000, wallMs: 3000, memoryMb: 256, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 20 };
  const sumTask: GradeTask = {
    mode: "stdio",
    tests: [
      { input: "1 2\n", output: "3\n", kind: "public" },
      { input: "10 -4\n", output: "6\n", kind: "private" },
    ],
    limits: runLimits,
  };
  const py = (code: string) => ({ language: "python" as const, code });

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), "grade-"));
    local = createLocalSandbox({ cacheDir: join(workDir, "cache") });
  });

  afterAll(async () => {
    await local.close?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  const grade = (source: SourceFile, extra: Partial<GradeArgs> = {}) =>
    gradeSubmission({ sandbox: local, task: sumTask, source, checker: checkTokens, ...extra });

  test("accepts a correct solution on every test", async () => {
    const judgement = await grade(py("a, b = map(int, input().split())\nprint(a + b)"));
    expect(judgement).toMatchObject({ verdict: "AC", passed: 2, total: 2, score: 1 });
    expect(judgement.compile?.ok).toBe(true);
    expect(judgement.tests.map((t) => [t.kind, t.stdout])).toEqual([["public", "3\n"], ["private", "6\n"]]);
  });

  test("reports WA on the test the solution gets wrong", async () => {
    const judgement = await grade(py("a, b = map(int, input().split())\nprint(abs(a) + abs(b))"), { allTests: true });
    expect(judgement).toMatchObject({ verdict: "WA", passed: 1, score: 0.5 });
    expect(judgement.tests[1]!.checkerMessage).toBe('token 1: expected "6", got "14"');
  });

  test("reports PE under the exact checker when only spacing differs", async () => {
    const judgement = await grade(py("a, b = map(int, input().split())\nprint(' ', a + b)"), { checker: checkExact });
    expect(judgement.verdict).toBe("PE");
  });

  test("reports TLE for a program that spins forever", async () => {
    const judgement = await grade(py("while True:\n    pass"));
    expect(judgement.verdict).toBe("TLE");
    expect(judgement.tests).toHaveLength(1);
  });

  test("reports MLE for a program that allocates past the memory limit", async () => {
    expect((await grade(py("s = 'x' * (1 << 30)\nprint(len(s))"))).verdict).toBe("MLE");
  });

  test("reports RE with the exit code for a crashing program", async () => {
    const judgement = await grade(py("import sys\nsys.exit(3)"));
    expect(judgement.verdict).toBe("RE");
    expect(judgement.tests[0]!.exitCode).toBe(3);
  });

  test("reports OLE for a program that floods stdout", async () => {
    expect((await grade(py("while True:\n    print('x' * 1000)"))).verdict).toBe("OLE");
  });

  test("reports CE with the compiler's diagnostics and runs nothing", async () => {
    const judgement = await grade({ language: "cpp", code: "int main() { return undeclared; }" });
    expect(judgement).toMatchObject({ verdict: "CE", tests: [], passed: 0, score: 0 });
    expect(judgement.compile?.ok).toBe(false);
    expect(judgement.compile?.log).toContain("undeclared");
    expect(judgement.error).toContain("error");
  }, 30_000);

  test("reports SE, not WA, when a checker program reports FAIL", async () => {
    const failing = await createChecker({ type: "testlib", source: '#include <cstdio>\nint main() { std::fputs("FAIL bad answer file", stderr); return 3; }' }, { sandbox: local });
    const judgement = await grade(py("print(3)"), { checker: failing });
    expect(judgement.verdict).toBe("SE");
    expect(judgement.error).toContain("bad answer file");
  }, 30_000);

  describe("function mode", () => {
    const fnTask = (testCode: string): GradeTask => ({ mode: "function", tests: [], testCode, entryPoint: "add", limits: runLimits });
    const solution = py("def add(a, b):\n    return a + b");

    test("accepts when the tester runs every test to its end", async () => {
      const judgement = await grade(solution, { task: fnTask("assert add(1, 2) == 3") });
      expect(judgement).toMatchObject({ verdict: "AC", passed: 1, total: 1, score: 1 });
      expect(judgement.tests[0]!.kind).toBe("function");
    });

    test("reports WA with the failing test line when an assertion fails", async () => {
      const judgement = await grade(solution, { task: fnTask("assert add(1, 2) == 3\nassert add(1, 2) == 4, 'wrong sum'") });
      expect(judgement.verdict).toBe("WA");
      // Then the last call the candidate answered, with the value it returned.
      expect(judgement.tests[0]!.checkerMessage).toBe("assertion failed at test line 2: wrong sum\nlast call: add(1, 2) returned 3");
    });

    test("reports RE when the solution raises another exception", async () => {
      const judgement = await grade(py("def add(a, b):\n    return a / 0"), { task: fnTask("assert add(1, 2) == 3") });
      expect(judgement.verdict).toBe("RE");
      expect(judgement.tests[0]!.checkerMessage).toContain("the solution raised ZeroDivisionError: division by zero");
    });

    test("reports CE for a solution that does not compile, with Python's message", async () => {
      const judgement = await grade(py("def add(a, b)\n    return a + b"), { task: fnTask("assert add(1, 2) == 3") });
      expect(judgement).toMatchObject({ verdict: "CE", tests: [] });
      expect(judgement.compile?.log).toContain("SyntaxError");
    });

    test("what the solution prints goes to its stderr and does not disturb the tests", async () => {
      const judgement = await grade(py("print('loading')\ndef add(a, b):\n    print('adding')\n    return a + b"), { task: fnTask("assert add(1, 2) == 3") });
      expect(judgement.verdict).toBe("AC");
      expect(judgement.tests[0]!.stderr).toBe("loading\nadding\n");
    });
  });
});
