/**
 * What the host and a Pyodide worker (worker.ts, inside the OS sandbox) say to each other. The host
 * writes one JSON line (a {@link PyJob}) to the worker's stdin, then the guest's raw stdin, then
 * closes it; the guest's stdout comes back raw on the worker's stdout (so a pair can relay it), its
 * stderr on the worker's stderr, and the worker's own report as `/out/result.json`.
 */

/** One guest run (or a syntax check) in a fresh interpreter. */
export interface PyJob {
  kind: "run" | "check";
  code: string;
  /** Files in the guest's working folder `/workspace` (extra source files and run-time inputs). */
  files: Record<string, string>;
  args: string[];
  collect: string[];
  cpuMs: number;
  wallMs: number;
  memoryMb: number;
  outputBytes: number;
  fileBytes: number;
  /** stderr past this ends the run as "output" (a pair side, as the local judge's pairs); else it is only cut. */
  stderrKillBytes?: number;
}

/** How a run ended, as the worker saw it (the host maps it to a RunOutcome). */
export type PyTermination = "exited" | "nonzero" | "signaled" | "cpu_time" | "wall_time" | "memory" | "output";

export interface PyResult {
  termination: PyTermination;
  exitCode: number | null;
  signal: string | null;
  /** CPU of the whole worker from the moment the guest was handed its job, ms. */
  cpuMs: number;
  wallMs: number;
  /** Growth of the worker's resident memory over the run, KiB. */
  memoryKb: number;
  files: Record<string, string>;
  /** kind "check": the SyntaxError, formatted as CPython prints it (empty when the code compiles). */
  checkLog?: string;
}

/** Messages from the guest thread (guest.ts) to the supervising main thread (worker.ts). */
export type GuestMessage =
  | { kind: "ready" }
  | { kind: "done"; exitCode: number; files: Record<string, string>; fileTooLarge: boolean; checkLog?: string }
  | { kind: "output" }
  | { kind: "fatal"; message: string }
  | { kind: "snapshot"; bytes: Uint8Array };

/** Messages from the main thread to the guest thread. */
export type HostMessage = { kind: "job"; job: PyJob; stdinHead: Uint8Array } | { kind: "snapshot" };

/** The files of the runtime as the sandbox sees them (mounted read-only). */
export const RT = {
  pyodide: "/rt/pyodide",
  worker: "/rt/worker",
  snapshot: "/rt/snapshot/pyodide.snap",
} as const;
export const RESULT_FILE = "result.json";
export const SNAPSHOT_FILE = "pyodide.snap";
