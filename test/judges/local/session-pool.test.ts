/**
 * Pre-started session sandboxes (judges/local/session-pool.ts): while a session is open, the next
 * session of the same limits takes a sandbox started ahead of it. It must be as fresh as a new one,
 * one that died while waiting must cost no verdict, and none may outlive the last open session.
 */
import { afterAll, afterEach, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { basename } from "node:path";
import { readdirSync } from "node:fs";
import { createLocalSandbox, type LocalSandbox } from "../../../judges/local/index.ts";
import { readProfile, setProfiling } from "../../../judges/profile.ts";
import type { PreparedProgram, RunSession } from "../../../judges/types.ts";
import { describeProcesses, listHostProcesses } from "../../support/processes.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { compileLimits, limits } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

const SPARE_STARTS = "session spare start (pre-started, off the critical path)";
const SESSION_STARTS = "session start (run folder, cgroup, spawn)";

let shared: LocalSandbox | null = null;
beforeAll(() => {
  shared = createLocalSandbox({ cacheDir: sharedTestCacheDir(), warmPython: false });
});
afterAll(async () => {
  await shared?.close?.();
});
afterEach(() => setProfiling(false));

function sandbox(): LocalSandbox {
  if (!shared) throw new Error("the sandbox is created in beforeAll");
  return shared;
}

async function preparePython(code: string): Promise<PreparedProgram> {
  const result = await sandbox().prepare({ language: "python", code }, compileLimits);
  if (!result.ok) throw new Error(result.log);
  return result.program;
}

async function openSession(program: PreparedProgram): Promise<RunSession> {
  const session = await sandbox().openSession?.(program, limits);
  if (!session) throw new Error("the local sandbox offers no sessions");
  return session;
}

/** Lets the pool's deferred spare start run. */
const spareStarted = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Processes in the instance's cgroups (its sandboxes and spares). */
async function processesInSandboxes(): Promise<string[]> {
  const info = await sandbox().inspect();
  const groups = (info.cgroup?.dirs ?? []).map((dir) => basename(dir));
  return describeProcesses(listHostProcesses().filter((p) => p.pid !== process.pid && groups.some((g) => p.cgroup.includes(`/${g}/`))));
}

const PLANT_OR_LOOK = [
  "import os, sys",
  "if sys.stdin.read() == 'plant':",
  "    open('/tmp/left', 'w').write('x')",
  "    open('left', 'w').write('x')",
  "print(sorted(os.listdir('/tmp')), sorted(os.listdir('.')), os.listdir('/prog'))",
].join("\n");

describe("pre-started session sandboxes", () => {
  test("the next session of the same limits takes a sandbox started ahead of it, which holds only its own program", async () => {
    const first = await preparePython(PLANT_OR_LOOK);
    const second = await preparePython(`${PLANT_OR_LOOK}\n# another program\n`);
    setProfiling(true);
    const a = await openSession(first);
    const b = await openSession(second);
    try {
      expect((await a.run({ stdin: "plant" })).stdout).toBe("['left'] ['left'] ['main.py']\n");
      await spareStarted();
      expect(readProfile()[SPARE_STARTS]?.count).toBe(1);
      // b's first run takes the spare: nothing of a's run, and b's program only.
      expect((await b.run({ stdin: "look" })).stdout).toBe("[] [] ['main.py']\n");
      expect((await b.run({ stdin: "look" })).stdout).toBe("[] [] ['main.py']\n");
      expect(readProfile()[SESSION_STARTS]?.count).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("once no session is open, no spare is left: the instance's cgroups hold no process", async () => {
    const program = await preparePython("print('x')\n");
    const a = await openSession(program);
    expect((await a.run({})).stdout).toBe("x\n");
    await spareStarted();
    await a.close();
    expect(await processesInSandboxes()).toEqual([]);
    const info = await sandbox().inspect();
    for (const dir of info.cgroup?.dirs ?? []) {
      expect(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([]);
    }
  });

  test("a spare that died while it waited costs no verdict: the run gets a fresh sandbox", async () => {
    const program = await preparePython("print('alive')\n");
    const keep = await openSession(program);
    try {
      expect((await keep.run({})).stdout).toBe("alive\n");
      await spareStarted();
      // The instance's cgroups now hold keep's sandbox and the spare, started after it (a larger serial).
      const info = await sandbox().inspect();
      const groups = (info.cgroup?.dirs ?? []).map((dir) => basename(dir));
      const byGroup = new Map<number, number[]>();
      for (const p of listHostProcesses()) {
        if (p.pid === process.pid || !groups.some((g) => p.cgroup.includes(`/${g}/`))) continue;
        const serial = Number(/\/session-[\d-]+-(\d+)/.exec(p.cgroup)?.[1] ?? -1);
        byGroup.set(serial, [...(byGroup.get(serial) ?? []), p.pid]);
      }
      expect(byGroup.size).toBe(2);
      const spare = Math.max(...byGroup.keys());
      for (const pid of byGroup.get(spare) ?? []) process.kill(pid, "SIGKILL");
      const next = await openSession(program);
      try {
        expect(await next.run({})).toMatchObject({ termination: "exited", stdout: "alive\n" });
      } finally {
        await next.close();
      }
    } finally {
      await keep.close();
    }
  });
});
