/**
 * The on-disk, content-addressed cache both compiling backends (judges/local, judges/wasm) keep
 * their entries in. An entry is a folder `<cacheDir>/<kind>/<ab>/<key>` filled in a temporary place
 * and renamed into its final name, so readers (other processes included) see a whole entry or none.
 * It lives here, not in a backend, because one backend does not import another's internals.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

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
  const tmp = makeTempEntry(cacheDir, kind);
  try {
    await fill(tmp);
    moveIntoPlace(tmp, final);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

/**
 * `ensureEntry` for a synchronous fill. `present(final)` says whether the entry is already there
 * (by default: its folder exists; an entry of one named file may ask for that file instead).
 */
export function ensureEntrySync(cacheDir: string, kind: string, key: string, fill: (dir: string) => void, present: (final: string) => boolean = existsSync): string {
  const final = entryDir(cacheDir, kind, key);
  if (present(final)) return final;
  const tmp = makeTempEntry(cacheDir, kind);
  try {
    fill(tmp);
    moveIntoPlace(tmp, final);
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

/** A fresh folder under `<cacheDir>/tmp`, on the same file system as the entries, so the rename is atomic. */
function makeTempEntry(cacheDir: string, kind: string): string {
  const tmpRoot = join(cacheDir, "tmp");
  mkdirSync(tmpRoot, { recursive: true });
  return mkdtempSync(join(tmpRoot, `${kind}-`));
}

/** Renames a filled folder to its final name; another writer's whole entry already there wins. */
function moveIntoPlace(tmp: string, final: string): void {
  mkdirSync(join(final, ".."), { recursive: true });
  try {
    renameSync(tmp, final);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(code === "ENOTEMPTY" || code === "EEXIST") || !existsSync(final)) throw error;
  }
}
