/**
 * What the Piston server's HTTP thread (a Worker, harness/http-worker/) is started with; it forwards
 * admitted jobs to the main thread, which owns the sandbox.
 */
import type { AdmissionOptions } from "./admission.ts";
import type { ServedRuntime } from "./runtimes.ts";
import type { PistonServerLimits } from "./validate.ts";

export interface WorkerInit {
  runtimes: ServedRuntime[];
  limits: PistonServerLimits;
  admission: AdmissionOptions;
  token: string | null;
}
