/**
 * Validation of `POST /api/v2/execute` bodies, with Piston's rules and messages (a 400 `{message}`
 * names the field), plus this server's maxima. Limits a request leaves out take Piston's stock
 * defaults (run 3 s wall and CPU, compile 10 s), capped by the maxima. One difference from stock
 * Piston: a memory limit of −1 ("none", the documented example) means this server's maximum, since
 * this server always has one, where stock Piston with a configured maximum rejects it.
 */
import type { PistonFile } from "../../judges/piston-wire.ts";
import { findRuntime, type ServedRuntime } from "./runtimes.ts";

/** Maxima a request may ask for, and what every run gets. */
export interface PistonServerLimits {
  /** Largest request body, bytes (stock Piston: 100 kB). */
  maxBodyBytes: number;
  /** Bytes kept per output stream; more is OL/EL (stock Piston: 1024). */
  outputCapBytes: number;
  maxCompileTimeoutMs: number;
  maxRunTimeoutMs: number;
  maxCompileCpuMs: number;
  maxRunCpuMs: number;
  maxCompileMemoryBytes: number;
  maxRunMemoryBytes: number;
  /** Processes per run and largest file a run may write (Piston's max_process_count, max_file_size). */
  processes: number;
  fileBytes: number;
}

export const DEFAULT_SERVER_LIMITS: PistonServerLimits = {
  maxBodyBytes: 64 << 20,
  outputCapBytes: 16 << 20,
  // Maxima, not defaults: judges ask for generous compile limits on busy machines, and each job
  // holds one admission slot, so a long limit costs that slot only.
  maxCompileTimeoutMs: 300_000,
  maxRunTimeoutMs: 300_000,
  maxCompileCpuMs: 120_000,
  maxRunCpuMs: 120_000,
  maxCompileMemoryBytes: 2048 * 1024 * 1024,
  maxRunMemoryBytes: 4096 * 1024 * 1024,
  processes: 64,
  fileBytes: 64 << 20,
};

/** Stock Piston's defaults for limits a request leaves out. */
const STOCK_DEFAULTS = { compileTimeout: 10_000, runTimeout: 3000, compileCpu: 10_000, runCpu: 3000 };

export interface ExecuteJob {
  runtime: ServedRuntime;
  /** Files with names and decoded content; `code` marks utf8 files (Piston's code files). */
  files: { name: string; content: string; code: boolean }[];
  stdin: string;
  args: string[];
  /** Our `collect` extension: plain file names read back after the run (empty: none). */
  collect: string[];
  compile: { timeoutMs: number; cpuMs: number; memoryBytes: number };
  run: { timeoutMs: number; cpuMs: number; memoryBytes: number };
}

export class ExecuteRequestError extends Error {}

const fail = (message: string): never => {
  throw new ExecuteRequestError(message);
};

/** Checks a parsed JSON body; throws {@link ExecuteRequestError} with Piston's message on bad input. */
export function parseExecuteRequest(body: unknown, runtimes: readonly ServedRuntime[], limits: PistonServerLimits): ExecuteJob {
  if (typeof body !== "object" || body === null || Array.isArray(body)) fail("request body must be a JSON object");
  const b = body as Record<string, unknown>;
  if (!b.language || typeof b.language !== "string") fail("language is required as a string");
  if (!b.version || typeof b.version !== "string") fail("version is required as a string");
  if (!Array.isArray(b.files)) fail("files is required as an array");
  const language = b.language as string;
  const version = b.version as string;
  const files = parseFiles(b.files as unknown[]);
  const runtime = findRuntime(runtimes, language, version) ?? fail(`${language}-${version} runtime is unknown`);
  if (!files.some((f) => f.code)) fail("files must include at least one utf8 encoded file");
  if (b.stdin !== undefined && b.stdin !== null && typeof b.stdin !== "string") fail("stdin must be a string");
  if (b.args !== undefined && b.args !== null && (!Array.isArray(b.args) || b.args.some((a) => typeof a !== "string"))) fail("args must be an array of strings");
  return {
    runtime,
    files,
    stdin: (b.stdin as string | undefined) ?? "",
    args: (b.args as string[] | undefined) ?? [],
    collect: parseCollect(b.collect),
    compile: {
      timeoutMs: limit(b, "compile_timeout", limits.maxCompileTimeoutMs, Math.min(STOCK_DEFAULTS.compileTimeout, limits.maxCompileTimeoutMs)),
      cpuMs: limit(b, "compile_cpu_time", limits.maxCompileCpuMs, Math.min(STOCK_DEFAULTS.compileCpu, limits.maxCompileCpuMs)),
      memoryBytes: limit(b, "compile_memory_limit", limits.maxCompileMemoryBytes, limits.maxCompileMemoryBytes),
    },
    run: {
      timeoutMs: limit(b, "run_timeout", limits.maxRunTimeoutMs, Math.min(STOCK_DEFAULTS.runTimeout, limits.maxRunTimeoutMs)),
      cpuMs: limit(b, "run_cpu_time", limits.maxRunCpuMs, Math.min(STOCK_DEFAULTS.runCpu, limits.maxRunCpuMs)),
      memoryBytes: limit(b, "run_memory_limit", limits.maxRunMemoryBytes, limits.maxRunMemoryBytes),
    },
  };
}

/** One numeric limit: absent/0 takes the default (as Piston), −1 the maximum, more than the maximum is refused. */
function limit(b: Record<string, unknown>, field: string, max: number, fallback: number): number {
  const value = b[field];
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(`If specified, ${field} must be a number`);
  if (value === -1) return max;
  if (value > max) return fail(`${field} cannot exceed the configured limit of ${max}`);
  if (value < 0) return fail(`${field} must be non-negative`);
  return value;
}

/** Plain names only, as the sandbox contract's `collect`: no folder, nothing that leaves the job folder. */
function parseCollect(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((n) => typeof n !== "string")) return fail("collect must be an array of file names");
  if (raw.length > MAX_COLLECT) return fail(`collect may name at most ${MAX_COLLECT} files`);
  for (const name of raw as string[]) {
    if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) fail(`collect: '${name}' must be a plain file name`);
  }
  return raw as string[];
}

const MAX_COLLECT = 16;

function parseFiles(raw: unknown[]): ExecuteJob["files"] {
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const file = (typeof item === "object" && item !== null ? item : {}) as Partial<PistonFile> & Record<string, unknown>;
    if (typeof file.content !== "string") fail(`files[${i}].content is required as a string`);
    if (file.name !== undefined && typeof file.name !== "string") fail(`files[${i}].name must be a string`);
    const name = file.name || `file${i}.code`;
    // Piston refuses names that leave the job folder; ours are kept to plain relative paths.
    if (name.startsWith("/") || name.split("/").some((p) => p === ".." || p === "." || p === "")) fail(`files[${i}].name '${name}' must be a relative path inside the job folder`);
    if (seen.has(name)) fail(`files[${i}].name '${name}' is given twice`);
    seen.add(name);
    const encoding = file.encoding === "base64" || file.encoding === "hex" ? file.encoding : "utf8";
    const content = encoding === "utf8" ? (file.content as string) : decode(file.content as string, encoding, i);
    return { name, content, code: encoding === "utf8" };
  });
}

function decode(text: string, encoding: "base64" | "hex", i: number): string {
  if (encoding === "hex" && !/^([0-9a-fA-F]{2})*$/.test(text)) fail(`files[${i}].content is not valid hex`);
  if (encoding === "base64" && !/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(text)) fail(`files[${i}].content is not valid base64`);
  return Buffer.from(text, encoding).toString("utf8");
}
