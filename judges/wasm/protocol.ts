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
  /**
   * Not given to the SDK: with `timeoutMs` set, @wasmer/sdk 0.16 stops delivering piped stdin and
   * stdout while the guest runs (a pair deadlocks), so the pool's timer is the only wall limit.
   */
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
  /** Its files together passed its memory limit (they live in memory, like the local judge's tmpfs). */
  filesOverMemory: boolean;
  /** Peak linear memory, pages of 64 KiB (what the module starts with when the guest was stopped). */
  peakPages: number;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
  /** CPU the worker process used while the guest ran, microseconds. */
  cpuUs: number;
  /** The guest may still be running (stopped for its output): the pool must kill this worker. */
  killWorker: boolean;
}

/** One side of a pair: the guest's own module, files and caps (no stdin: the other side feeds it). */
export type PairSideRequest = Omit<GuestRequest, "type" | "id" | "stdin" | "wallMs">;

/** Two guests in one worker, each in its own Wasmer sandbox, the stdout of each piped into the other's stdin. */
export interface PairRequest {
  type: "pair";
  id: number;
  program: PairSideRequest;
  peer: PairSideRequest;
  wallMs: number;
}

/** How one side of a pair ended; `stdout` is what it wrote to the other side. */
export type PairSideDone = Omit<GuestDone, "type" | "id" | "cpuUs" | "killWorker">;

export interface PairDone {
  type: "pair-done";
  id: number;
  program: PairSideDone;
  peer: PairSideDone;
  /** CPU of both guests together (one worker runs both), microseconds. */
  cpuUs: number;
  killWorker: boolean;
}

export interface WorkerReady {
  type: "ready";
}

export interface WorkerFailed {
  type: "failed";
  id: number | null;
  message: string;
}

export type WorkerMessage = GuestStarted | GuestDone | PairDone | WorkerReady | WorkerFailed;
