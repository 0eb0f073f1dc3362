/**
 * What the reward server's HTTP thread (a Worker, harness/http-worker/) is started with and sends
 * the main thread, which owns the judge. The HTTP side sends dataset problems by id only: their
 * tests stay on the main thread.
 */
import type { Problem } from "../../datasets/types.ts";
import type { SampleInput } from "../types.ts";
import type { RewardAppOptions } from "./app.ts";

export type AppDataOptions = Omit<RewardAppOptions, "judge" | "problems">;

export interface WorkerInit {
  /** Dataset problems with test data stripped: the HTTP side needs ids, kinds and metadata only. */
  problems: Problem[];
  /** Every plain-data option of the app (everything but the judge and the problems). */
  options: AppDataOptions;
}

/** One sample to judge on the main thread. */
export interface JudgeRequest {
  /** A dataset problem by id, or an inline problem in full. */
  ref: { id: string } | { problem: Problem };
  sample: SampleInput;
  opts: { allTests?: boolean; testKinds?: ("public" | "private" | "generated")[] };
}

/** A dataset problem without its test data (inputs and outputs can run to megabytes). */
export function stripProblem(p: Problem): Problem {
  const { solutions: _solutions, ...rest } = p;
  return { ...rest, statement: "", tests: p.tests.map((t) => ({ input: "", output: "", ...(t.kind ? { kind: t.kind } : {}) })) };
}
