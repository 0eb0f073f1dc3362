/**
 * Pre-started session sandboxes (judges/local/session-pool.ts): while a session is open, the next
 * session of the same limits takes a sandbox started ahead of it. It must be as fresh as a new one,
 * one that died while waiting must cost no verdict, and none may outlive the last open session.
 */
import { afterEach, describe, expect, setDefaultTimeout, test } from "bun:test";
import { basename } from "node:path";
import { readdirSync } from "node:fs";
import { readProfile, setProfiling } from "../../../judges/profile.ts";
import type { PreparedProgram, RunLimits, RunSession } from "../../../judges/types.ts";
import { describeProcesses, listHostProcesses } from "../../support/processes.ts";
import { compileLimits, limits, useLocalSandbox } from "./local-sandbox.ts";

setDefaultTimeout(60_000);

const SPARE_STARTS = "session spare start (pre-started, off the critical path)";
const SESSION_STARTS = "session start (run folder, cgroup, spawn)";

const { sandbox, preparePython } = useLocalSandbox({ warmPython: false });
afterEach(() => setProfiling(false));


/** Limits of their own per test (a spare serves one spec), so no test depends on another's sessions. */
let specSerial = 0;
const freshLimits = (): RunLimits => ({ ...limits, cpuMs: limits.cpuMs + ++specSerial });

async function openSession(program: PreparedProgram, runLimits: RunLimits): Promise<RunSession> {
  const session = await sandbox().openSession?.(program, runLimits);
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
  test("once a second session of the same limits took a sandbox, the next takes one started ahead of it, holding only its own program", async () => {
    const programs = await Promise.all(["a", "b", "c"].map((name) => preparePython(`${PLANT_OR_LOOK}\n# program ${name}\n`)));
    const spec = freshLimits();
    setProfiling(true);
    const [a, b, c] = await Promise.all(programs.map((program) => openSession(program, spec)));
    try {
      expect((await a?.run({ stdin: "plant" }))?.stdout).toBe("['left'] ['left'] ['main.py']\n");
      await spareStarted();
      // One session of a spec is no reason to expect another: no spare yet.
      expect(readProfile()[SPARE_STARTS]?.count ?? 0).toBe(0);
      expect((await b?.run({ stdin: "plant" }))?.stdout).toBe("['left'] ['left'] ['main.py']\n");
      await spareStarted();
      expect(readProfile()[SPARE_STARTS]?.count).toBe(1);
      // c's first run takes the spare: nothing of a's or b's runs, and c's program only.
      expect((await c?.run({ stdin: "look" }))?.stdout).toBe("[] [] ['main.py']\n");
      expect((await c?.run({ stdin: "look" }))?.stdout).toBe("[] [] ['main.py']\n");
      expect(readProfile()[SESSION_STARTS]?.count).toBe(3);
      await spareStarted();
      expect(readProfile()[SPARE_STARTS]?.count).toBe(2);
    } finally {
      await Promise.all([a, b, c].map((session) => session?.close()));
    }
  });

  test("once no session is open, no spare is left: the instance's cgroups hold no process and no group", async () => {
    const program = await preparePython("print('x')\n");
    const spec = freshLimits();
    const [a, b] = [await openSession(program, spec), await openSession(program, spec)];
    expect((await a.run({})).stdout).toBe("x\n");
    expect((await b.run({})).stdout).toBe("x\n");
    await spareStarted();
    await a.close();
    await b.close();
    expect(await processesInSandboxes()).toEqual([]);
    const info = await sandbox().inspect();
    for (const dir of info.cgroup?.dirs ?? []) {
      expect(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([]);
    }
  });

  test("a spare that died while it waited costs no verdict: the run gets a fresh sandbox", async () => {
    const program = await preparePython("print('alive')\n");
    const spec = freshLimits();
    const keep = await openSession(program, spec);
    try {
      expect((await keep.run({})).stdout).toBe("alive\n");
      const second = await openSession(program, spec);
      expect((await second.run({})).stdout).toBe("alive\n");
      await second.close();
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
      const next = await openSession(program, spec);
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
