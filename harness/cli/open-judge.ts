/** Builds the sample judge every command uses: the named sandbox, checkers compiled in it, the grader. */
import { createChecker } from "../../judges/checkers/index.ts";
import { HarnessError } from "../../judges/errors.ts";
import type { Sandbox } from "../../judges/types.ts";
import { availableParallelism } from "node:os";
import { createSampleJudge } from "../eval/judge-sample.ts";
import { createPool } from "../eval/pool.ts";
import type { LimitOptions } from "../eval/limits.ts";
import type { SampleJudge } from "../types.ts";
import { openJudgeBackend } from "./backends.ts";

export interface OpenJudgeOptions {
  judge: string;
  /** `--judge-opt key=value`: settings of the chosen backend (see backends.ts). */
  judgeOpt?: string[];
  unsafeNoSandbox?: boolean;
  /** Folder holding the user's testlib.h; defaults to $HARNESS_TESTLIB_DIR. */
  testlib?: string;
  /** `--checker NAME|auto`: how problems still carrying `auto` are compared. */
  checker?: string;
  allTests?: boolean;
  limits?: LimitOptions;
}

export interface JudgeHandle {
  judge: SampleJudge;
  sandbox: Sandbox;
  name: string;
  /** Samples to judge at once when the command line does not say: twice the grader's run slots. */
  concurrency: number;
  close(): Promise<void>;
}

/** Opens the judge named on the command line. Close it when done (it may hold helper processes). */
export async function openJudge(o: OpenJudgeOptions): Promise<JudgeHandle> {
  // The backend's self-test runs here, once: a broken toolchain stops the command before any sample is judged.
  const sandbox = await openJudgeBackend(o.judge, { unsafeNoSandbox: o.unsafeNoSandbox, judgeOpt: o.judgeOpt });
  const testlibDir = o.testlib ?? process.env.HARNESS_TESTLIB_DIR;
  // One slot per core for every compile and test run, whatever number of samples is in flight:
  // oversubscribed cores make CPU times, and so TLE verdicts, depend on load. A remote backend (a
  // Piston fleet) states its own capacity: its runs take no core here.
  const slots = createPool(sandbox.capacity ?? availableParallelism());
  const judge = createSampleJudge({
    sandbox,
    makeChecker: (spec) => createChecker(spec, { sandbox, testlibDir }),
    checkerPolicy: o.checker,
    limits: o.limits,
    allTests: o.allTests,
    grading: { slots },
    testlibDir,
  });
  // Twice the slots: a sample waiting on its identical twin, or on a compile, must not idle a slot.
  return { judge, sandbox, name: sandbox.name, concurrency: 2 * slots.size, close: async () => void (await sandbox.close?.()) };
}

/**
 * The judge for a dataset whose every problem is mode "answer" (GSM8K): nothing is compiled or
 * run, so no backend is opened and neither bwrap nor g++ is needed. Its sandbox only names itself;
 * asking it to run a program is a harness bug.
 */
export function openAnswerOnlyJudge(o: Pick<OpenJudgeOptions, "limits">): JudgeHandle {
  const refuse = (): never => {
    throw new HarnessError("internal: the answer-only judge was asked to run a program", "internal");
  };
  const sandbox: Sandbox = { name: "none (answer mode)", prepare: refuse, run: refuse, versions: async () => ({}), selfTest: async () => {} };
  const judge = createSampleJudge({ sandbox, makeChecker: refuse, limits: o.limits });
  return { judge, sandbox, name: sandbox.name, concurrency: 2 * availableParallelism(), close: async () => {} };
}
