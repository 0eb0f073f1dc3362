import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import type { PairSide, PreparedProgram } from "../../../judges/types.ts";
import { describeProcesses, listHostProcesses } from "../../support/processes.ts";
import { limits, useLocalSandbox } from "./local-sandbox.ts";

// Two sandboxed Python runs at once take seconds on a busy 2-core machine.
setDefaultTimeout(60_000);

const { sandbox, preparePython } = useLocalSandbox();

function side(program: PreparedProgram, extra: Partial<PairSide> = {}): PairSide {
  return { program, limits, ...extra };
}

// Asks three questions, one line each, and prints the answers it got on stderr (its report).
const ASKER = `import sys
for q in ["1", "2", "3"]:
    sys.stdout.write(q + "\\n"); sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("eof after " + q + "\\n"); sys.exit(0)
    sys.stderr.write("got " + line)
`;
// Answers every line with the number doubled, until end of file.
const DOUBLER = `import sys
for line in sys.stdin:
    sys.stdout.write(str(2 * int(line)) + "\\n"); sys.stdout.flush()
sys.stderr.write("doubler saw eof\\n")
`;

describe("local runPair", () => {
  test("each side's stdout reaches the other's stdin, and both see end of file when the other is done", async () => {
    const pair = await sandbox().runPair(side(await preparePython(DOUBLER)), side(await preparePython(ASKER)));
    expect(pair.peer).toMatchObject({ termination: "exited", stdout: "1\n2\n3\n", stderr: "got 2\ngot 4\ngot 6\n" });
    expect(pair.program).toMatchObject({ termination: "exited", stdout: "2\n4\n6\n", stderr: "doubler saw eof\n" });
  });

  test("when the program dies mid-conversation the peer reads end of file instead of waiting for its time limit", async () => {
    const dies = await preparePython("import os, sys\nsys.stdin.readline()\nos._exit(3)\n");
    const pair = await sandbox().runPair(side(dies), side(await preparePython(ASKER)));
    expect(pair.program).toMatchObject({ termination: "nonzero", exitCode: 3 });
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "eof after 1\n" });
  });

  test("each side has its own files, arguments and scratch folder", async () => {
    const lister = await preparePython("import os, sys\nprint(sorted(os.listdir('.')), sys.argv[1:], open('mine.txt').read())\n");
    const pair = await sandbox().runPair(
      side(lister, { files: { "mine.txt": "program's" }, args: ["p"] }),
      side(lister, { files: { "mine.txt": "peer's", "secret.txt": "answers" }, args: ["q"] }),
    );
    expect(pair.program.stdout).toBe("['mine.txt'] ['p'] program's\n");
    expect(pair.peer.stdout).toBe("['mine.txt', 'secret.txt'] ['q'] peer's\n");
  });

  test("limits are per side: a program over its CPU limit is stopped while the peer, with room, is not", async () => {
    const spins = await preparePython("while True:\n    pass\n");
    const waits = await preparePython("import sys\nsys.stdin.read()\nsys.stderr.write('peer done')\n");
    const pair = await sandbox().runPair(side(spins, { limits: { ...limits, cpuMs: 300 } }), side(waits, { limits: { ...limits, cpuMs: 5000 } }));
    expect(pair.program.termination).toBe("cpu_time");
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "peer done" });
  });

  test("a side that writes more than its output cap is stopped with 'output', and only the cap reaches the other side", async () => {
    const floods = await preparePython("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n");
    const counts = await preparePython("import sys\nsys.stderr.write(str(len(sys.stdin.buffer.read())))\n");
    const pair = await sandbox().runPair(side(floods, { limits: { ...limits, outputBytes: 100_000 } }), side(counts));
    expect(pair.program.termination).toBe("output");
    expect(pair.program.stdout.length).toBe(100_000);
    expect(pair.peer).toMatchObject({ termination: "exited", stderr: "100000" });
  });

  test("in a pair stderr counts against the output limit too (a program's prints go there in function mode)", async () => {
    const floods = await preparePython("import sys\nwhile True:\n    sys.stderr.write('x' * 65536)\n");
    const waits = await preparePython("import sys\nsys.stdin.read()\n");
    const pair = await sandbox().runPair(side(floods, { limits: { ...limits, outputBytes: 200_000 } }), side(waits));
    expect(pair.program.termination).toBe("output");
    expect(pair.peer.termination).toBe("exited");
  });

  test("no process, run folder or cgroup is left after pairs end, including one killed at its limit", async () => {
    const forks = await preparePython("import os, time\nif os.fork() == 0:\n    time.sleep(60)\ntime.sleep(60)\n");
    const pair = await sandbox().runPair(side(forks, { limits: { ...limits, wallMs: 500 } }), side(forks, { limits: { ...limits, wallMs: 800 } }));
    expect(pair.program.termination).toBe("wall_time");
    expect(pair.peer.termination).toBe("wall_time");
    const info = await sandbox().inspect();
    const groups = (info.cgroup?.dirs ?? []).map((dir) => basename(dir));
    const left = listHostProcesses().filter((p) => p.pid !== process.pid && groups.some((g) => p.cgroup.includes(`/${g}/`)));
    expect(describeProcesses(left)).toEqual([]);
    expect(readdirSync(info.runsDir).filter((name) => name.startsWith("run-"))).toEqual([]);
    for (const dir of info.cgroup?.dirs ?? []) {
      expect(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([]);
    }
  });

  test("a program prepared by another backend is refused", async () => {
    const foreign: PreparedProgram = { language: "python", key: "k", handle: { payload: "piston" } };
    const real = await preparePython("print(1)\n");
    await expect(sandbox().runPair(side(foreign), side(real))).rejects.toThrow("the program was not prepared by the local sandbox");
  });
});
