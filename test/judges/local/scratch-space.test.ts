import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, utimesSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext } from "../../../judges/local/context.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { mountTmpfs } from "../../../judges/local/mount.ts";
import { createRunDir, SCRATCH_INODES, scratchCapsFor, sweepStaleDirs } from "../../../judges/local/scratch.ts";
import { ScratchSpace } from "../../../judges/local/scratch-space.ts";
import { locateTools } from "../../../judges/local/tools.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { useSandboxContext } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

const isRoot = process.getuid?.() === 0;

/** Mount points at or below `dir`, from the kernel's own table. */
function mountsUnder(dir: string): string[] {
  return readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[1] ?? "")
    .filter((target) => target === dir || target.startsWith(`${dir}/`));
}

/** Builds a `depth`-level folder chain under `dir` the way a program would (mkdir, chdir). */
function buildDeepTree(dir: string, depth: number): void {
  // Relative mkdir/chdir, as a program does: the full path soon exceeds PATH_MAX.
  const script = `import os\nfor _ in range(${depth}):\n    os.mkdir("d")\n    os.chdir("d")\n`;
  const made = Bun.spawnSync(["/usr/bin/python3", "-c", script], { cwd: dir, stderr: "pipe" });
  expect(made.stderr.toString()).toBe("");
  expect(made.exitCode).toBe(0);
}

/** Writes 64 KiB chunks into `dir/name` until the file system refuses; returns the bytes written. */
function fillUntilFull(path: string): number {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(64 << 10, 120);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
  } finally {
    closeSync(fd);
  }
  return written;
}

const context = useSandboxContext();

describe("a run's scratch tmpfs", () => {
  test("is available whenever the harness is root", () => {
    expect(context().scratch.tmpfs).toBe(isRoot);
  });

  test("refuses bytes past its size cap and files past its inode cap, and disposal leaves nothing behind", async () => {
    const run = createRunDir(context(), "caps-", { bytes: 2 << 20, inodes: 64 });
    const box = run.makeDir("box", true);
    if (context().scratch.tmpfs) {
      expect(fillUntilFull(join(box, "big"))).toBeLessThanOrEqual(2 << 20);
      rmSync(join(box, "big"));
      let made = 0;
      try {
        for (; made < 1000; made++) closeSync(openSync(join(box, `f${made}`), "w"));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      }
      expect(made).toBeLessThan(64);
      expect(run.scratchUsedBytes()).toBeGreaterThanOrEqual(0);
    } else {
      expect(run.scratchUsedBytes()).toBeNull();
    }
    await run.dispose();
    expect(existsSync(run.root)).toBe(false);
    expect(mountsUnder(run.root)).toEqual([]);
  });

  test("disposing a run folder holding a 3000-level tree returns with the folder and its mount gone", async () => {
    const run = createRunDir(context(), "deep-", { bytes: 16 << 20, inodes: SCRATCH_INODES });
    const box = run.makeDir("box", true);
    buildDeepTree(box, 3000);
    await run.dispose();
    expect(existsSync(run.root)).toBe(false);
    expect(mountsUnder(run.root)).toEqual([]);
    await context().scratch.settle();
    expect(readdirSync(context().runsDir).filter((name) => name.startsWith("trash-"))).toEqual([]);
  });
});

describe("the instance's runs folder", () => {
  test("is a tmpfs of its own when the harness is root, holds the run folders, and is detached when the context is disposed", async () => {
    const own = await createContext({ unsafeNoSandbox: false, cacheDir: sharedTestCacheDir(), tools: locateTools() });
    const run = createRunDir(own, "onruns-");
    expect(run.root.startsWith(`${own.runsDir}/`)).toBe(true);
    expect(mountsUnder(own.workDir)).toEqual(isRoot ? [own.runsDir] : []);
    await run.dispose();
    own.dispose();
    expect(mountsUnder(own.workDir)).toEqual([]);
    expect(existsSync(own.workDir)).toBe(false);
  });
});

describe("ScratchSpace without tmpfs (the degraded path)", () => {
  test("discard renames a deep tree away at once and a background rm removes it by settle()", async () => {
    const workDir = mkdtempSync(join(tmpdir(), "cj-discard-"));
    try {
      const space = new ScratchSpace(workDir, false);
      const victim = join(workDir, "run-1");
      mkdirSync(victim);
      buildDeepTree(victim, 3000);
      space.discard(victim);
      expect(existsSync(victim)).toBe(false);
      await space.settle();
      expect(readdirSync(workDir)).toEqual([]);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test("mount refuses, so run folders stay plain folders", () => {
    const space = new ScratchSpace(tmpdir(), false);
    expect(space.mount(join(tmpdir(), "never-mounted"), { bytes: 1 << 20, inodes: 16, mode: 0o700, uid: 0, gid: 0 })).toBe(false);
  });
});

describe("sweepStaleDirs with mounts", () => {
  test("detaches a scratch tmpfs left mounted by a dead harness before removing its folder", () => {
    const parent = mkdtempSync(join(tmpdir(), "cj-sweep-mount-"));
    try {
      const stale = join(parent, "cj-4194001-x");
      const mountPoint = join(stale, "run-1", "scratch");
      mkdirSync(mountPoint, { recursive: true });
      const mounted = isRoot && mountTmpfs(mountPoint, { bytes: 1 << 20, inodes: 16, mode: 0o700, uid: 0, gid: 0 }) === null;
      expect(mounted).toBe(isRoot);
      const longAgo = new Date(Date.now() - 3_600_000);
      utimesSync(stale, longAgo, longAgo);
      sweepStaleDirs(parent, "cj-");
      expect(mountsUnder(stale)).toEqual([]);
      expect(existsSync(stale)).toBe(false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("runs in the local sandbox", () => {
  test("a program that nests 3000 folders and floods inodes gets its verdict, and its scratch is gone afterwards", async () => {
    const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
    try {
      const code = `#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int main() {
  int depth = 0;
  while (depth < 3000 && mkdir("d", 0700) == 0 && chdir("d") == 0) depth++;
  int made = 0;
  for (; made < 50000; made++) { char n[32]; std::snprintf(n, sizeof n, "f%d", made); int fd = open(n, O_CREAT | O_WRONLY, 0600); if (fd < 0) break; close(fd); }
  std::printf("%d %d\\n", made, depth);
}
`;
      const prepared = await sandbox.prepare({ language: "cpp", code }, { cpuMs: 60_000, wallMs: 120_000, memoryMb: 1024, logBytes: 1 << 16 });
      expect(prepared.ok).toBe(true);
      if (!prepared.ok) return;
      const limits = { cpuMs: 10_000, wallMs: 60_000, memoryMb: 256, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 20 };
      const outcome = await sandbox.run(prepared.program, {}, limits);
      expect(outcome.termination).toBe("exited");
      const [made = 0, depth = 0] = outcome.stdout.trim().split(" ").map(Number);
      expect(depth).toBe(3000);
      // Files and folders share the inode cap.
      if (isRoot) expect(made + depth).toBeLessThanOrEqual(scratchCapsFor(limits.memoryMb << 20, {}).inodes);
      const { runsDir } = await sandbox.inspect();
      expect(readdirSync(runsDir).filter((name) => name.startsWith("run-"))).toEqual([]);
      // The instance's runs tmpfs itself stays until close; no run's scratch is mounted below it.
      expect(mountsUnder(runsDir).filter((target) => target !== runsDir)).toEqual([]);
    } finally {
      await sandbox.close?.();
    }
  });
});
