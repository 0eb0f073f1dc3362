/**
 * A warm pool of single-use Pyodide workers, each a bun process inside the local OS sandbox (lent
 * as a ToolRunner). A worker loads the interpreter from a memory snapshot while it waits, runs one
 * job and exits: no two runs, let alone two submissions, ever share an interpreter, and a guest that
 * monkeypatches builtins or leaves threads behind takes nothing into the next run. The pool keeps
 * `size` workers started ahead of need, so a run pays only for its own guest.
 */
import { join } from "node:path";
import type { ToolMount, ToolProcess, ToolRunner, ToolRunResult } from "../../tool-runner.ts";
import { SandboxError } from "../../types.ts";
import type { PyJob, PyResult } from "./protocol.ts";
import { RESULT_FILE, RT } from "./protocol.ts";

/**
 * The worker's memory cgroup, the same for every run so that any warm worker can take any job: the
 * most a wasm32 guest can address (4 GiB) plus bun and the interpreter. The job's own limit is
 * enforced by the worker, which watches its resident memory grow from the guest's start.
 */
export const WORKER_MEMORY_MB = 4096 + 512;
/** A worker's own lifetime limits (it stops its guest at the job's limits itself). */
const LIFETIME_MS = 6 * 3600 * 1000;
const STDERR_KEEP = 96 * 1024;
/** Bun's threads (JIT, GC, the guest thread) count as tasks. */
const WORKER_TASKS = 64;

export interface PyodideMounts {
  pyodideDir: string;
  workerDir: string;
  snapshotDir: string;
}

/** What one side of a run produced. */
export interface PyRunDone {
  result: PyResult;
  stdout: string;
  stderr: string;
  /** The whole worker's CPU and wall time, start-up included (the sandbox's figures). */
  workerCpuMs: number;
  workerWallMs: number;
}

interface Worker {
  process: ToolProcess;
  /** Where stdout chunks go; replaced when the worker is given its job. */
  sink: (chunk: Uint8Array) => void;
  gone: boolean;
}

export class PyodidePool {
  private idle: Worker[] = [];
  private running = new Set<Worker>();
  private closed = false;

  constructor(
    private readonly tools: ToolRunner,
    private readonly mounts: PyodideMounts,
    readonly size: number,
  ) {}

  /** Starts workers ahead of need (start-up, ~0.3 s of CPU each). */
  warm(): void {
    while (!this.closed && this.idle.length < this.size) this.idle.push(this.start());
  }

  /** Runs one job; `feed` writes the guest's stdin (and must end it), `onStdout` sees its stdout as it comes. */
  async run(job: PyJob, feed: (worker: { write(data: string | Uint8Array): void; end(): void }) => void, onStdout?: (chunk: Uint8Array) => void): Promise<PyRunDone> {
    if (this.closed) throw new SandboxError("the Pyodide pool is closed", "internal");
    const worker = this.take();
    const chunks: Uint8Array[] = [];
    worker.sink = (chunk) => {
      chunks.push(chunk);
      onStdout?.(chunk);
    };
    this.running.add(worker);
    worker.process.write(`${JSON.stringify(job)}\n`);
    feed(worker.process);
    try {
      const done = await worker.process.done;
      const stdout = Buffer.concat(chunks).toString("utf8");
      return { result: readResult(done, job), stdout, stderr: done.log, workerCpuMs: done.cpuMs, workerWallMs: done.wallMs };
    } finally {
      this.running.delete(worker);
      // Replacements start once a run is over, not while it runs: a loading worker (~0.4 s of CPU on
      // several of the engine's compiler threads) would take CPU from the guest and stretch its wall time.
      this.warm();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.running];
    for (const worker of this.idle) this.retire(worker);
    await Promise.allSettled(all.map((w) => w.process.done));
  }

  private take(): Worker {
    const index = this.idle.findIndex((w) => !w.gone);
    if (index >= 0) return this.idle.splice(index, 1)[0] as Worker;
    return this.start();
  }

  private retire(worker: Worker): void {
    this.idle = this.idle.filter((w) => w !== worker);
    worker.process.end();
  }

  private start(): Worker {
    const worker: Worker = { sink: () => {}, gone: false, process: null as unknown as ToolProcess };
    const spawn = this.tools.spawn;
    if (!spawn) throw new SandboxError("judge 'wasm' needs a tool runner that can keep a piped process (ToolRunner.spawn) for Python", "internal");
    worker.process = spawn.call(this.tools, {
      command: ["/usr/bin/bun", `${RT.worker}/worker.ts`],
      files: {},
      mounts: workerMounts(this.mounts),
      collect: [RESULT_FILE],
      limits: { cpuMs: LIFETIME_MS, wallMs: LIFETIME_MS, memoryMb: WORKER_MEMORY_MB, logBytes: STDERR_KEEP },
      fileBytes: 1 << 20,
      stdoutBytes: 2 ** 40,
      processes: WORKER_TASKS,
      onStdout: (chunk) => worker.sink(chunk),
    });
    void worker.process.done.then(
      () => {
        worker.gone = true;
        this.idle = this.idle.filter((w) => w !== worker);
      },
      () => {
        worker.gone = true;
        this.idle = this.idle.filter((w) => w !== worker);
      },
    );
    return worker;
  }
}

export function workerMounts(mounts: PyodideMounts): ToolMount[] {
  return [
    { src: mounts.pyodideDir, dest: RT.pyodide },
    { src: mounts.workerDir, dest: RT.worker },
    { src: mounts.snapshotDir, dest: join(RT.snapshot, "..") },
  ];
}

/** The worker's report; a worker the sandbox stopped (its memory cgroup) reports nothing. */
function readResult(done: ToolRunResult, job: PyJob): PyResult {
  const file = done.files[RESULT_FILE];
  if (file) return JSON.parse(Buffer.from(file).toString("utf8")) as PyResult;
  const base = { exitCode: null, signal: null, cpuMs: done.cpuMs, wallMs: done.wallMs, memoryKb: 0, files: {} };
  if (done.limit === "memory") return { ...base, termination: "memory" };
  if (done.limit === "time") return { ...base, termination: done.wallMs >= job.wallMs ? "wall_time" : "cpu_time" };
  throw new SandboxError(`a Pyodide worker ended without a result (exit ${done.exitCode}): ${done.log.trim().slice(-1500)}`, "sandbox_unavailable");
}
