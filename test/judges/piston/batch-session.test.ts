/**
 * Piston's sessions (judges/piston/batch-session.ts) over the real local sandbox: a batcher that
 * answers at most two tests per batch, and stops after a run that did not exit 0, is asked for the
 * remaining tests in order, its outcomes are handed out in order, and the grader stops at the first
 * failure with the same verdict as test by test. Inputs out of step with the announced ones, and
 * tests the batcher declines, run alone.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { openBatchSession, type BatchSessionDeps } from "../../../judges/piston/batch-session.ts";
import type { GradeTask, PreparedProgram, RunInput, RunLimits, RunOutcome, Sandbox, SourceFile } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "../hacks/catalogue.ts";

setDefaultTimeout(120_000);

const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
afterAll(async () => {
  await local.close?.();
});

/** Session deps over the local sandbox: batches of at most two tests, recording how many each was offered, and runs alone. */
function localDeps(program: PreparedProgram, limits: RunLimits, offered: number[], alone: string[] = []): BatchSessionDeps {
  return {
    runAlone: (input) => {
      alone.push(input.stdin ?? "");
      return local.run(program, input, limits);
    },
    async runBatch(inputs) {
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

/** The local sandbox whose sessions are Piston's batching sessions. */
function batchingSandbox(offered: number[]): Sandbox {
  return {
    name: "local-batched",
    prepare: (s, l) => local.prepare(s, l),
    run: (p, i, l) => local.run(p, i, l),
    versions: () => local.versions(),
    selfTest: () => local.selfTest(),
    openSession: async (program, limits, upcoming) => openBatchSession(localDeps(program, limits, offered), upcoming),
  };
}

const TASK: GradeTask = {
  mode: "stdio",
  tests: [1, 2, 3, 4, 5].map((n) => ({ input: `${n}\n`, output: `${n * 2}\n` })),
  limits: { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 },
};
const python = (code: string): SourceFile => ({ language: "python", code });
const DOUBLE = python("print(int(input()) * 2)\n");

async function grade(sandbox: Sandbox, source: SourceFile) {
  return gradeSubmission({ sandbox, task: TASK, source, checker: await createChecker({ type: "tokens" }, { sandbox }), compileLimits: HACK_COMPILE_LIMITS });
}

async function prepare(source: SourceFile): Promise<PreparedProgram> {
  const prepared = await local.prepare(source, HACK_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(`did not prepare: ${prepared.log}`);
  return prepared.program;
}

describe("the grader with Piston's batching sessions", () => {
  test("asks for the remaining tests in order until all are answered, and judges AC as test by test", async () => {
    const offered: number[] = [];
    const j = await grade(batchingSandbox(offered), DOUBLE);
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

  test("tests that share lanes are run one by one, never batched", async () => {
    const offered: number[] = [];
    const sandbox = batchingSandbox(offered);
    const j = await gradeSubmission({ sandbox, task: TASK, source: DOUBLE, checker: await createChecker({ type: "tokens" }, { sandbox }), compileLimits: HACK_COMPILE_LIMITS, testConcurrency: 2 });
    expect([j.verdict, j.passed]).toEqual(["AC", 5]);
    expect(offered).toEqual([]);
  });
});

describe("a batching session", () => {
  const inputs: RunInput[] = ["1\n", "2\n", "3\n"].map((stdin) => ({ stdin }));

  test("runs an input out of step with the announced ones alone, and every later one too", async () => {
    const offered: number[] = [];
    const alone: string[] = [];
    const session = openBatchSession(localDeps(await prepare(DOUBLE), TASK.limits, offered, alone), inputs);
    const outcomes = [await session.run({ stdin: "7\n" }), await session.run(inputs[1]!), await session.run(inputs[2]!)];
    await session.close();
    expect(outcomes.map((o) => o.stdout)).toEqual(["14\n", "4\n", "6\n"]);
    expect([offered, alone]).toEqual([[], ["7\n", "2\n", "3\n"]]);
  });

  test("runs each test alone where the batcher declines it, and without announced inputs", async () => {
    const program = await prepare(DOUBLE);
    const alone: string[] = [];
    const declining: BatchSessionDeps = { ...localDeps(program, TASK.limits, [], alone), runBatch: async () => null };
    const session = openBatchSession(declining, inputs);
    for (const input of inputs) await session.run(input);
    const unannounced = openBatchSession(localDeps(program, TASK.limits, [], alone));
    expect((await unannounced.run({ stdin: "5\n" })).stdout).toBe("10\n");
    expect(alone).toEqual(["1\n", "2\n", "3\n", "5\n"]);
  });

  test("an input that differs from the announced one only in its files, args or files read back runs alone", async () => {
    const announced: RunInput = { stdin: "1\n", args: ["a"], files: { "in.txt": "1\n" }, collect: ["out.txt"] };
    const variants: RunInput[] = [
      { ...announced, files: { "in.txt": "2\n" } },
      { ...announced, files: { "other.txt": "1\n" } },
      { ...announced, args: ["b"] },
      { ...announced, collect: [] },
    ];
    for (const variant of variants) {
      const ran: string[] = [];
      const exited: RunOutcome = { termination: "exited", exitCode: 0, signal: null, timeMs: 1, wallMs: 1, memoryKb: 1, stdout: "", stderr: "" };
      const deps: BatchSessionDeps = {
        runAlone: async () => (ran.push("alone"), exited),
        runBatch: async (batch) => (ran.push(`batch of ${batch.length}`), batch.map(() => exited)),
      };
      await openBatchSession(deps, [announced, announced]).run(variant);
      await openBatchSession(deps, [announced, announced]).run({ ...announced, files: { ...announced.files } });
      expect(ran).toEqual(["alone", "batch of 2"]);
    }
  });

  test("a batcher that answers no outcome is a harness bug, thrown", async () => {
    const session = openBatchSession({ runAlone: () => Promise.reject(new Error("not expected")), runBatch: async () => [] }, inputs);
    await expect(session.run(inputs[0]!)).rejects.toThrow("the piston batcher answered no outcome");
  });
});
