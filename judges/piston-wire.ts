/**
 * Piston's HTTP API v2, as its documentation and server define it (engineer-man/piston,
 * docs/api-v2.md and api/src): the one description of the wire shapes, shared by the Piston
 * judge backend (judges/piston/) and the Piston-compatible server (harness/piston-server/), so the
 * two cannot drift apart. Times are milliseconds, memory is bytes, −1 means "no limit".
 */

/** One entry of `GET /api/v2/runtimes`. `runtime` is present only where a language has several. */
export interface PistonRuntime {
  language: string;
  version: string;
  aliases: string[];
  runtime?: string;
}

/** One file of an execute request; the first utf8 file is the program, the others sit beside it. */
export interface PistonFile {
  name?: string;
  content: string;
  encoding?: "utf8" | "base64" | "hex";
}

/** Body of `POST /api/v2/execute`. */
export interface PistonExecuteRequest {
  language: string;
  version: string;
  files: PistonFile[];
  stdin?: string;
  args?: string[];
  compile_timeout?: number;
  run_timeout?: number;
  compile_cpu_time?: number;
  run_cpu_time?: number;
  compile_memory_limit?: number;
  run_memory_limit?: number;
  /**
   * Extension of our server ({@link COLLECT_EXTENSION}), ignored by stock Piston: plain file names
   * read back from the job folder after the run, into the run stage's `files`.
   */
  collect?: string[];
}

/**
 * Why a stage was stopped, in isolate's words as Piston passes them on: RE non-zero exit, SG killed
 * by a signal, TO a time limit (the message says whether wall clock), OL/EL stdout/stderr past the
 * server's output cap, XX an internal error of the sandbox. null: the stage ended on its own.
 */
export type PistonStatus = "RE" | "SG" | "TO" | "OL" | "EL" | "XX";
export const PISTON_STATUSES: readonly PistonStatus[] = ["RE", "SG", "TO", "OL", "EL", "XX"];

/** Result of one stage (compile or run). */
export interface PistonStage {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  output: string;
  /** Exit code, or null when a signal ended the stage. */
  code: number | null;
  signal: string | null;
  message: string | null;
  status: PistonStatus | null;
  /** Peak memory, bytes (null when unmeasured). */
  memory: number | null;
  cpu_time: number | null;
  wall_time: number | null;
  /** Our server's extension: the run stage's files named in the request's `collect` that the run left (utf8). */
  files?: Record<string, string>;
}

/**
 * Response of `POST /api/v2/execute`. Stock Piston copies `compile` into `run` when a compile
 * fails (for old clients), so a failed compile is told by `compile.code !== 0`, never by `run`.
 */
export interface PistonExecuteResponse {
  language: string;
  version: string;
  compile?: PistonStage;
  run: PistonStage;
}

/**
 * Extension of our server (`serve --piston`), absent from stock Piston: `POST /api/v2/execute-pair`
 * runs two execute bodies at once, each in a sandbox of its own, the stdout of each piped into the
 * stdin of the other (the `Sandbox.runPair` contract), for function-mode and interactive judging.
 * `program` is the untrusted side, `peer` the trusted one; their `stdin` is ignored.
 */
export interface PistonPairRequest {
  program: PistonExecuteRequest;
  peer: PistonExecuteRequest;
}

/** Both sides' results, each in `/execute`'s shape (`run` absent when either side failed to compile). */
export interface PistonPairResponse {
  program: PistonExecuteResponse;
  peer: PistonExecuteResponse;
}

/** Response header (on every /api answer) listing our server's extensions, comma-separated. */
export const EXTENSIONS_HEADER = "x-piston-extensions";
export const PAIR_EXTENSION = "execute-pair";
/** Our server reads back the files an execute (or either side of a pair) names in `collect`. */
export const COLLECT_EXTENSION = "collect";
/**
 * Our server compiles C++ once per content (a compile cache), so an execute per test costs a cache
 * hit, not a compile; the Piston backend then does not batch tests (which would compile again).
 */
export const CACHED_COMPILE_EXTENSION = "cached-compile";

/** Errors (400 bad field, 413 body too large, 429 busy, 401 no token) carry `{message}`. */
export interface PistonErrorBody {
  message: string;
}

/**
 * Response header by which our Piston-compatible server states its output cap (bytes per stream), so
 * a client can tell its own output limit from the server's. Stock Piston sends none; its cap is
 * `PISTON_OUTPUT_MAX_SIZE`, 1024 by default.
 */
export const OUTPUT_CAP_HEADER = "x-piston-output-max-size";
/** Stock Piston's default cap of each output stream, characters. */
export const STOCK_OUTPUT_CAP = 1024;
/** Stock Piston's request body limit (express body-parser's default JSON limit, 100 kB). */
export const STOCK_BODY_LIMIT = 100 * 1024;

/** Isolate's messages for the two time limits; clients read the wall-clock one to tell them apart. */
export const TIME_LIMIT_MESSAGE = "Time limit exceeded";
export const WALL_LIMIT_MESSAGE = "Time limit exceeded (wall clock)";
/** Our server's message for a memory-limit kill (stock Piston reports SG SIGKILL with no message). */
export const MEMORY_LIMIT_MESSAGE = "Memory limit exceeded";
