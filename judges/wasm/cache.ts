/**
 * The WASM judge's compile cache: one folder per (source, flags, compiler) holding main.wasm and
 * meta.json, filled in a temporary folder and renamed into place, so a reader (another process
 * included) sees a whole entry or none. Compile errors are kept; time and memory failures depend on
 * the limits and the machine, so they are not.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Bumped when the meaning of an entry changes. */
export const WASM_CACHE_FORMAT = "codejudge-wasm-1";

export type WasmCacheMeta = { ok: true; log: string; timeMs: number } | { ok: false; log: string; timeMs: number; cause: "compile_error" };

/** sha256 of a JSON rendering with sorted keys. */
export function wasmProgramKey(parts: Record<string, unknown>): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]))
      : value;
  return createHash("sha256").update(JSON.stringify(sorted({ format: WASM_CACHE_FORMAT, ...parts }))).digest("hex");
}

/** Folder of an entry: `<cacheDir>/<kind>/<ab>/<key>`. */
export function entryPath(cacheDir: string, key: string, kind = "wasm-programs"): string {
  return join(cacheDir, kind, key.slice(0, 2), key);
}

export function readEntry(dir: string): WasmCacheMeta | null {
  try {
    return JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as WasmCacheMeta;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Stores an entry unless one is already there; returns its folder. */
export function writeEntry(cacheDir: string, key: string, meta: WasmCacheMeta, module: Uint8Array | null): string {
  const final = entryPath(cacheDir, key);
  if (existsSync(final)) return final;
  const tmpRoot = join(cacheDir, "tmp");
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = mkdtempSync(join(tmpRoot, "wasm-"));
  try {
    if (module) writeFileSync(join(tmp, "main.wasm"), module, { mode: 0o644 });
    writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
    mkdirSync(join(final, ".."), { recursive: true });
    try {
      renameSync(tmp, final);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!(code === "ENOTEMPTY" || code === "EEXIST") || !existsSync(final)) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/** A single-file entry under `<cacheDir>/<kind>/<ab>/<key>/<fileName>` (the precompiled header); returns its folder. */
export function writeFileEntry(cacheDir: string, kind: string, key: string, fileName: string, bytes: Uint8Array): string {
  const final = entryPath(cacheDir, key, kind);
  if (existsSync(join(final, fileName))) return final;
  const tmpRoot = join(cacheDir, "tmp");
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = mkdtempSync(join(tmpRoot, `${kind}-`));
  try {
    writeFileSync(join(tmp, fileName), bytes, { mode: 0o644 });
    mkdirSync(join(final, ".."), { recursive: true });
    try {
      renameSync(tmp, final);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!(code === "ENOTEMPTY" || code === "EEXIST") || !existsSync(final)) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}
