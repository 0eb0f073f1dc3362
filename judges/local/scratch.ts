/**
 * Per-run folders on the host. A run folder (root-owned, 0711) holds the status file and the stdin
 * file, which the program never sees, and the sub-folders that are mounted into the sandbox.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SandboxError } from "../types.ts";
import type { SandboxContext } from "./context-types.ts";

export interface RunDir {
  root: string;
  statusPath: string;
  /** Creates a sub-folder; `writable` ones belong to the sandbox user. */
  makeDir(name: string, writable: boolean): string;
  /** Removes the folder. Async: a large scratch folder must not block the event loop other runs share. */
  dispose(): Promise<void>;
}

/** Creates a fresh run folder inside the instance's work folder. */
export function createRunDir(ctx: SandboxContext, prefix: string): RunDir {
  const root = join(ctx.workDir, ctx.nextId(prefix));
  mkdirSync(root, { mode: 0o711 });
  return {
    root,
    statusPath: join(root, "status"),
    makeDir(name, writable) {
      const dir = join(root, name);
      mkdirSync(dir, { mode: writable ? 0o700 : 0o755 });
      if (writable) giveToSandbox(ctx, dir);
      return dir;
    },
    dispose() {
      return rm(root, { recursive: true, force: true });
    },
  };
}

function giveToSandbox(ctx: SandboxContext, path: string): void {
  if (ctx.owner) chownSync(path, ctx.owner.uid, ctx.owner.gid);
}

/** Throws when `name` could leave its folder or is not a plain relative path. */
export function assertSafeFileName(name: string, field: string): void {
  const parts = name.split("/");
  const bad = name === "" || name.startsWith("/") || name.includes("\0") || parts.some((p) => p === "" || p === "." || p === "..");
  if (bad) {
    throw new SandboxError(`${field}: file name ${JSON.stringify(name)} must be a relative path without "." or ".." parts`, "internal");
  }
}

/** Writes `files` under `dir` (sub-folders created), owned by the sandbox user so the program may rewrite them. */
export function writeSandboxFiles(ctx: SandboxContext, dir: string, files: Record<string, string>, field: string): void {
  for (const [name, content] of Object.entries(files)) {
    assertSafeFileName(name, field);
    const path = join(dir, name);
    const parent = dirname(path);
    if (parent !== dir) {
      mkdirSync(parent, { recursive: true, mode: 0o755 });
      for (let p = parent; p !== dir; p = dirname(p)) giveToSandbox(ctx, p);
    }
    writeFileSync(path, content, { mode: 0o644 });
    giveToSandbox(ctx, path);
  }
}

/** Age after which a folder of a dead process is considered abandoned (its pid may live in another pid namespace). */
const STALE_AFTER_MS = 60_000;

/**
 * Removes `<parent>/<prefix><pid>-*` folders whose process is gone, left by harnesses that died
 * without close() (a crash, a SIGKILL, or bun test, which skips "exit" handlers).
 */
export function sweepStaleDirs(parent: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)-`);
  for (const name of names) {
    const pid = pattern.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || existsSync(`/proc/${pid}`)) continue;
    const path = join(parent, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
