/**
 * prepare(): the content-addressed compile cache in front of compileCpp / checkPython.
 * Key = sha256(format, language, code, extraFiles, flags, compiler version). Successes and compile
 * errors are stored; time and memory failures depend on the limits and the machine, so they are not.
 * The programs kept are capped in total size, least recently used evicted first (cache-budget.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CompileLimits, PrepareResult, SourceFile } from "../types.ts";
import { SandboxError } from "../types.ts";
import { ensureEntry, entryDir, hashKey, readMeta } from "../cache-store.ts";
import { CACHE_FORMAT } from "./cache.ts";
import { CacheBudget, markUsed } from "./cache-budget.ts";
import { CPP_BINARY, CPP_FLAGS, CPP_LINK_FLAGS, type CompileOutcome, pythonFlagsFor } from "./compile.ts";
import type { LocalProgramHandle } from "./run.ts";
import { assertSafeFileName } from "./scratch.ts";

const KIND = "programs";
/** Default cap on the compiled programs kept (each is at most MAX_PROGRAM_BYTES). */
export const DEFAULT_CACHE_MAX_BYTES = 1 << 30;

type StoredMeta = { ok: true; log: string; timeMs: number } | { ok: false; log: string; timeMs: number; cause: "compile_error" };

export interface Preparer {
  /** The compiler's (or interpreter's) version line, part of the key. */
  compilerVersion(): string;
  /** Compiles or checks in the sandbox. */
  compile(source: SourceFile, limits: CompileLimits): Promise<CompileOutcome>;
}

/** The cache key of a source under the flags and compiler of its language. */
export function programKey(source: SourceFile, compilerVersion: string): string {
  const flags = source.language === "cpp" ? [...CPP_FLAGS, ...CPP_LINK_FLAGS] : pythonFlagsFor(source.noSite);
  return hashKey({ format: CACHE_FORMAT, language: source.language, code: source.code, extraFiles: source.extraFiles ?? {}, flags, compilerVersion });
}

/**
 * Keys of frozen sources (their code and files cannot change), by compiler version: the function-mode
 * kits prepare the same driver and tester for every sample, and hashing their ~20 KB of code took
 * about 0.4 ms of the harness's thread each time.
 */
const frozenKeys = new WeakMap<SourceFile, Map<string, string>>();

function keyOf(source: SourceFile, compilerVersion: string): string {
  const frozen = Object.isFrozen(source) && (source.extraFiles === undefined || Object.isFrozen(source.extraFiles));
  if (!frozen) return programKey(source, compilerVersion);
  let byVersion = frozenKeys.get(source);
  if (!byVersion) {
    byVersion = new Map();
    frozenKeys.set(source, byVersion);
  }
  let key = byVersion.get(compilerVersion);
  if (key === undefined) {
    key = programKey(source, compilerVersion);
    byVersion.set(compilerVersion, key);
  }
  return key;
}

/** Whether the cache holds a result for `source` (then prepare compiles nothing). */
export function isPrepared(cacheDir: string, source: SourceFile, compilerVersion: string): boolean {
  return readMeta<StoredMeta>(entryDir(cacheDir, KIND, programKey(source, compilerVersion))) !== null;
}

function assertSource(source: SourceFile): void {
  if (source.language !== "cpp" && source.language !== "python") {
    throw new SandboxError(`SourceFile.language: unsupported language ${JSON.stringify(source.language)} (known: cpp, python)`, "internal");
  }
  if (typeof source.code !== "string") throw new SandboxError("SourceFile.code must be a string", "internal");
  for (const name of Object.keys(source.extraFiles ?? {})) assertSafeFileName(name, "SourceFile.extraFiles");
}

function fromMeta(source: SourceFile, key: string, dir: string, meta: StoredMeta, elapsedMs: number, logBytes: number): PrepareResult {
  const log = meta.log.length > logBytes ? `${meta.log.slice(0, logBytes)}\n[compiler log truncated]` : meta.log;
  if (!meta.ok) return { ok: false, log, timeMs: elapsedMs, cause: meta.cause, cached: true };
  const handle: LocalProgramHandle = { programDir: join(dir, "program"), ...(source.language === "python" && source.noSite ? { noSite: true } : {}) };
  return { ok: true, program: { language: source.language, key, handle }, log, timeMs: elapsedMs, cached: true };
}

/**
 * Creates the cached prepare(). Concurrent calls for one key share a single compile; other
 * processes may compile the same key at the same time, and the first complete entry wins.
 */
export function createCachedPrepare(cacheDir: string, preparers: (language: SourceFile["language"]) => Preparer, maxBytes: number = DEFAULT_CACHE_MAX_BYTES) {
  const inFlight = new Map<string, Promise<PrepareResult>>();
  const budget = new CacheBudget(join(cacheDir, KIND), join(cacheDir, "tmp"), maxBytes);

  async function prepareUncached(source: SourceFile, limits: CompileLimits, key: string): Promise<PrepareResult> {
    const outcome = await preparers(source.language).compile(source, limits);
    if (!outcome.ok && outcome.cause !== "compile_error") return { ok: false, log: outcome.log, timeMs: outcome.timeMs, cause: outcome.cause };
    const meta: StoredMeta = outcome.ok
      ? { ok: true, log: outcome.log, timeMs: outcome.timeMs }
      : { ok: false, log: outcome.log, timeMs: outcome.timeMs, cause: "compile_error" };
    const dir = await ensureEntry(cacheDir, KIND, key, async (tmp) => {
      if (outcome.ok) {
        for (const [name, bytes] of Object.entries(outcome.files)) {
          const path = join(tmp, "program", name);
          mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
          writeFileSync(path, bytes, { mode: name === CPP_BINARY ? 0o755 : 0o644 });
        }
      }
      writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
    });
    budget.add(dir);
    const stored = readMeta<StoredMeta>(dir) ?? meta;
    const result = fromMeta(source, key, dir, stored, outcome.timeMs, limits.logBytes);
    return { ...result, log: result.ok ? outcome.log : result.log, timeMs: outcome.timeMs, cached: false };
  }

  return async function prepare(source: SourceFile, limits: CompileLimits): Promise<PrepareResult> {
    const started = performance.now();
    assertSource(source);
    const key = keyOf(source, preparers(source.language).compilerVersion());
    const dir = entryDir(cacheDir, KIND, key);
    const meta = readMeta<StoredMeta>(dir);
    if (meta) {
      markUsed(dir);
      return fromMeta(source, key, dir, meta, Math.round(performance.now() - started), limits.logBytes);
    }
    const pending = inFlight.get(key);
    if (pending) return pending;
    const promise = prepareUncached(source, limits, key).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };
}
