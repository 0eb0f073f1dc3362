/**
 * Messages between the reward server's HTTP thread (a Worker) and the main thread, which owns the
 * judge. The HTTP side sends dataset problems by id only: their tests stay on the main thread.
 */
import type { Problem } from "../../datasets/types.ts";
import type { JudgedSample, SampleInput } from "../types.ts";
import type { RewardAppOptions } from "./app.ts";

export type AppDataOptions = Omit<RewardAppOptions, "judge" | "problems">;

export interface WorkerInit {
  type: "init";
  /** Dataset problems with test data stripped: the HTTP side needs ids, kinds and metadata only. */
  problems: Problem[];
  /** Every plain-data option of the app (everything but the judge and the problems). */
  options: AppDataOptions;
  port: number;
  hostname: string;
}

export type ToWorker =
  | WorkerInit
  | { type: "judged"; id: number; ok: true; value: JudgedSample }
  | { type: "judged"; id: number; ok: false; error: { name: string; message: string } }
  | { type: "stop" };

export type FromWorker =
  | { type: "ready"; port: number; hostname: string }
  | { type: "failed"; error: string }
  | { type: "stopped" }
  | {
      type: "judge";
      id: number;
      /** A dataset problem by id, or an inline problem in full. */
      ref: { id: string } | { problem: Problem };
      sample: SampleInput;
      opts: { allTests?: boolean; testKinds?: ("public" | "private" | "generated")[] };
    }
  | { type: "abort"; id: number };

/** A dataset problem without its test data (inputs and outputs can run to megabytes). */
export function stripProblem(p: Problem): Problem {
  const { solutions: _solutions, ...rest } = p;
  return { ...rest, statement: "", tests: p.tests.map((t) => ({ input: "", output: "", ...(t.kind ? { kind: t.kind } : {}) })) };
}
