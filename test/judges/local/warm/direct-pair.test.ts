import { describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PairSide, PreparedProgram } from "../../../../judges/types.ts";
import { limits } from "../local-sandbox.ts";
import { side, useWarmSandbox } from "./warm-sandbox.ts";

// Runs that reach their limits take seconds on a busy 2-core machine.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useWarmSandbox();

/** The peer of a direct pair: trusted, so the zygote joins the sides with plain pipes. */
const direct = (program: PreparedProgram, extra: Partial<PairSide> = {}): PairSide => side(program, { ...extra, directPipe: true });

describe("a warm pair whose peer allows a direct pipe", () => {
  test("bytes cross both ways on plain pipes, each side holds only its stdio, and no stdout is captured", async () => {
    const echo = await preparePython(
      "import os, sys\nline = sys.stdin.readline()\nsys.stdout.write(line.strip() + '!\\n')\nsys.stdout.flush()\nsys.stderr.write(' '.join(sorted(os.listdir('/proc/self/fd'))))\n",
    );
    const asks = await preparePython("import sys\nsys.stdout.write('ping\\n')\nsys.stdout.flush()\nsys.stderr.write(sys.stdin.readline())\n");
    const pair = await sandbox().runPair(side(echo), direct(asks));
    expect(pair.program).toMatchObject({ termination: "exited", stdout: "" });
    // 3 is the listing's own descriptor of /proc/self/fd.
    expect(pair.program.stderr).toBe("0 1 2 3");
    expect(pair.peer).toMatchObject({ termination: "exited", stdout: "", stderr: "ping!\n" });
  });

  test("a program that ends at once leaves the peer reading end of file, not waiting for its wall limit", async () => {
    const quits = await preparePython("pass\n");
    const waits = await preparePython("import sys\ndata = sys.stdin.read()\nsys.stderr.write('eof after %d bytes' % len(data))\n");
    const pair = await sandbox().runPair(side(quits), direct(waits, { limits: { ...limits, wallMs: 20_000 } }));
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "eof after 0 bytes" });
  });

  test("one side over its CPU limit is stopped and the other reads end of file and finishes", async () => {
    const spins = await preparePython("while True:\n    pass\n");
    const waits = await preparePython("import sys\nsys.stdin.read()\nsys.stderr.write('peer done')\n");
    const pair = await sandbox().runPair(side(spins, { limits: { ...limits, cpuMs: 300 } }), direct(waits));
    expect(pair.program.termination).toBe("cpu_time");
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "peer done" });
  });

  test("the peer, run in its init, ends as a program would: exit code, stderr, CPU limit, and the program reads end of file", async () => {
    const waits = await preparePython("import sys\nsys.stdin.read()\nsys.stderr.write('program done')\n");
    const exits = await preparePython("import sys\nsys.stderr.write('bye')\nsys.exit(3)\n");
    const ended = await sandbox().runPair(side(waits), direct(exits));
    expect(ended.peer).toMatchObject({ termination: "nonzero", exitCode: 3, stderr: "bye" });
    expect(ended.program).toMatchObject({ termination: "exited", stderr: "program done" });
    const spins = await preparePython("while True:\n    pass\n");
    const spun = await sandbox().runPair(side(waits), direct(spins, { limits: { ...limits, cpuMs: 300 } }));
    expect(spun.peer.termination).toBe("cpu_time");
    expect(spun.peer.timeMs).toBeGreaterThanOrEqual(250);
    expect(spun.program).toMatchObject({ termination: "exited", stderr: "program done" });
  });

  test("the program's stderr is still capped at the output limit (the peer's report channel cannot be flooded through it)", async () => {
    const floods = await preparePython("import sys\nwhile True:\n    sys.stderr.write('e' * 65536)\n");
    const waits = await preparePython("import sys\nsys.stdin.read()\n");
    const pair = await sandbox().runPair(side(floods, { limits: { ...limits, outputBytes: 100_000 } }), direct(waits));
    expect(pair.program.termination).toBe("output");
  });
});
