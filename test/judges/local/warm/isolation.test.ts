import { afterEach, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PairSide, PreparedProgram } from "../../../../judges/types.ts";
import { limits, useLocalSandbox } from "../local-sandbox.ts";

// Sandboxed Python runs take seconds on a busy 2-core machine.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useLocalSandbox();

function side(program: PreparedProgram, extra: Partial<PairSide> = {}): PairSide {
  return { program, limits, ...extra };
}

// Every check must have been made by a forked run, never by the cold fallback.
afterEach(async () => {
  const info = await sandbox().inspect();
  expect(info.zygotes).toBeGreaterThan(0);
  expect(info.warmFallbacks).toBe(0);
});

describe("warm Python runs are isolated from each other and from the zygote", () => {
  test("a run finds none of the files, processes or shared memory an earlier run left", async () => {
    const leaves = await preparePython(`import os, subprocess
for d in [".", "/tmp", "/dev/shm"]:
    open(os.path.join(d, "left.txt"), "w").write("x")
subprocess.Popen(["/usr/bin/sleep", "60"], start_new_session=True)
print("left")
`);
    const looks = await preparePython(`import os
found = [d for d in [".", "/tmp", "/dev/shm"] if os.path.exists(os.path.join(d, "left.txt"))]
procs = sorted(p for p in os.listdir("/proc") if p.isdigit())
print(found, procs)
`);
    expect((await sandbox().run(leaves, {}, limits)).stdout).toBe("left\n");
    // pid 1 is the run's init, pid 2 the program.
    expect((await sandbox().run(looks, {}, limits)).stdout).toBe("[] ['1', '2']\n");
  });

  test("a run can leave nothing in the zygote's shared root, /dev or the uid's keyrings for a later run", async () => {
    // keyctl(KEYCTL_SEARCH = 10) and add_key on x86_64 (250, 248); each keyring: user, user session.
    const program = await preparePython(`import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
seen = [os.path.exists(p) for p in ("/left", "/dev/left")]
for ring in (-4, -5):
    seen.append(libc.syscall(250, 10, ctypes.c_long(ring), b"user", b"left", 0) > 0)
    libc.syscall(248, b"user", b"left", b"payload", 7, ctypes.c_long(ring))
for path in ("/left", "/dev/left"):
    try:
        open(path, "w").write("x")
        seen.append("wrote " + path)
    except OSError:
        pass
print(seen, open("/dev/null", "w").write("ok"))
`);
    const first = await sandbox().run(program, {}, limits);
    const second = await sandbox().run(program, {}, limits);
    expect([first.stdout, second.stdout]).toEqual(["[False, False, False, False] 2\n", "[False, False, False, False] 2\n"]);
  });

  test("a run holds no descriptor but its stdio, no capability, and sees neither the requests nor the cgroups", async () => {
    const probe = await preparePython(`import os
fds = sorted(int(f) for f in os.listdir("/proc/self/fd"))
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
caps = {k: status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs")}
print(fds[:3], len(fds), caps, os.listdir("/req"), os.listdir("/cg"), os.getpid(), os.getppid())
`);
    const outcome = await sandbox().run(probe, {}, limits);
    const zero = "0000000000000000";
    // The fourth descriptor is the one listdir itself opened on /proc/self/fd.
    expect(outcome.stdout).toBe(
      `[0, 1, 2] 4 {'CapInh': '${zero}', 'CapPrm': '${zero}', 'CapEff': '${zero}', 'CapBnd': '${zero}', 'CapAmb': '${zero}', 'NoNewPrivs': '1'} [] [] 2 1\n`,
    );
  });

  test("signalling its process group, every process it can name, or its parent harms neither the zygote nor later runs", async () => {
    const killer = await preparePython(`import os, signal
for target in (0, -1):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
`);
    const ok = await preparePython("print('still here')\n");
    expect((await sandbox().run(killer, {}, limits)).termination).toBe("signaled");
    expect((await sandbox().run(ok, {}, limits)).stdout).toBe("still here\n");
    expect((await sandbox().inspect()).zygotes).toBe(1);
  });

  test("a program's compiled code is cached from its second run on, and no run can reach the cache", async () => {
    const program = await preparePython(`import os, sys
cached = os.path.exists("/prog/__pycache__")
try:
    open("/pyc/poison", "w")
    wrote = True
except OSError:
    wrote = False
print(cached, wrote, os.listdir("/pyc"), sys._getframe().f_code.co_filename)
`);
    const outputs = [];
    for (let i = 0; i < 3; i++) outputs.push((await sandbox().run(program, {}, limits)).stdout);
    expect(outputs).toEqual(["False False [] /prog/main.py\n", "False False [] /prog/main.py\n", "True False [] /prog/main.py\n"]);
  });

  test("the two sides of a pair cannot see or signal each other, and the candidate cannot read the peer's files", async () => {
    const candidate = await preparePython(`import os, signal, sys
others = [p for p in os.listdir("/proc") if p.isdigit() and p not in ("1", str(os.getpid()))]
for pid in set(range(1, 200)) - {os.getpid()}:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
sys.stderr.write(repr((others, os.listdir("."), os.path.exists("/req"), os.listdir("/req"))))
print("hello", flush=True)
`);
    const peer = await preparePython(`import sys
line = sys.stdin.readline()
sys.stderr.write("peer got " + line.strip() + " " + open("task.json").read())
`);
    const pair = await sandbox().runPair(side(candidate, { files: { "solution.py": "x = 1" } }), side(peer, { files: { "task.json": "secret-tests" } }));
    expect(pair.program).toMatchObject({ termination: "exited", stderr: "([], ['solution.py'], True, [])" });
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "peer got hello secret-tests" });
  });
});
