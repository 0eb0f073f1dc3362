/**
 * The contract for running a trusted tool (a compiler) on untrusted input inside an OS sandbox.
 * A backend that compiles elsewhere than it runs (judges/wasm: clang on the host, programs in
 * WebAssembly) receives one from the backend registry instead of importing another backend.
 */
import type { CompileLimits } from "./types.ts";

/** A host folder made visible, read-only, inside the tool's sandbox. */
export interface ToolMount {
  src: string;
  dest: string;
}

export interface ToolRunSpec {
  /** The tool and its arguments, with paths as seen inside the sandbox (the tool itself under /usr). */
  command: string[];
  /** Files written into the working folder `/box` before the run (sub-folders allowed). */
  files: Record<string, string>;
  /** Extra host folders, read-only (headers, runtime sources). */
  mounts?: ToolMount[];
  /** Plain file names read back from the writable output folder `/out` after the run. */
  collect: string[];
  limits: CompileLimits;
  /** Largest file the tool may write, bytes. */
  fileBytes: number;
}

export interface ToolRunResult {
  /** Exit code, or null when the tool was stopped (see `limit`) or killed by a signal. */
  exitCode: number | null;
  /** The limit the sandbox enforced, if any. */
  limit: "time" | "memory" | "output" | null;
  /** stderr then stdout, cut to `limits.logBytes` (with a note saying so). */
  log: string;
  /** The `collect` files that exist as regular files. */
  files: Record<string, Uint8Array>;
  wallMs: number;
  cpuMs: number;
}

/**
 * A long-lived tool fed through a pipe (the Pyodide worker of judges/wasm/python): its stdin is
 * written while it runs and its stdout handed over as it arrives. `limits.logBytes` caps the
 * stderr kept; stdout is not kept in the result.
 */
export interface ToolSpawnSpec extends ToolRunSpec {
  /** Bytes of stdout the tool may write in all; one more ends it with limit "output". */
  stdoutBytes: number;
  /** Tasks (processes and threads) the tool may have; default 16. */
  processes?: number;
  /** Each stdout chunk, as it arrives. */
  onStdout(chunk: Uint8Array): void;
}

/** A running {@link ToolSpawnSpec}. */
export interface ToolProcess {
  /** Writes to the tool's stdin (buffered until the tool has started). */
  write(data: string | Uint8Array): void;
  /** Closes the tool's stdin. */
  end(): void;
  /** Settles when the tool is gone and its sandbox removed; `log` is its stderr only. */
  readonly done: Promise<ToolRunResult>;
}

export interface ToolRunner {
  /** How the tools are contained, for provenance (e.g. "bwrap, uid 65534, cgroup-v2"). */
  describe(): Promise<string>;
  run(spec: ToolRunSpec): Promise<ToolRunResult>;
  /** Starts a piped tool; backends that cannot, leave it out. */
  spawn?(spec: ToolSpawnSpec): ToolProcess;
  close(): Promise<void>;
}
