/**
 * runPair for Python on the WASM judge: each side in its own Pyodide worker, the stdout of each
 * relayed into the other's stdin while both run, as the local judge's pairs.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PreparedProgram, RunLimits } from "../../../../judges/types.ts";
import type { WasmSandbox } from "../../../../judges/wasm/index.ts";
import { CONFORMANCE_COMPILE_LIMITS } from "../../conformance/fixture-runner.ts";
import { makeWasmSandbox } from "../make-sandbox.ts";

setDefaultTimeout(120_000);

const LIMITS: RunLimits = { cpuMs: 5000, wallMs: 30_000, memoryMb: 256, outputBytes: 64 << 10, processes: 4, fileBytes: 1 << 20 };
let sandbox: WasmSandbox;
beforeAll(() => {
  sandbox = makeWasmSandbox(2);
});
afterAll(async () => {
  await sandbox?.close();
});

async function prepare(language: "python" | "cpp", code: string): Promise<PreparedProgram> {
  const prepared = await sandbox.prepare({ language, code }, CONFORMANCE_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(prepared.log);
  return prepared.program;
}

describe("a Python pair on the WASM judge", () => {
  test("holds a conversation: each answer is read before the next question is asked", async () => {
    // The peer asks, waits for the answer, and asks again: only a live relay gets past the first.
    const peer = await prepare("python", "import sys\nfor q in (2, 5, 7):\n    print(q, flush=True)\n    got = int(sys.stdin.readline())\n    assert got == q * q, got\nprint('done', file=sys.stderr)\n");
    const program = await prepare("python", "import sys\nfor line in sys.stdin:\n    print(int(line) ** 2, flush=True)\n");
    const outcome = await sandbox.runPair({ program, limits: LIMITS }, { program: peer, limits: LIMITS });
    expect(outcome.peer).toMatchObject({ termination: "exited", stdout: "2\n5\n7\n" });
    expect(outcome.peer.stderr).toBe("done\n");
    // The peer's exit closed the program's stdin, so it ended too.
    expect(outcome.program).toMatchObject({ termination: "exited", stdout: "4\n25\n49\n" });
  });

  test("stops a side that floods stderr at its output limit, as the local judge's pairs do", async () => {
    const program = await prepare("python", "import sys\nwhile True:\n    sys.stderr.write('trace' * 1000)\n");
    const peer = await prepare("python", "import sys\nsys.stdin.read()\n");
    const outcome = await sandbox.runPair({ program, limits: LIMITS }, { program: peer, limits: LIMITS });
    expect(outcome.program.termination).toBe("output");
    expect(outcome.peer.termination).toBe("exited");
  });

  test("refuses a Python side against a C++ side with a cause that names the local judge", async () => {
    const program = await prepare("python", "print(input())\n");
    const peer = await prepare("cpp", "#include <cstdio>\nint main() { std::puts(\"1\"); }\n");
    await expect(sandbox.runPair({ program, limits: LIMITS }, { program: peer, limits: LIMITS })).rejects.toThrow(/cannot pair a Python side with a C\+\+ peer.*--judge local/);
  });
});
