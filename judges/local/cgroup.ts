/**
 * One cgroup per sandboxed process tree: limits memory and processes, accounts CPU of the whole
 * tree, detects OOM kills and kills every member (daemons included) at the end.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmdirSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { CgroupController, CgroupLayout } from "./cgroup-detect.ts";

export interface RunCgroupLimits {
  memoryBytes: number;
  /** Tasks (processes and threads) allowed, launcher and init included. */
  pids: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function readNumber(path: string): number | null {
  const text = readText(path);
  if (text === null) return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}

/** Value of `key` in a flat-keyed file such as memory.events or cpu.stat. */
function readKeyed(path: string, key: string): number | null {
  const text = readText(path);
  if (text === null) return null;
  const match = new RegExp(`^${key} (\\d+)$`, "m").exec(text);
  return match ? Number(match[1]) : null;
}

function tryWrite(path: string, value: string): boolean {
  try {
    writeFileSync(path, value);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RunCgroup {
  private constructor(
    private readonly version: 1 | 2,
    private readonly dirs: Partial<Record<CgroupController, string>>,
  ) {}

  /** Creates the run's group in every available controller and sets its limits. */
  static create(layout: CgroupLayout, name: string, limits: RunCgroupLimits): RunCgroup {
    const dirs: Partial<Record<CgroupController, string>> = {};
    for (const [controller, base] of Object.entries(layout.bases) as [CgroupController, string][]) {
      const dir = join(base, name);
      if (!existsSync(dir)) mkdirSync(dir);
      dirs[controller] = dir;
    }
    const group = new RunCgroup(layout.version, dirs);
    group.applyLimits(limits);
    return group;
  }

  private applyLimits(limits: RunCgroupLimits): void {
    const memory = this.dirs.memory;
    const pids = this.dirs.pids;
    const bytes = String(Math.floor(limits.memoryBytes));
    if (this.version === 1) {
      if (memory) {
        writeFileSync(join(memory, "memory.limit_in_bytes"), bytes);
        // Without swap accounting the file is absent; with it, swap must not extend the limit.
        tryWrite(join(memory, "memory.memsw.limit_in_bytes"), bytes);
      }
      if (pids) writeFileSync(join(pids, "pids.max"), String(limits.pids));
      return;
    }
    if (memory) {
      writeFileSync(join(memory, "memory.max"), bytes);
      tryWrite(join(memory, "memory.swap.max"), "0");
    }
    if (pids) writeFileSync(join(pids, "pids.max"), String(limits.pids));
  }

  /** Files the launcher writes its own pid into before exec'ing the sandbox. */
  get procsFiles(): string[] {
    return [...new Set(Object.values(this.dirs))].map((dir) => join(dir, "cgroup.procs"));
  }

  /** CPU time of every task that ever ran in the group, ns; null without cpu accounting. */
  readCpuNs(): number | null {
    const dir = this.dirs.cpu;
    if (!dir) return null;
    if (this.version === 1) return readNumber(join(dir, "cpuacct.usage"));
    const usec = readKeyed(join(dir, "cpu.stat"), "usage_usec");
    return usec === null ? null : usec * 1000;
  }

  /** Peak memory charged to the group, bytes. */
  readPeakBytes(): number | null {
    const dir = this.dirs.memory;
    if (!dir) return null;
    if (this.version === 1) return readNumber(join(dir, "memory.max_usage_in_bytes"));
    if (this.peakFd !== null) {
      const buffer = Buffer.alloc(32);
      const value = Number(buffer.subarray(0, readSync(this.peakFd, buffer, 0, buffer.length, 0)).toString().trim());
      if (Number.isFinite(value)) return value;
    }
    return readNumber(join(dir, "memory.peak")) ?? readNumber(join(dir, "memory.current"));
  }

  /** v2: the `memory.peak` file held open once it was reset through it (its reset is per open file). */
  private peakFd: number | null = null;

  /**
   * Restarts the peak-memory figure from the current usage, for a group that serves several runs
   * (judges/local/session.ts). v1: writing 0 to `memory.max_usage_in_bytes`. v2 (kernel 6.12+): a
   * write to `memory.peak` resets it for reads through the same open file, which is kept for
   * {@link readPeakBytes}. False where neither works: the peak stays the group's (never below a run's).
   */
  resetPeak(): boolean {
    const dir = this.dirs.memory;
    if (!dir) return false;
    if (this.version === 1) return tryWrite(join(dir, "memory.max_usage_in_bytes"), "0");
    try {
      this.peakFd ??= openSync(join(dir, "memory.peak"), "r+");
      writeSync(this.peakFd, "reset\n");
      return true;
    } catch {
      return false;
    }
  }

  /** OOM kills inside the group so far (a run's own are the difference across it); 0 without memory accounting. */
  readOomKills(): number {
    const dir = this.dirs.memory;
    if (!dir) return 0;
    if (this.version === 2) return readKeyed(join(dir, "memory.events"), "oom_kill") ?? 0;
    return readKeyed(join(dir, "memory.oom_control"), "oom_kill") ?? readNumber(join(dir, "memory.failcnt")) ?? 0;
  }

  /** Whether the kernel's OOM killer acted inside the group. */
  wasOomKilled(): boolean {
    const dir = this.dirs.memory;
    if (!dir) return false;
    if (this.version === 2) return (readKeyed(join(dir, "memory.events"), "oom_kill") ?? 0) > 0;
    const kills = readKeyed(join(dir, "memory.oom_control"), "oom_kill");
    // Kernels before 4.13 lack the counter; hitting the limit is the best evidence left.
    if (kills === null) return (readNumber(join(dir, "memory.failcnt")) ?? 0) > 0;
    return kills > 0;
  }

  /** Pids currently in the group. */
  listPids(): number[] {
    const dir = this.dirs.pids ?? this.dirs.memory ?? Object.values(this.dirs)[0];
    if (!dir) return [];
    const text = readText(join(dir, "cgroup.procs")) ?? "";
    return text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map(Number);
  }

  /** Kills every process in the group and waits until it is empty (freezing first so forks cannot race). */
  async killAll(): Promise<void> {
    const kill = this.dirs.freezer ? join(this.dirs.freezer, "cgroup.kill") : null;
    if (this.version === 2 && kill && tryWrite(kill, "1")) {
      await this.waitEmpty(2000);
      return;
    }
    for (let round = 0; round < 100; round++) {
      const pids = this.listPids();
      if (pids.length === 0) return;
      this.setFrozen(true);
      for (const pid of this.listPids()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      this.setFrozen(false);
      await sleep(round < 10 ? 2 : 20);
    }
  }

  private setFrozen(frozen: boolean): void {
    const dir = this.dirs.freezer;
    if (!dir) return;
    if (this.version === 1) tryWrite(join(dir, "freezer.state"), frozen ? "FROZEN" : "THAWED");
    else tryWrite(join(dir, "cgroup.freeze"), frozen ? "1" : "0");
  }

  private async waitEmpty(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.listPids().length > 0) {
      if (Date.now() > deadline) return false;
      await sleep(5);
    }
    return true;
  }

  /** Removes the group; returns false (and leaves it) when something in it refuses to die. */
  async remove(): Promise<boolean> {
    if (this.peakFd !== null) closeSync(this.peakFd);
    this.peakFd = null;
    await this.killAll();
    let removedAll = true;
    for (const dir of new Set(Object.values(this.dirs))) {
      let removed = false;
      // A task that just died may still be released asynchronously: rmdir is EBUSY for a moment.
      for (let attempt = 0; attempt < 50 && !removed; attempt++) {
        try {
          rmdirSync(dir);
          removed = true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") removed = true;
          else await sleep(attempt < 10 ? 2 : 20);
        }
      }
      removedAll &&= removed;
    }
    return removedAll;
  }
}
