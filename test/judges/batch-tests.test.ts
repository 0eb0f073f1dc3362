/**
 * The grader's use of Sandbox.runBatch (judges/batch-tests.ts), over the real local sandbox: a
 * backend that answers at most two tests per batch, and stops after a run that did not exit 0,
 * is asked for the remaining tests in order, its outcomes are checked in order, and the grader
 * stops at the first failure with the same verdict as test by test.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { canBatch } from "../../judges/batch-tests.ts";
import { createChecker } from "../../judges/checkers/index.ts";
import { gradeSubmission } from "../../judges/grade.ts";
import { createLocalSandbox } from "../../judges/local/index.ts";
import type { GradeTask, RunOutcome, Sandbox, SourceFile } from "../../judges/types.ts";
import { sharedTestCacheDir } from "../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "./hacks/catalogue.ts";

setDefaultTimeout(120_000);

const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
afterAll(async () => {
  await local.close?.();
});

/** The local sandbox with a runBatch that runs at most two tests, recording how many it was offered. */
function batchingSandbox(offered: number[]): Sandbox {
  return {
    name: "local-batched",
    prepare: (s, l) => local.prepare(s, l),
    run: (p, i, l) => local.run(p, i, l),
    versions: () => local.versions(),
    selfTest: () => local.selfTest(),
    async runBatch(program, inputs, limits) {
      offered.push(inputs.length);
      const outcomes: RunOutcome[] = [];
      for (const input of inputs.slice(0, 2)) {
        const outcome = await local.run(program, input, limits);
        outcomes.push(outcome);
        if (outcome.termination !== "exited") break;
      }
      return outcomes;
    },
  };
}

const TASK: GradeTask = {
  mode: "stdio",
  tests: [1, 2, 3, 4, 5].map((n) => ({ input: `${n}\n`, output: `${n * 2}\n` })),
  limits: { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 },
};
const python = (code: string): SourceFile => ({ language: "python", code });

async function grade(sandbox: Sandbox, source: SourceFile) {
  return gradeSubmission({ sandbox, task: TASK, source, checker: await createChecker({ type: "tokens" }, { sandbox }), compileLimits: HACK_COMPILE_LIMITS });
}

describe("the grader with a batching sandbox", () => {
  test("asks for the remaining tests in order until all are answered, and judges AC as test by test", async () => {
    const offered: number[] = [];
    const j = await grade(batchingSandbox(offered), python("print(int(input()) * 2)\n"));
    expect([j.verdict, j.passed]).toEqual(["AC", 5]);
    expect(offered).toEqual([5, 3, 1]);
  });

  test("stops at the first failure: a crash on test 3 is RE with two passed, and nothing after it is asked for", async () => {
    const offered: number[] = [];
    const source = python("n = int(input())\nif n == 3:\n    raise SystemExit(3)\nprint(n * 2)\n");
    const j = await grade(batchingSandbox(offered), source);
    expect([j.verdict, j.passed, j.tests.length]).toEqual(["RE", 2, 3]);
    expect(offered).toEqual([5, 3]);
    expect((await grade(local, source)).verdict).toBe("RE");
  });

  test("a wrong answer inside a batch is WA at that test; the batch's later outcome is dropped", async () => {
    const offered: number[] = [];
    const j = await grade(batchingSandbox(offered), python("n = int(input())\nprint(0 if n == 1 else n * 2)\n"));
    expect([j.verdict, j.passed, j.tests.length]).toEqual(["WA", 0, 1]);
    expect(offered).toEqual([5]);
  });

  test("file-IO tasks and several test lanes are not batched", () => {
    const sandbox = batchingSandbox([]);
    expect(canBatch(sandbox, TASK, 1)).toBe(true);
    expect(canBatch(sandbox, { ...TASK, outputFile: "out.txt" }, 1)).toBe(false);
    expect(canBatch(sandbox, { ...TASK, inputFile: "in.txt" }, 1)).toBe(false);
    expect(canBatch(sandbox, TASK, 2)).toBe(false);
    expect(canBatch(local, TASK, 1)).toBe(false);
  });
});
