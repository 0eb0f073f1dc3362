/**
 * The on-disk, content-addressed cache: compiled programs, checked Python sources, precompiled
 * headers and the sandbox-init helper. An entry is a folder filled in a temporary place and renamed
 * into its final name, so readers (other processes included) see a whole entry or none.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Bumped when the layout or meaning of cache entries changes. 2: programs over MAX_PROGRAM_BYTES are
 * compile errors, so entries of format 1 may hold binaries that must no longer be served.
 */
export const CACHE_FORMAT = "codejudge-local-2";

/** sha256 of a canonical JSON rendering (object keys sorted) of `parts`. */
export function hashKey(parts: unknown): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Final folder of an entry: `<cacheDir>/<kind>/<ab>/<key>`. */
export function entryDir(cacheDir: string, kind: string, key: string): string {
  return join(cacheDir, kind, key.slice(0, 2), key);
}

/**
 * Returns the entry folder, creating it with `fill(tmpDir)` when absent. Concurrent writers race
 * harmlessly: the first rename wins and the others discard their copy.
 */
export async function ensureEntry(cacheDir: string, kind: string, key: string, fill: (dir: string) => Promise<void>): Promise<string> {
  const final = entryDir(cacheDir, kind, key);
  if (existsSync(final)) return final;
  const tmpRoot = join(cacheDir, "tmp");
  mkdirSync(tmpRoot, { recursive: true });
  const tmp = mkdtempSync(join(tmpRoot, `${kind}-`));
  try {
    await fill(tmp);
    mkdirSync(join(cacheDir, kind, key.slice(0, 2)), { recursive: true });
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

/** Reads `<dir>/meta.json` of an entry, or null when the entry does not exist. */
export function readMeta<T>(dir: string): T | null {
  try {
    return JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
