/**
 * A single-use Pyodide worker, run by bun inside the OS sandbox (`bun /rt/worker/worker.ts`). The
 * main thread supervises; the guest runs in a worker thread (guest.ts), so this thread stays free to
 * measure the process's CPU, wall time and memory and to end the whole process at a limit: the only
 * way to stop WebAssembly that is computing. It reads one job (a JSON line) from stdin, hands the
 * rest of stdin to the guest, writes `/out/result.json` and exits. With `--snapshot` it writes the
 * interpreter's memory snapshot to `/out/pyodide.snap` instead.
 */
import { readSync, writeFileSync } from "node:fs";
import type { GuestMessage, HostMessage, PyJob, PyResult, PyTermination } from "./protocol.ts";
import { RESULT_FILE, SNAPSHOT_FILE } from "./protocol.ts";

const POLL_MS = 10;
const pause = new Int32Array(new SharedArrayBuffer(4));
const snapshotMode = process.argv.includes("--snapshot");
const guest = new Worker(new URL("./guest.ts", import.meta.url).href, { workerData: snapshotMode ? "snapshot" : "run" } as WorkerOptions);

function send(message: HostMessage): void {
  guest.postMessage(message);
}

/** Reads stdin up to the first newline: the job; what follows belongs to the guest. */
function readJob(): { job: PyJob; rest: Uint8Array } | null {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 2);
      continue;
    }
    if (n === 0) return null;
    const chunk = Buffer.from(buffer.subarray(0, n));
    const newline = chunk.indexOf(10);
    if (newline < 0) {
      chunks.push(chunk);
      continue;
    }
    chunks.push(chunk.subarray(0, newline));
    return { job: JSON.parse(Buffer.concat(chunks).toString("utf8")) as PyJob, rest: chunk.subarray(newline + 1) };
  }
}

function cpuMsNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function supervise(job: PyJob, rest: Uint8Array): void {
  const started = performance.now();
  const cpuStart = cpuMsNow();
  const rssStart = process.memoryUsage.rss();
  let peakRss = rssStart;
  let finished = false;
  const finish = (termination: PyTermination, extra: Partial<PyResult> = {}) => {
    if (finished) return;
    finished = true;
    const exitCode = extra.exitCode ?? null;
    const result: PyResult = {
      termination,
      exitCode,
      signal: null,
      cpuMs: Math.round(cpuMsNow() - cpuStart),
      wallMs: Math.round(performance.now() - started),
      memoryKb: Math.round((peakRss - rssStart) / 1024),
      files: {},
      ...extra,
    };
    writeFileSync(`/out/${RESULT_FILE}`, JSON.stringify(result));
    // The guest thread may be computing and cannot be interrupted: the process ends here, at once.
    process.kill(process.pid, "SIGKILL");
  };
  const memoryBytes = job.memoryMb * 1024 * 1024;
  setInterval(() => {
    const rss = process.memoryUsage.rss();
    peakRss = Math.max(peakRss, rss);
    if (rss - rssStart > memoryBytes) finish("memory");
    else if (cpuMsNow() - cpuStart > job.cpuMs) finish("cpu_time");
    else if (performance.now() - started > job.wallMs) finish("wall_time");
  }, POLL_MS);
  guest.onmessage = (event: MessageEvent<GuestMessage>) => {
    const message = event.data;
    if (message.kind === "output") finish("output");
    else if (message.kind === "fatal") {
      process.stderr.write(`\n${message.message}\n`);
      finish("signaled", { signal: "SIGSEGV" });
    } else if (message.kind === "done") {
      if (message.fileTooLarge) finish("output");
      else if (job.kind === "check") finish("exited", { exitCode: 0, checkLog: message.checkLog ?? "" });
      else finish(message.exitCode === 0 ? "exited" : "nonzero", { exitCode: message.exitCode, files: message.files });
    }
  };
  // A guest thread that dies outright (an engine error outside the interpreter's own handling, such
  // as the call stack exhausted while unwinding) is a crash of the guest, as a native SIGSEGV would be.
  const crashed = (detail: string) => {
    process.stderr.write(`\n[pyodide worker] the guest thread ended: ${detail.slice(0, 2000)}\n`);
    finish("signaled", { signal: "SIGSEGV" });
  };
  guest.addEventListener("error", (event) => crashed(String((event as ErrorEvent).message ?? event)));
  guest.addEventListener("close", () => crashed("closed"));
  send({ kind: "job", job, stdinHead: rest });
}

if (snapshotMode) {
  guest.onmessage = (event: MessageEvent<GuestMessage>) => {
    if (event.data.kind !== "snapshot") return;
    writeFileSync(`/out/${SNAPSHOT_FILE}`, event.data.bytes);
    process.exit(0);
  };
  send({ kind: "snapshot" });
} else {
  // Wait for the job while the guest thread loads the interpreter; a closed stdin retires the worker.
  const received = readJob();
  if (!received) process.exit(0);
  guest.onmessage = (event: MessageEvent<GuestMessage>) => {
    if (event.data.kind === "ready") supervise(received.job, received.rest);
  };
}
