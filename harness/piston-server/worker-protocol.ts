/**
 * What the Piston server's HTTP thread (a Worker, harness/http-worker/) is started with; it forwards
 * admitted jobs to the main thread, which owns the sandbox.
 */
import type { PistonExecuteResponse, PistonPairResponse } from "../../judges/piston-wire.ts";
import type { AdmissionOptions } from "./admission.ts";
import type { PairJob } from "./pair.ts";
import type { ServedRuntime } from "./runtimes.ts";
import type { ExecuteJob, PistonServerLimits } from "./validate.ts";

export interface WorkerInit {
  runtimes: ServedRuntime[];
  limits: PistonServerLimits;
  admission: AdmissionOptions;
  token: string | null;
  /** Whether the sandbox can pair runs (the execute-pair extension). */
  pair: boolean;
}

/** A job the HTTP thread hands to the main thread, and its answer. */
export type WorkerJob = { execute: ExecuteJob } | { pair: PairJob };
export type WorkerAnswer = PistonExecuteResponse | PistonPairResponse;
