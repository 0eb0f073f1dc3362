/**
 * Piston's sessions ({@link Sandbox.openSession}): asked for the next test, a session runs it and
 * the upcoming ones in one batched execute (batch-execute.ts) and answers the later `run` calls from
 * what that execute returned. The grader walks the tests in order and stops at the first failure, so
 * outcomes past a failure are never asked for; a batch stops after a run that did not exit 0, so the
 * only tests run past the first failure are those after a wrong answer in the same batch (their
 * outcomes are dropped at close). Without `upcoming`, or for an input out of step with it, or where
 * the batcher declines (Python, file IO, batching off), each test is one `run`.
 */
import type { RunInput, RunOutcome, RunSession, Sandbox } from "../types.ts";

export interface BatchSessionDeps {
  /** One execute for one input, as {@link Sandbox.run} with the session's program and limits. */
  runAlone(input: RunInput): Promise<RunOutcome>;
  /** The outcomes of a non-empty prefix of `inputs` in one execute, or null where they cannot be batched. */
  runBatch(inputs: readonly RunInput[]): Promise<RunOutcome[] | null>;
}

export function openBatchSession(deps: BatchSessionDeps, upcoming: readonly RunInput[] = []): RunSession {
  /** `announced[next]` is the input expected next; `ready` holds the outcomes already run from it on. */
  let announced = upcoming;
  let next = 0;
  let ready: RunOutcome[] = [];
  return {
    async run(input) {
      const expected = announced[next++];
      if (!expected || !sameInput(expected, input)) {
        // A caller out of step with what it announced: its inputs run alone from now on.
        announced = [];
        ready = [];
        return deps.runAlone(input);
      }
      if (ready.length === 0) {
        const batch = await deps.runBatch(announced.slice(next - 1));
        if (!batch) return deps.runAlone(input);
        if (batch.length === 0) throw new Error("the piston batcher answered no outcome");
        ready = batch;
      }
      return ready.shift()!;
    },
    close: async () => {
      announced = [];
      ready = [];
    },
  };
}

/** Whether two inputs are the same run (stdin, args, files, files read back); no copies of large inputs. */
function sameInput(a: RunInput, b: RunInput): boolean {
  if (a === b) return true;
  const sameList = (x: readonly string[] = [], y: readonly string[] = []) => x.length === y.length && x.every((v, i) => v === y[i]);
  const [fa, fb] = [a.files ?? {}, b.files ?? {}];
  const names = Object.keys(fa);
  const sameFiles = names.length === Object.keys(fb).length && names.every((name) => Object.hasOwn(fb, name) && fa[name] === fb[name]);
  return (a.stdin ?? "") === (b.stdin ?? "") && sameList(a.args, b.args) && sameList(a.collect, b.collect) && sameFiles;
}
