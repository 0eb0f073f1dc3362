/**
 * Per-run folders on the host. A run folder (root-owned, 0711) holds the status file and the stdin
 * file, which the program never sees, and the sub-folders that are mounted into the sandbox. With
 * scratch caps, the writable sub-folders and the sandbox's /tmp and /dev/shm live on one tmpfs of
 * the run, capped in bytes and inodes (see scratch-space.ts).
 */
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SandboxError } from "../types.ts";
import type { SandboxContext } from "./context-types.ts";
import type { Mount } from "./launch.ts";
import { detachMountsUnder } from "./mount.ts";

/** Inodes a run may create in its scratch tmpfs, beyond the files the harness writes there. */
export const SCRATCH_INODES = 8192;

/** Caps of a run's scratch tmpfs. */
export interface ScratchCaps {
  bytes: number;
  inodes: number;
}

export interface RunDir {
  root: string;
  statusPath: string;
  /** Creates a sub-folder; `writable` ones belong to the sandbox user (and sit on the scratch tmpfs). */
  makeDir(name: string, writable: boolean): string;
  /** The sandbox's /tmp and /dev/shm on the scratch tmpfs; empty without one (bwrap then makes its own). */
  scratchMounts(): Mount[];
  /** Bytes in use on the scratch tmpfs; null without one. */
  scratchUsedBytes(): number | null;
  /** Removes the folder in constant time: detaches the tmpfs, or renames the folder for background deletion. */
  dispose(): Promise<void>;
}

const PAGE = 4096;

/** Bytes `files` take on a tmpfs (whole pages). */
export function filePagesBytes(files: Record<string, string>): number {
  return Object.values(files).reduce((sum, text) => sum + Math.ceil(Buffer.byteLength(text) / PAGE) * PAGE, 0);
}

/**
 * Caps of a run's scratch: the memory limit in bytes (like the /tmp it replaces; the pages are
 * charged to the run's memory cgroup as well) plus what the harness writes there, and a fixed
 * number of inodes plus one per harness file and folder.
 */
export function scratchCapsFor(memoryBytes: number, files: Record<string, string>): ScratchCaps {
  const names = Object.keys(files);
  const folders = new Set(names.flatMap((name) => name.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  return { bytes: memoryBytes + filePagesBytes(files), inodes: SCRATCH_INODES + names.length + folders.size + 8 };
}

function mountScratch(ctx: SandboxContext, root: string, caps: ScratchCaps): string | null {
  if (!ctx.scratch.tmpfs) return null;
  const dir = join(root, "scratch");
  mkdirSync(dir, { mode: 0o711 });
  const self = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  return ctx.scratch.mount(dir, { ...caps, mode: 0o711, ...self }) ? dir : null;
}

/** Creates a fresh run folder inside the instance's work folder; `caps` puts its writable parts on a capped tmpfs. */
export function createRunDir(ctx: SandboxContext, prefix: string, caps?: ScratchCaps): RunDir {
  const root = join(ctx.runsDir, ctx.nextId(prefix));
  mkdirSync(root, { mode: 0o711 });
  const scratch = caps ? mountScratch(ctx, root, caps) : null;
  const makeDir = (name: string, writable: boolean) => {
    const dir = join(writable && scratch ? scratch : root, name);
    mkdirSync(dir, { mode: writable ? 0o700 : 0o755 });
    if (writable) giveToSandbox(ctx, dir);
    return dir;
  };
  return {
    root,
    statusPath: join(root, "status"),
    makeDir,
    scratchMounts() {
      if (!scratch) return [];
      return [
        { src: makeDir("tmp", true), dest: "/tmp", writable: true },
        { src: makeDir("shm", true), dest: "/dev/shm", writable: true },
      ];
    },
    scratchUsedBytes() {
      if (!scratch) return null;
      const stats = statfsSync(scratch);
      return (stats.blocks - stats.bfree) * stats.bsize;
    },
    async dispose() {
      // Once the tmpfs is detached, only the harness's own files are left (status, stdin, the
      // program's copy): removing them takes constant time. Otherwise the program's files are here.
      if (scratch && ctx.scratch.release(scratch)) rmSync(root, { recursive: true, force: true });
      else ctx.scratch.discard(root);
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
      if (Date.now() - statSync(path).mtimeMs <= STALE_AFTER_MS) continue;
      // Scratch tmpfs mounts of runs that were in flight when their harness died.
      detachMountsUnder(path);
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
