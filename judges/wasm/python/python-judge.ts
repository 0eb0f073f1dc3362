/**
 * Python on the WASM judge: prepare (a syntax check in a worker, so a SyntaxError is CE as on the
 * local judge), run and runPair over the Pyodide pool. Each run, and each side of a pair, gets a
 * fresh interpreter in its own sandboxed process.
 */
import { rmSync } from "node:fs";
import type { ToolRunner } from "../../tool-runner.ts";
import type { PairOutcome, PairSide, PreparedProgram, PrepareResult, RunInput, RunLimits, RunOutcome, SourceFile } from "../../types.ts";
import { SandboxError } from "../../types.ts";
import { wasmProgramKey } from "../cache.ts";
import type { PyodideMounts, PyRunDone } from "./pool.ts";
import { PyodidePool } from "./pool.ts";
import type { PyJob } from "./protocol.ts";
import { prepareRuntime, pyodideVersion } from "./snapshot.ts";

interface PythonHandle {
  python: { code: string; extraFiles: Record<string, string> };
}

const isPythonHandle = (handle: unknown): handle is PythonHandle => typeof (handle as PythonHandle | null)?.python?.code === "string";

export interface PythonJudge {
  prepare(source: SourceFile, limits: { cpuMs: number; wallMs: number; memoryMb: number }): Promise<PrepareResult>;
  run(program: PreparedProgram, input: RunInput, limits: RunLimits): Promise<RunOutcome>;
  runPair(program: PairSide, peer: PairSide): Promise<PairOutcome>;
  isPython(program: PreparedProgram): boolean;
  version(): string;
  close(): Promise<void>;
}

function jobFor(kind: PyJob["kind"], handle: PythonHandle, files: Record<string, string>, args: string[], collect: string[], limits: RunLimits): PyJob {
  return {
    kind,
    code: handle.python.code,
    files: { ...handle.python.extraFiles, ...files },
    args,
    collect,
    cpuMs: limits.cpuMs,
    wallMs: limits.wallMs,
    memoryMb: limits.memoryMb,
    outputBytes: limits.outputBytes,
    fileBytes: limits.fileBytes,
  };
}

export function toRunOutcome(done: PyRunDone): RunOutcome {
  const { result } = done;
  return {
    termination: result.termination,
    exitCode: result.exitCode,
    signal: result.signal,
    timeMs: result.cpuMs,
    wallMs: result.wallMs,
    memoryKb: result.memoryKb,
    stdout: done.stdout,
    stderr: done.stderr,
    ...(Object.keys(result.files).length ? { files: result.files } : {}),
  };
}

export function createPythonJudge(tools: ToolRunner, cacheDir: string, poolSize: number): PythonJudge {
  let runtime: Promise<{ pool: PyodidePool; mounts: PyodideMounts }> | null = null;
  const pool = async () => {
    runtime ??= prepareRuntime(tools, cacheDir).then((mounts) => {
      const created = new PyodidePool(tools, mounts, poolSize);
      created.warm();
      return { mounts, pool: created };
    });
    return (await runtime).pool;
  };
  const checked = new Map<string, Promise<PrepareResult>>();

  async function check(source: SourceFile, key: string, limits: { cpuMs: number; wallMs: number; memoryMb: number }): Promise<PrepareResult> {
    const started = performance.now();
    const handle: PythonHandle = { python: { code: source.code, extraFiles: source.extraFiles ?? {} } };
    const runLimits: RunLimits = { ...limits, outputBytes: 1 << 16, processes: 1, fileBytes: 1 << 20 };
    const done = await (await pool()).run(jobFor("check", handle, {}, [], [], runLimits), (w) => w.end());
    const timeMs = Math.round(performance.now() - started);
    if (done.result.termination === "cpu_time" || done.result.termination === "wall_time") return { ok: false, log: "syntax check: time limit", timeMs, cause: "compile_time" };
    if (done.result.termination === "memory") return { ok: false, log: "syntax check: memory limit", timeMs, cause: "compile_memory" };
    const log = done.result.checkLog ?? "";
    if (log) return { ok: false, log, timeMs, cause: "compile_error" };
    return { ok: true, program: { language: "python", key, handle }, log: "", timeMs, cached: false };
  }

  const sidePlan = (side: PairSide, which: string) => {
    if (!isPythonHandle(side.program.handle)) {
      // Not "internal": the eval goes on, this sample is SE with this cause.
      throw new SandboxError(`judge 'wasm' cannot pair a Python side with a C++ ${which} (an interactive problem with a C++ interactor and a Python program): judge it with --judge local`, "sandbox_unavailable");
    }
    // As in the local judge's pairs, a side flooding stderr (function mode's driver sends a
    // candidate's prints there) is stopped at its output limit.
    return { ...jobFor("run", side.program.handle, side.files ?? {}, side.args ?? [], side.collect ?? [], side.limits), stderrKillBytes: side.limits.outputBytes };
  };

  return {
    isPython: (program) => isPythonHandle(program.handle),
    version: () => `Pyodide ${pyodideVersion()} (CPython as WebAssembly) in single-use bun workers inside the local OS sandbox`,
    prepare(source, limits) {
      const key = wasmProgramKey({ language: "python", code: source.code, extraFiles: source.extraFiles ?? {}, pyodide: pyodideVersion() });
      const known = checked.get(key);
      if (known) return known.then((r) => (r.ok ? { ...r, cached: true } : r));
      const pending = check(source, key, limits);
      checked.set(key, pending);
      // Time and memory failures depend on the machine's load: they are not remembered.
      void pending.then((r) => (r.ok || r.cause === "compile_error" ? null : checked.delete(key)), () => checked.delete(key));
      return pending;
    },
    async run(program, input, limits) {
      if (!isPythonHandle(program.handle)) throw new SandboxError("this program was not prepared as Python by the wasm sandbox", "internal");
      const job = jobFor("run", program.handle, input.files ?? {}, input.args ?? [], input.collect ?? [], limits);
      const done = await (await pool()).run(job, (w) => {
        if (input.stdin) w.write(input.stdin);
        w.end();
      });
      return toRunOutcome(done);
    },
    async runPair(program, peer) {
      const programJob = sidePlan(program, "program");
      const peerJob = sidePlan(peer, "peer");
      const p = await pool();
      // Each side's stdout is the other's stdin; a side that ends closes the other's stdin.
      const ends: { program?: { write(d: Uint8Array): void; end(): void }; peer?: { write(d: Uint8Array): void; end(): void } } = {};
      const programRun = p.run(programJob, (w) => (ends.program = w), (chunk) => ends.peer?.write(chunk));
      const peerRun = p.run(peerJob, (w) => (ends.peer = w), (chunk) => ends.program?.write(chunk));
      void programRun.finally(() => ends.peer?.end());
      void peerRun.finally(() => ends.program?.end());
      const [programDone, peerDone] = await Promise.all([programRun, peerRun]);
      return { program: toRunOutcome(programDone), peer: toRunOutcome(peerDone) };
    },
    async close() {
      if (!runtime) return;
      const { pool: p, mounts } = await runtime;
      await p.close();
      rmSync(mounts.snapshotDir, { recursive: true, force: true });
    },
  };
}
