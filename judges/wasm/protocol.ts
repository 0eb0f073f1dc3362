/** Messages between the pool (pool.ts) and a guest worker process (worker.ts), over Bun's IPC channel. */

export interface GuestRequest {
  type: "run";
  id: number;
  /** Host path of the linked module (in the compile cache). */
  wasmPath: string;
  /** Linear-memory ceiling, pages of 64 KiB. */
  maxPages: number;
  stdin: string;
  args: string[];
  /** Written under /workspace, the guest's working folder and only folder it starts with. */
  files: Record<string, string>;
  collect: string[];
  outputBytes: number;
  fileBytes: number;
  /** A backstop only: the pool kills the whole worker at the wall limit. */
  wallMs: number;
}

/** Sent once the guest is instantiated, so start-up is not charged to its CPU limit. */
export interface GuestStarted {
  type: "started";
  id: number;
}

export interface GuestDone {
  type: "done";
  id: number;
  exitCode: number | null;
  /** A WebAssembly trap, as the engine worded it; null when the guest exited. */
  trap: string | null;
  /** The guest could not be instantiated because its static memory exceeds the ceiling. */
  noMemory: boolean;
  /** stdout or a file passed its cap; the guest was stopped there. */
  outputExceeded: boolean;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
  /** CPU the worker process used while the guest ran, microseconds. */
  cpuUs: number;
}

export interface WorkerReady {
  type: "ready";
}

export interface WorkerFailed {
  type: "failed";
  id: number | null;
  message: string;
}

export type WorkerMessage = GuestStarted | GuestDone | WorkerReady | WorkerFailed;
