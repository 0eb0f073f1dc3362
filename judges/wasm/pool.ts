/**
 * A warm pool of guest worker processes (worker.ts), sized to the cores. A guest's limits are
 * enforced here, from outside its process: CPU from /proc/<pid>/stat (the worker's whole CPU from
 * the moment the guest started), wall time by a timer, and the worker's resident memory as a
 * backstop for what the guest's in-memory files cost. Past a limit the worker is SIGKILLed — the
 * only way to stop WebAssembly that is computing — and a fresh one takes its place on demand.
 */
import { join } from "node:path";
import { SandboxError } from "../types.ts";
import { readCpuMs, readRssBytes } from "./proc-stats.ts";
import type { GuestDone, GuestRequest, PairDone, PairRequest, WorkerMessage } from "./protocol.ts";

const WORKER_SCRIPT = join(import.meta.dir, "worker.ts");
const POLL_MS = 20;
/** Resident memory a worker may add beyond its guest's ceiling and files (runtime, compiled code). */
const WORKER_OVERHEAD_BYTES = 512 << 20;
const START_TIMEOUT_MS = 60_000;

export interface GuestJob extends Omit<GuestRequest, "type" | "id"> {
  cpuMs: number;
  memoryMb: number;
}

/** A pair of guests in one worker; the limits that decide the worker's fate are the program's. */
export interface PairJob extends Omit<PairRequest, "type" | "id"> {
  cpuMs: number;
  memoryMb: number;
}

export interface PoolResult<T> {
  /** The worker's report; null when the pool stopped the guest first. */
  done: T | null;
  stopped: "cpu_time" | "wall_time" | "memory" | null;
  cpuMs: number;
  wallMs: number;
}

export type GuestResult = PoolResult<GuestDone>;

/** What the pool watches while a request runs. */
interface Watch {
  cpuMs: number;
  wallMs: number;
  memoryMb: number;
  fileBytes: number;
}

interface Worker {
  proc: Bun.Subprocess;
  ready: Promise<void>;
  listener: ((message: WorkerMessage) => void) | null;
  alive: boolean;
}

export class GuestPool {
  private idle: Worker[] = [];
  private count = 0;
  private waiting: ((worker: Worker) => void)[] = [];
  private nextId = 0;
  private closed = false;
  private all = new Set<Worker>();

  constructor(readonly size: number) {}

