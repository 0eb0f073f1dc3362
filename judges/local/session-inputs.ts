/**
 * A session run's stdin file. The same large inputs come back run after run (every sample of a
 * problem runs its tests), so a large one is written once per instance into `<runsDir>/inputs/` and
 * hard-linked into each run's stdin folder instead of being encoded and copied again (~1 ms of the
 * harness's only thread per 3 MB). The file is root-owned, mode 0644, and reaches the sandbox only
 * through the read-only bind at /.in, so a program can read it and nothing more; a program that
 * changed its inode's times changes nothing a later run reads.
 */
import { linkSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxContext } from "./context-types.ts";

/** Inputs smaller than this are written directly: a link costs about as much. */
const SHARED_MIN_CHARS = 256 << 10;
/** Characters of inputs kept at once per instance (the strings and their files), least recently used dropped. */
const SHARED_MAX_CHARS = 96 << 20;

interface Stored {
  path: string;
  chars: number;
}

class InputStore {
  /** By content; Map order is use order (a hit moves its entry to the end). */
  private readonly files = new Map<string, Stored>();
  private chars = 0;
  private serial = 0;
  private readonly dir: string;

  constructor(runsDir: string) {
    this.dir = join(runsDir, "inputs");
    mkdirSync(this.dir, { recursive: true, mode: 0o711 });
  }

  /** The stored file holding `text`, written on first use. */
  pathFor(text: string): string {
    const hit = this.files.get(text);
    if (hit) {
      this.files.delete(text);
      this.files.set(text, hit);
      return hit.path;
    }
    const stored = { path: join(this.dir, String(++this.serial)), chars: text.length };
    writeFileSync(stored.path, text, { mode: 0o644 });
    this.files.set(text, stored);
    this.chars += stored.chars;
    for (const [oldText, old] of this.files) {
      if (this.chars <= SHARED_MAX_CHARS || old === stored) break;
      // Links already made keep their inode; only later runs write it anew.
      this.files.delete(oldText);
      this.chars -= old.chars;
      unlinkSync(old.path);
    }
    return stored.path;
  }
}

const stores = new WeakMap<SandboxContext, InputStore>();

/** Makes `path` hold `text`, a link to a stored copy when it is large. */
export function placeStdin(ctx: SandboxContext, path: string, text: string): void {
  // Never written through: the previous run's stdin may be a link to a stored input.
  try {
    unlinkSync(path);
  } catch {
    // No stdin yet.
  }
  if (text.length < SHARED_MIN_CHARS) {
    writeFileSync(path, text, { mode: 0o644 });
    return;
  }
  let store = stores.get(ctx);
  if (!store) {
    store = new InputStore(ctx.runsDir);
    stores.set(ctx, store);
  }
  linkSync(store.pathFor(text), path);
}
