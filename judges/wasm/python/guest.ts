/**
 * The guest thread of a Pyodide worker (inside the OS sandbox): loads the interpreter from the
 * memory snapshot, then runs the one job it is given with stdin read from fd 0 and stdout/stderr
 * written to fds 1 and 2. Before the guest starts, the Node modules through which Emscripten reaches
 * the host (child_process for `system()`, ws for sockets) and Bun's own process and file APIs are
 * replaced by functions that throw, in this thread only; the main thread (worker.ts) keeps its own.
 */
import * as childProcess from "node:child_process";
import { readFileSync, readSync, writeSync } from "node:fs";
import { workerData } from "node:worker_threads";
import type { GuestMessage, HostMessage, PyJob } from "./protocol.ts";
import { RT } from "./protocol.ts";

declare const self: { postMessage(message: GuestMessage): void; onmessage: ((event: { data: HostMessage }) => void) | null };

const STDERR_KEEP = 64 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

function post(message: GuestMessage): void {
  self.postMessage(message);
}

/** Ends the guest for good: the main thread writes the result and kills the process. */
function stopHere(message: GuestMessage): never {
  post(message);
  for (;;) Atomics.wait(pause, 0, 0);
}

/** Blocking I/O on fds that may be non-blocking pipes. */
function retrying<T>(io: () => T): T {
  for (;;) {
    try {
      return io();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += retrying(() => writeSync(fd, bytes, offset, bytes.length - offset));
}

function blockHostAccess(): void {
  const refuse = () => {
    throw new Error("not available to judged programs");
  };
  for (const name of Object.keys(childProcess)) {
    try {
      (childProcess as Record<string, unknown>)[name] = refuse;
    } catch {
      // A frozen export cannot be replaced; the OS sandbox still contains it.
    }
  }
  const bun = (globalThis as { Bun?: Record<string, unknown> }).Bun;
  for (const name of ["spawn", "spawnSync", "file", "write", "connect", "listen", "serve", "udpSocket", "$", "openInEditor"]) {
    if (bun) bun[name] = refuse;
  }
  for (const name of ["fetch", "WebSocket", "Worker", "XMLHttpRequest", "require", "eval"]) (globalThis as Record<string, unknown>)[name] = refuse;
  // Any JS object a guest gets hold of (through gc, or a bridge it re-imports) leads by
  // `.constructor.constructor` to Function, which compiles arbitrary code. The interpreter reads only
  // `.constructor.name`: a stand-in with the same name that compiles nothing.
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const fn of kinds) {
    const proto = Object.getPrototypeOf(fn) as object;
    const name = (proto as { constructor: { name: string } }).constructor.name;
    Object.defineProperty(proto, "constructor", { value: Object.freeze({ name }), writable: false, configurable: false });
  }
}

type Pyodide = Awaited<ReturnType<typeof import("pyodide").loadPyodide>>;

async function load(snapshot: boolean): Promise<Pyodide> {
  const { loadPyodide } = (await import(`${RT.pyodide}/pyodide.mjs`)) as typeof import("pyodide");
  return loadPyodide({
    indexURL: `${RT.pyodide}/`,
    jsglobals: {},
    env: { HOME: "/workspace", PYTHONHASHSEED: "0" },
    ...(snapshot ? { _makeSnapshot: true } : { _loadSnapshot: readFileSync(RT.snapshot) }),
  });
}

/**
 * Puts runner.py, and the standard modules judged programs import most, into the snapshot: every
 * worker then starts with them imported (tens of ms of CPU each run otherwise). Nothing that seeds
 * randomness at import (random, uuid, tempfile) is among them, so each run still draws its own seeds.
 */
function installRunner(py: Pyodide): void {
  py.runPython(`
import sys, types
runner = types.ModuleType("_codejudge_runner")
exec(compile(${JSON.stringify(readFileSync(`${RT.worker}/runner.py`, "utf8"))}, "<runner>", "exec"), runner.__dict__)
sys.modules["_codejudge_runner"] = runner
import bisect, collections, copy, fractions, functools, heapq, itertools, json, math, re, string, typing
`);
}

function runJob(py: Pyodide, job: PyJob, stdinHead: Uint8Array): void {
  const runner = py.pyimport("_codejudge_runner").__dict__;
  if (job.kind === "check") {
    stopHere({ kind: "done", exitCode: 0, files: {}, fileTooLarge: false, checkLog: runner.get("check")(job.code) as string });
  }
  let head: Uint8Array | null = stdinHead.length ? stdinHead : null;
  py.setStdin({
    read(buffer: Uint8Array) {
      if (head) {
        const n = Math.min(head.length, buffer.length);
        buffer.set(head.subarray(0, n));
        head = n < head.length ? head.subarray(n) : null;
        return n;
      }
      return retrying(() => readSync(0, buffer, 0, buffer.length, null));
    },
  });
  let written = 0;
  py.setStdout({
    write(buffer: Uint8Array) {
      written += buffer.length;
      if (written > job.outputBytes) {
        writeAll(1, buffer.subarray(0, buffer.length - (written - job.outputBytes)));
        stopHere({ kind: "output" });
      }
      writeAll(1, buffer);
      return buffer.length;
    },
  });
  let errWritten = 0;
  py.setStderr({
    write(buffer: Uint8Array) {
      const room = Math.max(0, STDERR_KEEP - errWritten);
      errWritten += buffer.length;
      if (room > 0) writeAll(2, buffer.subarray(0, Math.min(room, buffer.length)));
      if (job.stderrKillBytes !== undefined && errWritten > job.stderrKillBytes) stopHere({ kind: "output" });
      return buffer.length;
    },
  });
  const finish = (exitCode: number): never => {
    const [files, fileTooLarge] = runner.get("collect")(py.toPy(job.collect), job.outputBytes).toJs({ dict_converter: Object.fromEntries }) as [Record<string, string>, boolean];
    stopHere({ kind: "done", exitCode, files, fileTooLarge });
  };
  blockHostAccess();
  const sleep = (seconds: number) => Atomics.wait(pause, 0, 0, seconds * 1000);
  const status = runner.get("run")(job.code, py.toPy(job.files), py.toPy(job.args), finish, sleep) as number;
  finish(status);
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.kind === "snapshot") {
    void load(true).then((py) => {
      installRunner(py);
      post({ kind: "snapshot", bytes: py.makeMemorySnapshot() });
    });
    return;
  }
  try {
    runJob(ready as Pyodide, message.job, message.stdinHead);
  } catch (error) {
    // A fatal error of the interpreter itself (the engine's stack exhausted, a trap): the guest crashed.
    stopHere({ kind: "fatal", message: String((error as Error)?.stack ?? error).slice(0, 2000) });
  }
};

let ready: Pyodide | null = null;
if (workerData !== "snapshot") {
  void load(false).then((py) => {
    ready = py;
    post({ kind: "ready" });
  });
}
