/**
 * One guest worker process of the pool: runs WebAssembly programs one at a time with @wasmer/sdk,
 * each in a fresh Wasmer sandbox (no network, no host folders, an in-memory /workspace). The pool
 * kills this whole process when a guest passes its CPU or wall limit, so a runaway guest never keeps
 * a core: nothing here has to interrupt a guest that is computing.
 */
import { Wasmer, type Package } from "@wasmer/sdk/node";
import { withMemoryCeiling } from "./memory-limit.ts";
import type { GuestDone, GuestRequest, WorkerMessage } from "./protocol.ts";

const send = (message: WorkerMessage) => process.send?.(message);
const wasmer = new Wasmer({ cache: false });
const packages = new Map<string, Package>();
/** Packages kept per worker (each holds a compiled module); the oldest is dropped first. */
const MAX_PACKAGES = 64;
const WORKSPACE = "/workspace";
const FILE_POLL_MS = 50;

async function packageFor(request: GuestRequest): Promise<Package> {
  const key = `${request.wasmPath} ${request.maxPages}`;
  const known = packages.get(key);
  if (known) return known;
  const module = new Uint8Array(await Bun.file(request.wasmPath).arrayBuffer());
  const pkg = await wasmer.packages.load(withMemoryCeiling(module, request.maxPages));
  if (packages.size >= MAX_PACKAGES) packages.delete(packages.keys().next().value as string);
  packages.set(key, pkg);
  return pkg;
}

/** Reads a stream up to `cap` bytes; past it calls `onExceed` once and stops keeping bytes. */
async function capture(stream: AsyncIterable<Uint8Array> | null, cap: number, onExceed: () => void): Promise<string> {
  if (!stream) return "";
  const chunks: Uint8Array[] = [];
  let kept = 0;
  for await (const chunk of stream) {
    if (kept + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - kept));
      kept = cap;
      onExceed();
      break;
    }
    chunks.push(chunk);
    kept += chunk.length;
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The largest regular file the guest has under `dir` (one level of sub-folders is enough to find a flood). */
async function largestFile(fs: { readDir(path: string): Promise<readonly { name: string; kind: string; size: number }[]> }, dir: string, depth = 2): Promise<number> {
  let largest = 0;
  const entries = await fs.readDir(dir).catch(() => []);
  for (const entry of entries) {
    if (entry.kind === "file") largest = Math.max(largest, entry.size);
    else if (depth > 0) largest = Math.max(largest, await largestFile(fs, `${dir}/${entry.name}`, depth - 1));
  }
  return largest;
}

async function runGuest(request: GuestRequest): Promise<GuestDone> {
  const base = { type: "done" as const, id: request.id, files: {}, stdout: "", stderr: "", cpuUs: 0, outputExceeded: false };
  const pkg = await packageFor(request);
  const files = Object.fromEntries(Object.entries(request.files).map(([name, text]) => [`${WORKSPACE}/${name}`, text]));
  const sandbox = await wasmer.sandboxes.create({ packages: [pkg], network: { mode: "disabled" }, env: {}, files });
  try {
    let outputExceeded = false;
    let stopped = false;
    const cpu0 = process.cpuUsage();
    const proc = await sandbox
      .command(pkg, request.args, { cwd: WORKSPACE, env: {} })
      .spawn({ stdin: "pipe", stdout: "pipe", stderr: "pipe", timeoutMs: request.wallMs, outputBytes: request.outputBytes + 1 });
    send({ type: "started", id: request.id });
    const stop = () => {
      if (stopped) return;
      stopped = true;
      void proc.kill().catch(() => undefined);
    };
    const exceed = () => {
      outputExceeded = true;
      stop();
    };
    const stdoutDone = capture(proc.stdout, request.outputBytes, exceed);
    const stderrDone = capture(proc.stderr, request.outputBytes, () => undefined);
    const stdinDone = (async () => {
      if (!proc.stdin) return;
      if (request.stdin) await proc.stdin.write(request.stdin).catch(() => undefined);
      await proc.stdin.close().catch(() => undefined);
    })();
    const fileWatch = setInterval(() => {
      void Promise.all([largestFile(sandbox.fs, WORKSPACE), largestFile(sandbox.fs, "/tmp")]).then((sizes) => {
        if (Math.max(...sizes) > request.fileBytes) exceed();
      });
    }, FILE_POLL_MS);
    let exitCode: number | null = null;
    let trap: string | null = null;
    try {
      const output = await proc.wait({ check: false });
      exitCode = output.exitCode;
    } catch (error) {
      trap = error instanceof Error ? error.message : String(error);
    } finally {
      clearInterval(fileWatch);
    }
    const [stdout, stderr] = await Promise.all([stdoutDone, stderrDone, stdinDone]);
    const used = process.cpuUsage(cpu0);
    const collected: Record<string, string> = {};
    for (const name of request.collect) {
      const stat = await sandbox.fs.stat(`${WORKSPACE}/${name}`).catch(() => null);
      if (!stat || stat.kind !== "file") continue;
      if (stat.size > request.fileBytes) outputExceeded = true;
      else collected[name] = await sandbox.fs.readText(`${WORKSPACE}/${name}`).catch(() => "");
    }
    return { ...base, exitCode: outputExceeded ? null : exitCode, trap, noMemory: false, outputExceeded, stdout, stderr, files: collected, cpuUs: used.user + used.system };
  } finally {
    await sandbox.close().catch(() => undefined);
  }
}

/** Start-up failures caused by the guest's own size (static data and stack above the ceiling). */
const NO_MEMORY = /memory|Out of memory|initial.*maximum|exceeds/i;

async function handle(request: GuestRequest): Promise<void> {
  try {
    send(await runGuest(request));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (NO_MEMORY.test(message) && /instantiat|WebAssembly\.Memory|memory/i.test(message)) {
      send({ type: "done", id: request.id, exitCode: null, trap: null, noMemory: true, outputExceeded: false, stdout: "", stderr: message, files: {}, cpuUs: 0 });
    } else {
      send({ type: "failed", id: request.id, message });
    }
  }
}

let queue: Promise<void> = Promise.resolve();
process.on("message", (message: GuestRequest) => {
  if (message?.type !== "run") return;
  queue = queue.then(() => handle(message));
});
process.on("disconnect", () => process.exit(0));
await wasmer.ready();
send({ type: "ready" });
