import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createChecker } from "../../judges/checkers/index.ts";
import { gradeSubmission } from "../../judges/grade.ts";
import { interactorLimits, readInteraction } from "../../judges/interactive.ts";
import { createLocalSandbox, type LocalSandbox } from "../../judges/local/index.ts";
import type { CheckerSpec, GradeTask, RunOutcome, Sandbox, SourceFile } from "../../judges/types.ts";
import { sharedTestCacheDir } from "../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "./hacks/catalogue.ts";
import { makeRulerTask, RULER_INTERACTOR, RULER_LIMITS, RULER_OFF_BY_ONE, RULER_SOLUTION } from "./hacks/ruler-task.ts";

// Each test is a pair of sandboxed runs per test case, on a busy 2-core machine.
setDefaultTimeout(120_000);

let sandbox: LocalSandbox;
beforeAll(() => {
  sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
});
afterAll(async () => {
  await sandbox.close?.();
});

const python = (code: string): SourceFile => ({ language: "python", code });

async function grade(task: GradeTask, source: SourceFile, checker: CheckerSpec = { type: "tokens" }) {
  return gradeSubmission({ sandbox, task, source, checker: await createChecker(checker, { sandbox }), compileLimits: HACK_COMPILE_LIMITS });
}

describe("interactive problems judged with an interactor", () => {
  test("a right program is AC on every test, and the interactor's summary is not taken for its output", async () => {
    const j = await grade(makeRulerTask(), python(RULER_SOLUTION));
    expect(j.error).toBeUndefined();
    expect(j.verdict).toBe("AC");
    expect(j.passed).toBe(2);
    expect(j.tests[0]?.stdout).toContain("? ");
  });

  test("a program that names the wrong x is WA with the interactor's words", async () => {
    const j = await grade(makeRulerTask(), python(RULER_OFF_BY_ONE));
    expect(j.verdict).toBe("WA");
    expect(j.tests[0]?.checkerMessage).toContain("case 1: expected 4, found 3");
  });

  test("a C++ program talks to the interactor as well", async () => {
    const code = `#include <cstdio>
int main() {
  int t; std::scanf("%d", &t);
  while (t--) {
    int lo = 2, hi = 999;
    while (lo < hi) {  // binary search, one query per step: at most 10
      int m = (lo + hi) / 2;
      std::printf("? 1 %d\\n", m); std::fflush(stdout);
      long long r; std::scanf("%lld", &r);
      if (r == m) lo = m + 1; else hi = m;
    }
    std::printf("! %d\\n", lo); std::fflush(stdout);
  }
}
`;
    const j = await grade(makeRulerTask(), { language: "cpp", code });
    expect(j.verdict).toBe("AC");
  });

  test("a program that stops answering is TLE, not WA and not a hang", async () => {
    const task = makeRulerTask({ ...RULER_LIMITS, wallMs: 1500 });
    const j = await grade(task, python("import sys, time\nsys.stdin.readline()\ntime.sleep(60)\n"));
    expect(j.verdict).toBe("TLE");
  });

  test("an interactor that reports FAIL makes the sample SE with its words (the data, not the program, is wrong)", async () => {
    const task = makeRulerTask();
    task.tests = [{ input: "not a number\n", output: "", kind: "private" }];
    const j = await grade(task, python(RULER_SOLUTION));
    expect(j.verdict).toBe("SE");
    expect(j.error).toContain("bad test input");
  });

  test("an interactor that does not compile is SE naming the interactor", async () => {
    const task = makeRulerTask();
    task.interactor = { source: { language: "cpp", code: "int main( {" }, checked: false };
    const j = await grade(task, python(RULER_SOLUTION));
    expect(j.verdict).toBe("SE");
    expect(j.error).toContain("interactor did not compile");
  });

  test("a backend without runPair refuses an interactive task with that reason instead of judging it as stdio", async () => {
    const single: Sandbox = {
      name: "single",
      prepare: (source, limits) => sandbox.prepare(source, limits),
      run: (program, input, limits) => sandbox.run(program, input, limits),
      versions: () => sandbox.versions(),
      selfTest: () => sandbox.selfTest(),
    };
    const checker = await createChecker({ type: "tokens" }, { sandbox });
    const graded = gradeSubmission({ sandbox: single, task: makeRulerTask(), source: python(RULER_SOLUTION), checker });
    await expect(graded).rejects.toThrow("the single sandbox cannot judge interactive problems (it has no runPair)");
  });

  test("with a checker, the checker judges what the interactor wrote to its output file", async () => {
    const task = makeRulerTask();
    task.interactor = { source: { language: "cpp", code: RULER_INTERACTOR }, checked: true };
    // The interactor writes "<t> cases solved"; this cms checker wants it to name every case of the input.
    const checker: CheckerSpec = {
      type: "cms",
      language: "python",
      source: "import sys\nt = open(sys.argv[1]).read().split()[0]\nout = open(sys.argv[3]).read().split()\nprint(1 if out[:1] == [t] else 0)\n",
    };
    expect((await grade(task, python(RULER_SOLUTION), checker)).verdict).toBe("AC");
    const strict: CheckerSpec = { ...checker, source: "print(0)\n" };
    expect((await grade(task, python(RULER_SOLUTION), strict)).verdict).toBe("WA");
  });
});

