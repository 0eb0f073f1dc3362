/**
 * Function mode (HumanEval, MBPP, MultiPL-E, call-based APPS/LiveCodeBench): the candidate and the
 * tests never share a process. A kit per language turns a task and a candidate into two programs
 * for {@link Sandbox.runPair}: the `program` side runs the candidate (untrusted), the `peer` side
 * runs the trusted tester, which calls the candidate across the pipe and receives plain data back.
 * The verdict comes from the tester's own report, never from the candidate's exit code.
 */
import type { GradeTask, PairOutcome, Sandbox, SourceFile, Verdict } from "../types.ts";

/** The two programs of one function-mode judgement, and the files placed beside each at run time. */
export interface FunctionRunPlan {
  /** The candidate's side: the candidate and a driver that answers call requests. Never holds the tests. */
  program: SourceFile;
  /** The trusted tester: runs the prelude and the test code, calling the candidate through the pipe. */
  peer: SourceFile;
  programFiles?: Record<string, string>;
  peerFiles?: Record<string, string>;
  /** The tester bounds what it reads from the candidate: the sides may be joined by plain pipes ({@link PairSide.directPipe}). */
  directPipe?: boolean;
}

export interface FunctionKit {
  /** Builds the two programs from the task (trusted: testCode, prelude, entryPoint) and the candidate's source. */
  plan(task: GradeTask, source: SourceFile): FunctionRunPlan;
  /** The verdict from both outcomes: AC only when the peer reported success; never SE for anything the program did. */
  interpret(outcome: PairOutcome): { verdict: Verdict; message?: string };
}

/** A sandbox that can judge function mode. */
export type PairSandbox = Sandbox & Required<Pick<Sandbox, "runPair">>;
