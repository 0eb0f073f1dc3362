/**
 * Where runs write: one tmpfs per run, capped in bytes and inodes, detached in one system call when
 * the run ends (however deep the program nested folders). Where mounting is impossible (not root,
 * no bun:ffi), run folders stay on disk and are renamed out of the way and deleted by a background
 * `rm -rf` (which walks deep trees with openat, in linear time), so a grading slot never waits.
 */
import { mkdirSync, renameSync, rmdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { mountTmpfs, type TmpfsOptions, unmountDetached } from "./mount.ts";
import { warnOnce } from "./warn.ts";

export class ScratchSpace {
  private readonly mounted = new Set<string>();
  private readonly removals = new Set<Promise<void>>();
  private trashed = 0;

  /** `tmpfs`: whether per-run tmpfs mounts work here (see {@link probeTmpfs}). */
  constructor(
    private readonly workDir: string,
    readonly tmpfs: boolean,
  ) {}

  /** Mounts a capped tmpfs on `dir`; false when that failed (the caller uses the folder as it is). */
  mount(dir: string, options: TmpfsOptions): boolean {
    if (!this.tmpfs) return false;
    const failure = mountTmpfs(dir, options);
    if (failure !== null) {
      warnOnce("tmpfs-mount-failed", `a run's scratch tmpfs could not be mounted (${failure}); that run's /box is a plain folder without caps.`);
      return false;
    }
    this.mounted.add(dir);
    return true;
  }

  /** Detaches the tmpfs on `dir`; false when it was not mounted or could not be detached. */
  release(dir: string): boolean {
    if (!this.mounted.delete(dir)) return false;
    return unmountDetached(dir);
  }

  /** Removes `path` in the background, after renaming it out of the way (constant time here). */
  discard(path: string): void {
    // Beside the folder, on its file system (run folders may sit on the instance's runs tmpfs).
    const trash = join(dirname(path), `trash-${++this.trashed}`);
    try {
      renameSync(path, trash);
    } catch {
      return;
    }
    const rm = Bun.which("rm", { PATH: "/usr/bin:/bin" });
    const removal = rm
      ? Bun.spawn({ cmd: [rm, "-rf", "--one-file-system", "--", trash], stdio: ["ignore", "ignore", "ignore"] }).exited.then(() => {})
      : import("node:fs/promises").then(({ rm: remove }) => remove(trash, { recursive: true, force: true }));
    const tracked: Promise<void> = removal.catch(() => {}).finally(() => this.removals.delete(tracked));
    this.removals.add(tracked);
  }

  /** Waits for the background removals started so far. */
  async settle(): Promise<void> {
    while (this.removals.size > 0) await Promise.all([...this.removals]);
  }

  /** Detaches every tmpfs still mounted (synchronous: also usable from an "exit" handler). */
  detachAll(): void {
    for (const dir of this.mounted) unmountDetached(dir);
    this.mounted.clear();
  }
}

/** Why per-run tmpfs mounts are impossible here, or null when a test mount worked. */
export function probeTmpfs(workDir: string): string | null {
  if (process.getuid?.() !== 0) return "the harness is not root";
  const probe = join(workDir, "tmpfs-probe");
  try {
    mkdirSync(probe, { mode: 0o700 });
    const failure = mountTmpfs(probe, { bytes: 1 << 20, inodes: 16, mode: 0o700, uid: 0, gid: 0 });
    if (failure === null && !unmountDetached(probe)) return "a probe tmpfs could not be unmounted";
    return failure;
  } catch (error) {
    return (error as Error).message;
  } finally {
    try {
      rmdirSync(probe);
    } catch {
      // Still mounted: the instance's work folder removal reports it.
    }
  }
}