describe("readInteraction", () => {
  const outcome = (extra: Partial<RunOutcome>): RunOutcome => ({
    termination: "exited",
    exitCode: 0,
    signal: null,
    timeMs: 1,
    wallMs: 1,
    memoryKb: 0,
    stdout: "",
    stderr: "",
    ...extra,
  });

  test("the interactor's WA wins over the program's broken pipe", () => {
    const pair = { program: outcome({ termination: "signaled", exitCode: null, signal: "SIGPIPE" }), peer: outcome({ termination: "nonzero", exitCode: 1, stderr: "wrong" }) };
    expect(readInteraction(pair, false)).toMatchObject({ kind: "verdict", verdict: "WA" });
  });

  test("the program's RE counts when the interactor accepted", () => {
    const pair = { program: outcome({ termination: "nonzero", exitCode: 1 }), peer: outcome({}) };
    expect(readInteraction(pair, false)).toMatchObject({ kind: "verdict", verdict: "RE" });
  });

  test("an interactor killed without a decision is WA, never AC or SE", () => {
    const pair = { program: outcome({}), peer: outcome({ termination: "signaled", exitCode: null, signal: "SIGSEGV" }) };
    expect(readInteraction(pair, false)).toMatchObject({ kind: "verdict", verdict: "WA" });
  });

  test("the interactor's OK hands its output file to the checker when the task is checked", () => {
    const pair = { program: outcome({}), peer: outcome({ files: { "output.txt": "42\n" } }) };
    expect(readInteraction(pair, true)).toEqual({ kind: "check", output: "42\n" });
  });

  test("a checked dialogue on a backend that does not read files back is SE, not a checker's WA on nothing", () => {
    const pair = { program: outcome({}), peer: outcome({}) };
    expect(readInteraction(pair, true)).toMatchObject({ kind: "verdict", verdict: "SE", error: expect.stringContaining("does not read files back") });
  });

  test("testlib points (exit 7) are partial credit, and full points are AC", () => {
    const half = { program: outcome({}), peer: outcome({ termination: "nonzero", exitCode: 7, stderr: "points 50 half the cases" }) };
    expect(readInteraction(half, false)).toMatchObject({ kind: "verdict", verdict: "WA", check: { score: 0.5 } });
    const full = { program: outcome({}), peer: outcome({ termination: "nonzero", exitCode: 7, stderr: "points 100" }) };
    expect(readInteraction(full, false)).toMatchObject({ kind: "verdict", verdict: "AC", check: { score: 1 } });
  });

  test("the program's own limit wins over what the interactor then says about the cut dialogue", () => {
    const pair = { program: outcome({ termination: "wall_time", exitCode: null, signal: "SIGKILL" }), peer: outcome({ termination: "nonzero", exitCode: 1 }) };
    expect(readInteraction(pair, false)).toMatchObject({ kind: "verdict", verdict: "TLE" });
  });

  test("the interactor outlives the program: its wall-clock limit is longer", () => {
    expect(interactorLimits(RULER_LIMITS).wallMs).toBeGreaterThan(RULER_LIMITS.wallMs);
  });
});
