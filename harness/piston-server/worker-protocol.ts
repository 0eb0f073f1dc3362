/** Messages between the Piston server's HTTP thread (a Worker) and the main thread, which owns the sandbox. */
import type { PistonExecuteResponse } from "../../judges/piston-wire.ts";
import type { AdmissionOptions } from "./admission.ts";
import type { ServedRuntime } from "./runtimes.ts";
import type { ExecuteJob, PistonServerLimits } from "./validate.ts";

export interface WorkerInit {
  type: "init";
  runtimes: ServedRuntime[];
  limits: PistonServerLimits;
  admission: AdmissionOptions;
  token: string | null;
  port: number;
  hostname: string;
}

export type ToWorker =
  | WorkerInit
  | { type: "done"; id: number; ok: true; value: PistonExecuteResponse }
  | { type: "done"; id: number; ok: false; error: string }
  | { type: "stop" };

export type FromWorker =
  | { type: "ready"; port: number }
  | { type: "failed"; error: string }
  | { type: "execute"; id: number; job: ExecuteJob }
  | { type: "stopped" };
