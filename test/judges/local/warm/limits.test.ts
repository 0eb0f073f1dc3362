import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { limits } from "../local-sandbox.ts";
import { side, useWarmSandbox } from "./warm-sandbox.ts";

// Runs that reach their limits take seconds on a busy 2-core machine.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useWarmSandbox();

describe("warm Python runs end at their limits with the cold path's verdicts", () => {
  test("an endless loop is stopped at the CPU limit (cpu_time)", async () => {
    const outcome = await sandbox().run(await preparePython("while True:\n    pass\n"), {}, { ...limits, cpuMs: 500 });
    expect(outcome.termination).toBe("cpu_time");
    expect(outcome.timeMs).toBeGreaterThanOrEqual(450);
  });

  test("a sleeper is stopped at the wall limit (wall_time) having used little CPU", async () => {
    const outcome = await sandbox().run(await preparePython("import time\ntime.sleep(60)\n"), {}, { ...limits, wallMs: 600 });
    expect(outcome.termination).toBe("wall_time");
    expect(outcome.timeMs).toBeLessThan(500);
  });

  test("touching more memory than the limit is stopped by the run's own cgroup (memory)", async () => {
    const outcome = await sandbox().run(await preparePython("x = bytearray(400 << 20)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\n"), {}, limits);
    expect(outcome.termination).toBe("memory");
  });

  test("stdout past the output limit ends the run (output) and keeps exactly the limit", async () => {
    const outcome = await sandbox().run(await preparePython("import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n"), {}, { ...limits, outputBytes: 100_000 });
    expect(outcome.termination).toBe("output");
    expect(outcome.stdout.length).toBe(100_000);
  });

  test("an uncaught exception is nonzero with Python's traceback, exit() and a fatal signal map as a fresh interpreter's would", async () => {
    const raises = await sandbox().run(await preparePython("def f():\n    return 1 / 0\nf()\n"), {}, limits);
    expect(raises).toMatchObject({ termination: "nonzero", exitCode: 1 });
    expect(raises.stderr).toStartWith('Traceback (most recent call last):\n  File "/prog/main.py", line 3, in <module>\n');
    expect(raises.stderr).toEndWith("ZeroDivisionError: division by zero\n");
    expect(await sandbox().run(await preparePython("import sys\nprint('out')\nsys.exit(3)\n"), {}, limits)).toMatchObject({ termination: "nonzero", exitCode: 3, stdout: "out\n" });
    expect(await sandbox().run(await preparePython("import os\nos.abort()\n"), {}, limits)).toMatchObject({ termination: "signaled", signal: "SIGABRT" });
  });

  test("stdin, arguments, files and collected files reach and leave the run", async () => {
    const program = await preparePython("import sys\nopen('out.txt', 'w').write(sys.stdin.read() + open('in.txt').read() + sys.argv[1])\n");
    const outcome = await sandbox().run(program, { stdin: "a", files: { "in.txt": "b" }, args: ["c"], collect: ["out.txt", "missing.txt"] }, limits);
    expect(outcome).toMatchObject({ termination: "exited", files: { "out.txt": "abc" } });
  });

  test("in a pair, one side over its CPU limit is stopped while the other finishes", async () => {
    const spins = await preparePython("while True:\n    pass\n");
    const waits = await preparePython("import sys\nsys.stdin.read()\nsys.stderr.write('peer done')\n");
    const pair = await sandbox().runPair(side(spins, { limits: { ...limits, cpuMs: 300 } }), side(waits));
    expect(pair.program.termination).toBe("cpu_time");
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "peer done" });
  });
});
