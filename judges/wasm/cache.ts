/**
 * The WASM judge's compile cache, entries of the shared store (judges/cache-store.ts): one folder
 * per (source, flags, compiler) holding main.wasm and meta.json, filled in a temporary folder and
 * renamed into place, so a reader (another process included) sees a whole entry or none. Compile
 * errors are kept; time and memory failures depend on the limits and the machine, so they are not.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureEntrySync, entryDir, hashKey, readMeta } from "../cache-store.ts";

/** Bumped when the meaning of an entry changes. */
export const WASM_CACHE_FORMAT = "codejudge-wasm-1";

export type WasmCacheMeta = { ok: true; log: string; timeMs: number } | { ok: false; log: string; timeMs: number; cause: "compile_error" };

/** The store's key of `parts`, with this backend's format among them. */
export function wasmProgramKey(parts: Record<string, unknown>): string {
  return hashKey({ format: WASM_CACHE_FORMAT, ...parts });
}

/** Folder of an entry: `<cacheDir>/<kind>/<ab>/<key>`. */
export function entryPath(cacheDir: string, key: string, kind = "wasm-programs"): string {
  return entryDir(cacheDir, kind, key);
}

export function readEntry(dir: string): WasmCacheMeta | null {
  return readMeta<WasmCacheMeta>(dir);
}

/** Stores an entry unless one is already there; returns its folder. */
export function writeEntry(cacheDir: string, key: string, meta: WasmCacheMeta, module: Uint8Array | null): string {
  return ensureEntrySync(cacheDir, "wasm-programs", key, (tmp) => {
    if (module) writeFileSync(join(tmp, "main.wasm"), module, { mode: 0o644 });
    writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
  });
}

/** A single-file entry under `<cacheDir>/<kind>/<ab>/<key>/<fileName>` (the precompiled header); returns its folder. */
export function writeFileEntry(cacheDir: string, kind: string, key: string, fileName: string, bytes: Uint8Array): string {
  return ensureEntrySync(
    cacheDir,
    kind,
    key,
    (tmp) => writeFileSync(join(tmp, fileName), bytes, { mode: 0o644 }),
    (final) => existsSync(join(final, fileName)),
  );
}
