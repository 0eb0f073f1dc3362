/**
 * One guest worker process of the pool: runs WebAssembly programs one at a time with @wasmer/sdk,
 * each in a fresh Wasmer sandbox (no network, no host folders, an in-memory /workspace). The pool
 * kills this whole process when a guest passes its CPU or wall limit, so a runaway guest never keeps
 * a core: nothing here has to interrupt a guest that is computing.
 */
import { Wasmer, type Package } from "@wasmer/sdk/node";
import { readMemoryLimits, withMemoryCeiling } from "./memory-limit.ts";
import type { GuestDone, GuestRequest, WorkerMessage } from "./protocol.ts";

const send = (message: WorkerMessage) => process.send?.(message);
const wasmer = new Wasmer({ cache: false });
const packages = new Map<string, Package>();
/** Packages kept per worker (each holds a compiled module); the oldest is dropped first. */
const MAX_PACKAGES = 64;
const WORKSPACE = "/workspace";
const FILE_POLL_MS = 50;

/** null: the module's static data and stack alone need more pages than the ceiling allows. */
async function packageFor(request: GuestRequest): Promise<Package | null> {
  const key = `${request.wasmPath} ${request.maxPages}`;
  const known = packages.get(key);
  if (known) return known;
  const module = new Uint8Array(await Bun.file(request.wasmPath).arrayBuffer());
  if ((readMemoryLimits(module)?.initialPages ?? 0) > request.maxPages) return null;
  const pkg = await wasmer.packages.load(withMemoryCeiling(module, request.maxPages));
  if (packages.size >= MAX_PACKAGES) packages.delete(packages.keys().next().value as string);
  packages.set(key, pkg);
  return pkg;
}

/** Reads a stream up to `cap` bytes; past it calls `onExceed` once and stops reading. */
function capture(stream: AsyncIterable<Uint8Array> | null, cap: number, onExceed: () => void): { done: Promise<void>; text(): string } {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  const done = (async () => {
    if (!stream) return;
    for await (const chunk of stream) {
      if (kept + chunk.length > cap) {
        chunks.push(chunk.subarray(0, cap - kept));
        kept = cap;
        onExceed();
        return;
      }
      chunks.push(chunk);
      kept += chunk.length;
    }
  })();
  return { done, text: () => new TextDecoder().decode(Buffer.concat(chunks)) };
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
  if (!pkg) return { ...base, exitCode: null, trap: null, noMemory: true, stderr: "[wasm-judge] memory limit: the program's static data and stack exceed it\n" };
  const files = Object.fromEntries(Object.entries(request.files).map(([name, text]) => [`${WORKSPACE}/${name}`, text]));
  const sandbox = await wasmer.sandboxes.create({ packages: [pkg], network: { mode: "disabled" }, env: {}, files });
  let closeLater = false;
  try {
    let outputExceeded = false;
    let markExceeded: () => void = () => undefined;
    const exceeded = new Promise<"exceeded">((resolve) => {
      markExceeded = () => {
        outputExceeded = true;
        resolve("exceeded");
      };
    });
    const cpu0 = process.cpuUsage();
    const proc = await sandbox
      .command(pkg, request.args, { cwd: WORKSPACE, env: {} })
      .spawn({ stdin: "pipe", stdout: "pipe", stderr: "pipe", timeoutMs: request.wallMs });
    send({ type: "started", id: request.id });
    const stdout = capture(proc.stdout, request.outputBytes, markExceeded);
    const stderr = capture(proc.stderr, request.outputBytes, () => undefined);
    const stdinDone = (async () => {
      if (!proc.stdin) return;
      if (request.stdin) await proc.stdin.write(request.stdin).catch(() => undefined);
      await proc.stdin.close().catch(() => undefined);
    })();
    const fileWatch = setInterval(() => {
      void Promise.all([largestFile(sandbox.fs, WORKSPACE), largestFile(sandbox.fs, "/tmp")]).then((sizes) => {
        if (Math.max(...sizes) > request.fileBytes) markExceeded();
      });
    }, FILE_POLL_MS);
    let exitCode: number | null = null;
    let trap: string | null = null;
    try {
      const ended = await Promise.race([proc.wait({ check: false }), exceeded]);
      if (ended !== "exceeded") exitCode = ended.exitCode;
    } catch (error) {
      trap = error instanceof Error ? error.message : String(error);
    } finally {
      clearInterval(fileWatch);
    }
    if (outputExceeded) {
      // The guest may still be writing: report now; the pool kills this whole worker.
      closeLater = true;
      const used = process.cpuUsage(cpu0);
      return { ...base, exitCode: null, trap: null, noMemory: false, outputExceeded, stdout: stdout.text(), stderr: stderr.text(), cpuUs: used.user + used.system };
    }
    await Promise.all([stdout.done, stderr.done, stdinDone]);
    const used = process.cpuUsage(cpu0);
    const collected: Record<string, string> = {};
    for (const name of request.collect) {
      const stat = await sandbox.fs.stat(`${WORKSPACE}/${name}`).catch(() => null);
      if (!stat || stat.kind !== "file") continue;
      if (stat.size > request.fileBytes) outputExceeded = true;
      else collected[name] = await sandbox.fs.readText(`${WORKSPACE}/${name}`).catch(() => "");
    }
    const result = { ...base, exitCode: outputExceeded ? null : exitCode, trap, noMemory: false, outputExceeded, stdout: stdout.text(), stderr: stderr.text() };
    return { ...result, files: collected, cpuUs: used.user + used.system };
  } finally {
    if (closeLater) void sandbox.close().catch(() => undefined);
    else await sandbox.close().catch(() => undefined);
  }
}

async function handle(request: GuestRequest): Promise<void> {
  try {
    send(await runGuest(request));
  } catch (error) {
    send({ type: "failed", id: request.id, message: error instanceof Error ? error.message : String(error) });
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
