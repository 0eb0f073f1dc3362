/**
 * A size cap on one kind of cache entry (compiled programs), with least-recently-used eviction.
 * "Used" is the mtime of an entry's meta.json, touched on every cache hit and every run, so other
 * processes sharing the cache see the same recency. Entries used in the last {@link IN_USE_MS} are
 * never evicted (a run may be about to copy them), so the cap can be passed for that long.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";

/** Entries used this recently are kept even over the cap. */
export const IN_USE_MS = 60_000;
/** Eviction goes down to this fraction of the cap, so it runs once per many new entries. */
const LOW_WATER = 0.9;

interface EntryInfo {
  dir: string;
  bytes: number;
  usedMs: number;
}

/** Bytes of the files under `dir` (entries are small and shallow: our own files only). */
function treeBytes(dir: string): number {
  let total = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) total += treeBytes(path);
    else total += statSync(path).size;
  }
  return total;
}

/** Marks the entry holding `entryDir/meta.json` as just used. */
export function markUsed(entryDir: string): void {
  const now = new Date();
  try {
    utimesSync(join(entryDir, "meta.json"), now, now);
  } catch {
    // Evicted by another process meanwhile: the caller finds out when it reads the entry.
  }
}

export class CacheBudget {
  /** Estimated bytes of the kind's entries; null until the first scan. */
  private total: number | null = null;

  /** `kindDir` is `<cacheDir>/<kind>`, whose entries sit in `<ab>/<key>` folders. */
  constructor(
    private readonly kindDir: string,
    private readonly trashDir: string,
    readonly maxBytes: number,
  ) {}

  /** Every entry with its size and last use, read from disk (other processes add entries too). */
  scan(): EntryInfo[] {
    const entries: EntryInfo[] = [];
    let shards: string[];
    try {
      shards = readdirSync(this.kindDir);
    } catch {
      return entries;
    }
    for (const shard of shards) {
      let keys: string[];
      try {
        keys = readdirSync(join(this.kindDir, shard));
      } catch {
        continue;
      }
      for (const key of keys) {
        const dir = join(this.kindDir, shard, key);
        try {
          entries.push({ dir, bytes: treeBytes(dir), usedMs: statSync(join(dir, "meta.json")).mtimeMs });
        } catch {
          // Half-evicted or being replaced: not counted.
        }
      }
    }
    return entries;
  }

  /** Accounts for a new entry; over the cap, evicts the least recently used entries not in use. */
  add(entryDir: string): void {
    if (this.total === null) this.total = this.scan().reduce((sum, e) => sum + e.bytes, 0);
    else this.total += treeBytes(entryDir);
    if (this.total > this.maxBytes) this.evict();
  }

  private evict(): void {
    const entries = this.scan().sort((a, b) => a.usedMs - b.usedMs);
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    const target = this.maxBytes * LOW_WATER;
    const inUseSince = Date.now() - IN_USE_MS;
    for (const entry of entries) {
      if (total <= target) break;
      if (entry.usedMs >= inUseSince) continue;
      if (this.remove(entry.dir)) total -= entry.bytes;
    }
    this.total = total;
  }

  /** Renames the entry away first, so readers see it whole or not at all. */
  private remove(dir: string): boolean {
    mkdirSync(this.trashDir, { recursive: true });
    const trash = join(this.trashDir, `evicted-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    try {
      renameSync(dir, trash);
    } catch {
      return false;
    }
    rmSync(trash, { recursive: true, force: true });
    return true;
  }
}
