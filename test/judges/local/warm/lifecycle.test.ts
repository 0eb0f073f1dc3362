import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { PairSide, PreparedProgram } from "../../../../judges/types.ts";
import { listHostProcesses } from "../../../support/processes.ts";
import { limits, useLocalSandbox } from "../local-sandbox.ts";

// Sandboxed Python runs take seconds on a busy 2-core machine.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useLocalSandbox();

function side(program: PreparedProgram, extra: Partial<PairSide> = {}): PairSide {
  return { program, limits, ...extra };
}

/** Kills a process that may already be gone (killing bwrap takes the zygote with it). */
function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Host processes of this instance's zygotes (their cgroup is named after the instance's folder). */
async function zygoteProcesses(): Promise<number[]> {
  const info = await sandbox().inspect();
  const instance = basename(info.cgroup?.dirs[0] ?? "none");
  return listHostProcesses()
    .filter((p) => p.cgroup.includes(`/${instance}-zygote-`))
    .map((p) => p.pid);
}

describe("warm zygotes: lifetime, restarts and what a job leaves", () => {
  test("after jobs end, only the idle zygote's own processes are left, none in any run's cgroup", async () => {
    const forks = await preparePython("import os, time\nif os.fork() == 0:\n    time.sleep(60)\nprint('parent done')\n");
    expect((await sandbox().run(forks, {}, limits)).stdout).toBe("parent done\n");
    const info = await sandbox().inspect();
    const groups = (info.cgroup?.dirs ?? []).map((dir) => basename(dir));
    const inRuns = listHostProcesses().filter((p) => groups.some((g) => p.cgroup.includes(`/${g}/`)));
    expect(inRuns).toEqual([]);
    // bwrap's two processes and the interpreter.
    const comms = (await zygoteProcesses()).map((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim()).sort();
    expect(comms).toEqual(["bwrap", "bwrap", "python3"]);
  });

  test("a zygote killed between jobs is replaced by a fresh one for the next job", async () => {
    const hello = await preparePython("print('hello')\n");
    expect((await sandbox().run(hello, {}, limits)).stdout).toBe("hello\n");
    const before = (await sandbox().inspect()).zygotes;
    for (const pid of await zygoteProcesses()) killIfAlive(pid);
    await Bun.sleep(200);
    expect((await sandbox().run(hello, {}, limits)).stdout).toBe("hello\n");
    expect((await sandbox().inspect()).zygotes).toBe(before + 1);
  });

  test("a zygote killed during a job costs that job a cold run, never its verdict", async () => {
    const slow = await preparePython("import time\ntime.sleep(1)\nprint('done')\n");
    const running = sandbox().run(slow, {}, limits);
    await Bun.sleep(400);
    for (const pid of await zygoteProcesses()) killIfAlive(pid);
    expect(await running).toMatchObject({ termination: "exited", stdout: "done\n" });
    expect((await sandbox().inspect()).warmFallbacks).toBeGreaterThan(0);
  });

  test("a candidate that kills every process it can reach fails only its own sample", async () => {
    const killer = await preparePython("import os, signal\nfor pid in range(1, 100):\n    try:\n        os.kill(pid, signal.SIGKILL)\n    except OSError:\n        pass\nos.kill(os.getppid(), signal.SIGKILL)\nos.kill(0, signal.SIGKILL)\n");
    const peer = await preparePython("import sys\nsys.stdin.read()\nsys.stderr.write('peer fine')\n");
    const fallbacks = (await sandbox().inspect()).warmFallbacks;
    const pair = await sandbox().runPair(side(killer), side(peer));
    expect(pair.program.termination).toBe("signaled");
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "peer fine" });
    const next = await sandbox().run(await preparePython("print('next sample')\n"), {}, limits);
    expect(next.stdout).toBe("next sample\n");
    expect((await sandbox().inspect()).warmFallbacks).toBe(fallbacks);
  });

  test("a later candidate finds no byte of what an earlier trusted peer printed in its own memory", async () => {
    // The marker is only ever whole in the peer's output: both programs hold its two halves apart.
    // The padding puts it past what later, shorter reads (the runs' reports) overwrite in a reused buffer.
    const peer = await preparePython("import sys\na, b = 'QZXW', '31415926'\nsys.stderr.write('r' * 4000 + a + b + '\\n')\n");
    const quiet = await preparePython("import sys\nsys.stdin.read()\n");
    const pair = await sandbox().runPair(side(quiet), side(peer));
    expect(pair.peer.stderr).toEndWith("rQZXW31415926\n");
    const scanner = await preparePython(`import ctypes
head, tail = b'QZXW', b'31415926'
found = 0
for line in open('/proc/self/maps'):
    fields = line.split()
    if 'r' not in fields[1] or (len(fields) > 5 and fields[5] in ('[vvar]', '[vsyscall]', '[vvar_vclock]')):
        continue
    start, end = (int(x, 16) for x in fields[0].split('-'))
    data = ctypes.string_at(start, end - start)
    at = data.find(head)
    while at >= 0:
        if data[at + 4:at + 12] == tail:
            found += 1
        at = data.find(head, at + 1)
print(found)
`);
    expect((await sandbox().run(scanner, {}, { ...limits, memoryMb: 512 })).stdout).toBe("0\n");
  });
});
