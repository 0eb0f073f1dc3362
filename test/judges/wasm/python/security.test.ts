/**
 * What a Python guest of the WASM judge (Pyodide in single-use workers inside the local OS sandbox)
 * cannot do: reach the host through the JavaScript bridges (`js`, `pyodide_js`, `pyodide.ffi`),
 * processes (`os.system`, `subprocess`, `ctypes`) or sockets; pass its memory limit; keep computing
 * past its CPU limit; or leave a process behind.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunInput, RunLimits } from "../../../../judges/types.ts";
import type { WasmSandbox } from "../../../../judges/wasm/index.ts";
import { startLoopbackListener } from "../../../support/loopback-listener.ts";
import { CONFORMANCE_COMPILE_LIMITS, CONFORMANCE_LIMITS } from "../../conformance/fixture-runner.ts";
import { makeWasmSandbox } from "../make-sandbox.ts";

setDefaultTimeout(120_000);

let sandbox: WasmSandbox;
let closed = false;
beforeAll(() => {
  sandbox = makeWasmSandbox(1);
});
afterAll(async () => {
  if (!closed) await sandbox?.close();
});

async function runPython(code: string, input: RunInput = {}, limits: RunLimits = CONFORMANCE_LIMITS) {
  const prepared = await sandbox.prepare({ language: "python", code }, CONFORMANCE_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(`did not compile (${prepared.cause}):\n${prepared.log}`);
  return sandbox.run(prepared.program, input, limits);
}

/** Pids of this test's Pyodide workers (bun processes running the worker script, below this process). */
function workerPids(): number[] {
  const parentOf = new Map<number, number>();
  const workers: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parentOf.set(pid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("/rt/worker/worker.ts")) workers.push(pid);
    } catch {
      // Gone while we looked.
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  return workers.filter(below);
}

function cpuTicks(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone: uses nothing.
    }
  }
  return ticks;
}

describe("a Python guest of the WASM judge", () => {
  test("cannot read a host file or reach a loopback listener through js, pyodide_js, pyodide.ffi, os.system, subprocess, ctypes or sockets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cj-wasm-py-secret-"));
    chmodSync(dir, 0o755);
    const secret = `secret-${crypto.randomUUID()}`;
    const secretPath = join(dir, "harness.db");
    writeFileSync(secretPath, secret, { mode: 0o644 });
    const listener = startLoopbackListener();
    try {
      const code = readFileSync(join(import.meta.dir, "fixtures", "escapes.py"), "utf8");
      const outcome = await runPython(code, { args: [secretPath, String(listener.port)] });
      expect(outcome.termination).toBe("exited");
      expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(secret);
      expect(listener.connections()).toBe(0);
      // The bridges and the process and network calls are refused outright, not merely contained.
      for (const door of ["js", "pyodide_js", "pyodide.ffi", "pyodide.code", "os.system", "os.popen", "subprocess", "socket", "_socket", "open"]) {
        expect(outcome.stdout).toContain(`BLOCKED ${door}: `);
      }
      // Determined guests get further in Python (a JS null found by gc, the bridge's core re-imported
      // once the blocker is gone), but no JS object leads to a function that compiles code.
      expect(outcome.stdout).not.toContain("REACHED gc");
      expect(outcome.stdout).not.toContain("REACHED ctypes");
      expect(outcome.stdout).toMatch(/BLOCKED meta_path: (TypeError|AttributeError|JsException)/);
    } finally {
      listener.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("is stopped at its memory limit when it allocates past it", async () => {
    const limits = { ...CONFORMANCE_LIMITS, memoryMb: 128 };
    const outcome = await runPython("data = bytearray(1024 * 1024 * 1024)\nprint(len(data))\n", {}, limits);
    expect(outcome.termination).toBe("memory");
    expect(outcome.stdout).toBe("");
  });

  test("stops consuming CPU once past its CPU limit: its worker is gone and the workers left are idle", async () => {
    const limits = { ...CONFORMANCE_LIMITS, cpuMs: 1000, wallMs: 30_000 };
    const outcome = await runPython("while True:\n    pass\n", {}, limits);
    expect(outcome.termination).toBe("cpu_time");
    expect(outcome.timeMs).toBeGreaterThanOrEqual(1000);
    const before = workerPids();
    const ticksBefore = cpuTicks(before);
    await Bun.sleep(1000);
    // A guest still computing would add about 100 ticks (1 s of CPU); warm idle workers add almost none.
    expect(cpuTicks(before) - ticksBefore).toBeLessThan(30);
  });

  test("runs as the local judge's python3 would: stdin, argv, files, exit codes and a traceback on stderr", async () => {
    const code = "import sys\nname = open('name.txt').read().strip()\nprint(sys.argv[1:], name, input())\nraise SystemExit(int(sys.argv[1]))\n";
    const outcome = await runPython(code, { stdin: "line\n", args: ["4"], files: { "name.txt": "ada\n" } });
    expect(outcome).toMatchObject({ termination: "nonzero", exitCode: 4, stdout: "['4'] ada line\n" });
    const crashed = await runPython("def f():\n    return 1 / 0\nf()\n");
    expect(crashed.termination).toBe("nonzero");
    expect(crashed.exitCode).toBe(1);
    expect(crashed.stderr).toContain('File "/workspace/main.py", line 2, in f');
    expect(crashed.stderr).toContain("ZeroDivisionError: division by zero");
    expect(crashed.stderr).not.toContain("<exec>");
  });

  test("leaves no worker process behind once the sandbox is closed", async () => {
    // The file's sandbox is closed first (no replacement of its own can start late); workers of other
    // test files' sandboxes, idle in this process, are left out by taking them before this one starts.
    await sandbox.close();
    closed = true;
    const others = new Set(workerPids());
    const own = makeWasmSandbox(2);
    const prepared = await own.prepare({ language: "python", code: "print(input())\n" }, CONFORMANCE_COMPILE_LIMITS);
    if (!prepared.ok) throw new Error(prepared.log);
    const outcome = await own.run(prepared.program, { stdin: "hi\n" }, CONFORMANCE_LIMITS);
    expect(outcome.stdout).toBe("hi\n");
    const running = workerPids().filter((pid) => !others.has(pid));
    expect(running.length).toBeGreaterThan(0);
    await own.close();
    expect(running.filter((pid) => readdirSync("/proc").includes(String(pid)))).toEqual([]);
    expect(workerPids().filter((pid) => !others.has(pid))).toEqual([]);
  });
});
