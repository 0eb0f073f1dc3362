/**
 * The grader's side of {@link Sandbox.runBatch}: a test runner that, asked for test i, runs tests
 * i, i+1, … in one batch and answers the later ones from what that batch returned. The grader walks
 * the tests in order and stops at the first failure, so a batch's outcomes past a failure are never
 * asked for; the backend stops a batch after a run that did not exit 0, so the only tests run past
 * the first failure are those after a wrong answer in the same batch (their outcomes are dropped).
 */
import type { PreparedProgram, RunInput, RunLimits, RunOutcome, Sandbox, TestCase } from "./types.ts";

export interface BatchTestRunner {
  run(input: RunInput): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** Whether a task's stdio tests may be batched: plain stdin in, stdout out, one test at a time. */
export function canBatch(sandbox: Sandbox, task: { inputFile?: string; outputFile?: string }, lanes: number): boolean {
  return sandbox.runBatch !== undefined && !task.inputFile && !task.outputFile && lanes === 1;
}

/** A runner over `tests`, which must be asked for in order (one lane), each with its own stdin. */
export function createBatchTestRunner(sandbox: Sandbox, program: PreparedProgram, tests: readonly TestCase[], limits: RunLimits): BatchTestRunner {
  const runBatch = sandbox.runBatch?.bind(sandbox);
  if (!runBatch) throw new Error(`the ${sandbox.name} sandbox has no runBatch`);
  let next = 0;
  let ready: RunOutcome[] = [];
  return {
    async run(input) {
      const index = next++;
      // Only the tests' own stdin is batched; anything else (a caller out of step) runs alone.
      if (tests[index]?.input !== input.stdin || input.files || input.collect || input.args) {
        ready = [];
        return sandbox.run(program, input, limits);
      }
      if (ready.length === 0) {
        ready = await runBatch(program, tests.slice(index).map((t) => ({ stdin: t.input })), limits);
        if (ready.length === 0) throw new Error(`the ${sandbox.name} sandbox's runBatch answered no outcome`);
      }
      return ready.shift()!;
    },
    close: async () => {
      ready = [];
    },
  };
}