  private spawnWorker(): Worker {
    let resolveReady: () => void = () => undefined;
    let rejectReady: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    const worker: Worker = { proc: null as unknown as Bun.Subprocess, ready, listener: null, alive: true };
    worker.proc = Bun.spawn({
      cmd: [process.execPath, WORKER_SCRIPT],
      stdio: ["ignore", "ignore", "pipe"],
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      ipc(message: WorkerMessage) {
        if (message.type === "ready") resolveReady();
        else worker.listener?.(message);
      },
    });
    const startTimer = setTimeout(() => rejectReady(new Error("the guest worker did not start in time")), START_TIMEOUT_MS);
    void ready.finally(() => clearTimeout(startTimer)).catch(() => undefined);
    // Drained all along (a full pipe would stall the worker); the tail explains a worker that dies.
    let stderrTail = "";
    const drained = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of worker.proc.stderr as ReadableStream<Uint8Array>) stderrTail = (stderrTail + decoder.decode(chunk)).slice(-2000);
    })().catch(() => undefined);
    void worker.proc.exited.then(async () => {
      worker.alive = false;
      this.all.delete(worker);
      await drained;
      const stderr = stderrTail;
      rejectReady(new Error(`the guest worker exited (${worker.proc.exitCode ?? worker.proc.signalCode}): ${stderr.slice(-1000)}`));
      worker.listener?.({ type: "failed", id: null, message: `the guest worker died: ${stderr.slice(-1000)}` });
    });
    this.all.add(worker);
    return worker;
  }

  private async acquire(): Promise<Worker> {
    if (this.closed) throw new SandboxError("the wasm sandbox is closed", "internal");
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (idle.alive) return idle;
      this.count--; // died while idle
    }
    if (this.count < this.size) {
      this.count++;
      return this.spawnWorker();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    if (!worker.alive) {
      this.count--;
      // A replacement is started only when someone waits for one.
      const next = this.waiting.shift();
      if (next) {
        this.count++;
        next(this.spawnWorker());
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  /** Runs one guest; throws SandboxError when the worker itself fails. */
  run(job: GuestJob): Promise<GuestResult> {
    const { cpuMs, memoryMb, ...rest } = job;
    return this.submit<GuestDone>((id) => ({ type: "run", id, ...rest }), { cpuMs, memoryMb, wallMs: job.wallMs, fileBytes: job.fileBytes });
  }

  /** Runs two guests piped together in one worker. */
  runPair(job: PairJob): Promise<PoolResult<PairDone>> {
    const { cpuMs, memoryMb, ...rest } = job;
    const fileBytes = job.program.fileBytes + job.peer.fileBytes;
    return this.submit<PairDone>((id) => ({ type: "pair", id, ...rest }), { cpuMs, memoryMb, wallMs: job.wallMs, fileBytes });
  }

  private async submit<T extends GuestDone | PairDone>(build: (id: number) => GuestRequest | PairRequest, watch: Watch): Promise<PoolResult<T>> {
    const worker = await this.acquire();
    try {
      await worker.ready.catch((error: Error) => {
        throw new SandboxError(`cannot start a WebAssembly worker: ${error.message}`, "sandbox_unavailable", { cause: error });
      });
      return await this.runOn<T>(worker, build(++this.nextId), watch);
    } finally {
      this.release(worker);
    }
  }

  private runOn<T extends GuestDone | PairDone>(worker: Worker, request: GuestRequest | PairRequest, watch: Watch): Promise<PoolResult<T>> {
    const { id } = request;
    const pid = worker.proc.pid;
    const cpuLimit = watch.cpuMs;
    return new Promise<PoolResult<T>>((resolve, reject) => {
      let started = 0;
      let cpu0 = 0;
      let rssBudget = 0;
      let timer: ReturnType<typeof setInterval> | null = null;
      let wallTimer: ReturnType<typeof setTimeout> | null = null;
      const finish = (result: PoolResult<T> | Error) => {
        if (timer) clearInterval(timer);
        if (wallTimer) clearTimeout(wallTimer);
        worker.listener = null;
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const usedCpu = () => Math.max(0, (readCpuMs(pid) ?? cpu0) - cpu0);
      // The guest is dead (its worker reaped) before the run returns, so it burns nothing afterwards.
      const killWorker = () => {
        worker.alive = false;
        worker.proc.kill("SIGKILL");
        return worker.proc.exited;
      };
      let stopping = false;
      const stop = (reason: NonNullable<PoolResult<T>["stopped"]>) => {
        if (stopping) return;
        stopping = true;
        const cpuMs = reason === "cpu_time" ? Math.max(cpuLimit, usedCpu()) : usedCpu();
        const wallMs = Math.round(performance.now() - started);
        if (timer) clearInterval(timer);
        if (wallTimer) clearTimeout(wallTimer);
        void killWorker().then(() => finish({ done: null, stopped: reason, cpuMs, wallMs }));
      };
      worker.listener = (message) => {
        if (message.type === "started" && message.id === id) {
          started = performance.now();
          cpu0 = readCpuMs(pid) ?? 0;
          // Linear memory up to the ceiling, files up to the same amount again (the worker's checks stop them there).
          rssBudget = (readRssBytes(pid) ?? 0) + 2 * watch.memoryMb * 1024 * 1024 + WORKER_OVERHEAD_BYTES;
          wallTimer = setTimeout(() => stop("wall_time"), watch.wallMs);
          timer = setInterval(() => {
            if (usedCpu() > cpuLimit) stop("cpu_time");
            else if ((readRssBytes(pid) ?? 0) > rssBudget) stop("memory");
          }, POLL_MS);
        } else if ((message.type === "done" || message.type === "pair-done") && message.id === id && !stopping) {
          const cpuMs = Math.round(Math.max(message.cpuUs / 1000, started ? usedCpu() : 0));
          const wallMs = Math.round(performance.now() - (started || performance.now()));
          const result: PoolResult<T> = { done: message as T, stopped: cpuMs > cpuLimit ? "cpu_time" : null, cpuMs, wallMs };
          // A guest stopped for its output may still be running inside the worker.
          if (message.killWorker) {
            stopping = true;
            void killWorker().then(() => finish(result));
          } else finish(result);
        } else if (message.type === "failed" && (message.id === id || message.id === null) && !stopping) {
          stopping = true;
          void killWorker();
          finish(new SandboxError(`the WebAssembly runtime failed: ${message.message}`, "internal"));
        }
      };
      worker.proc.send(request);
    });
  }

  /** Kills every worker (idle or busy). */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    for (const worker of workers) worker.proc.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.proc.exited));
    this.idle = [];
  }

  /** Pids of the live workers (for tests that check nothing is left behind). */
  pids(): number[] {
    return [...this.all].map((w) => w.proc.pid);
  }
}
