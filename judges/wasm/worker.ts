/**
 * One guest worker process of the pool: runs WebAssembly programs one at a time with @wasmer/sdk,
 * each in a fresh Wasmer sandbox (no network, no host folders, an in-memory /workspace). The pool
 * kills this whole process when a guest passes its CPU or wall limit, so a runaway guest never keeps
 * a core: nothing here has to interrupt a guest that is computing.
 */
import { type Package, type Process, type Sandbox, Wasmer } from "@wasmer/sdk/node";
import { readMemoryLimits, withMemoryCeiling } from "./memory-limit.ts";
import type { GuestDone, GuestRequest, PairDone, PairRequest, PairSideDone, PairSideRequest, WorkerMessage } from "./protocol.ts";

const send = (message: WorkerMessage) => process.send?.(message);
const wasmer = new Wasmer({ cache: false });
/** A loaded module and the pages of linear memory it starts with (static data and stack). */
interface Loaded {
  pkg: Package;
  initialPages: number;
}
const packages = new Map<string, Loaded>();
/** Packages kept per worker (each holds a compiled module); the oldest is dropped first. */
const MAX_PACKAGES = 64;
const WORKSPACE = "/workspace";
const FILE_POLL_MS = 25;
const WASM_PAGE = 65536;
const NO_MEMORY_NOTE = "[wasm-judge] memory limit: the program's static data and stack exceed it\n";
/** Where the guest runtime keeps its linear memory's size in pages (runtime/guest-runtime.cpp). */
const PEAK_FILE = "/workspace/.wasm-judge-peak-pages";

/** null: the module's static data and stack alone need more pages than the ceiling allows. */
async function packageFor(side: PairSideRequest): Promise<Loaded | null> {
  const key = `${side.wasmPath} ${side.maxPages}`;
  const known = packages.get(key);
  if (known) return known;
  const module = new Uint8Array(await Bun.file(side.wasmPath).arrayBuffer());
  const initialPages = readMemoryLimits(module)?.initialPages ?? 0;
  if (initialPages > side.maxPages) return null;
  const loaded = { pkg: await wasmer.packages.load(withMemoryCeiling(module, side.maxPages)), initialPages };
  if (packages.size >= MAX_PACKAGES) packages.delete(packages.keys().next().value as string);
  packages.set(key, loaded);
  return loaded;
}

/** Keeps up to `cap` bytes of a stream, handing each kept chunk on; past the cap calls `onExceed` once. */
function capture(stream: AsyncIterable<Uint8Array> | null, cap: number, onExceed: () => void, forward?: (chunk: Uint8Array) => Promise<void>) {
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
      await forward?.(chunk);
    }
  })().catch(() => undefined);
  return { done, text: () => new TextDecoder().decode(Buffer.concat(chunks)) };
}

/**
 * The largest regular file under `dir` and the bytes of all of them, four folder levels down (files
 * hidden deeper are still bounded by the pool's watch on this worker's resident memory).
 */
async function measureFiles(fs: Sandbox["fs"], dir: string, depth = 4): Promise<{ largest: number; total: number }> {
  const sizes = { largest: 0, total: 0 };
  const entries = await fs.readDir(dir).catch(() => []);
  for (const entry of entries) {
    if (entry.kind === "file") {
      sizes.largest = Math.max(sizes.largest, entry.size);
      sizes.total += entry.size;
    } else if (depth > 0) {
      const inner = await measureFiles(fs, `${dir}/${entry.name}`, depth - 1);
      sizes.largest = Math.max(sizes.largest, inner.largest);
      sizes.total += inner.total;
    }
  }
  return sizes;
}

/** One running guest: its process, its sandbox, and how it is ending. */
interface Side {
  spec: PairSideRequest;
  initialPages: number;
  sandbox: Sandbox;
  proc: Process;
  exceeded: boolean;
  /** Its files together passed its memory limit. */
  filesOverMemory: boolean;
  /** Resolves when the guest exits or traps, or when it passes an output or file cap. */
  ended: Promise<{ exitCode: number | null; trap: string | null }>;
  markExceeded(): void;
  stopWatching(): void;
}

async function startSide(spec: PairSideRequest, { pkg, initialPages }: Loaded): Promise<Side> {
  const files = Object.fromEntries(Object.entries(spec.files).map(([name, text]) => [`${WORKSPACE}/${name}`, text]));
  const sandbox = await wasmer.sandboxes.create({ packages: [pkg], network: { mode: "disabled" }, env: {}, files });
  const proc = await sandbox.command(pkg, spec.args, { cwd: WORKSPACE, env: {} }).spawn({ stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  let markExceeded: () => void = () => undefined;
  const exceededSignal = new Promise<{ exitCode: null; trap: null }>((resolve) => {
    markExceeded = () => {
      side.exceeded = true;
      resolve({ exitCode: null, trap: null });
    };
  });
  const waited = proc.wait({ check: false }).then(
    (output) => ({ exitCode: output.exitCode as number | null, trap: null }),
    (error: unknown) => ({ exitCode: null, trap: error instanceof Error ? error.message : String(error) }),
  );
  const fileWatch = setInterval(() => {
    // Only /workspace: the SDK refuses to read any other guest path (files under /tmp are bounded
    // by the pool's watch on this worker's resident memory alone).
    void measureFiles(sandbox.fs, WORKSPACE).then((work) => {
      if (work.total > spec.maxPages * WASM_PAGE) {
        side.filesOverMemory = true;
        markExceeded();
      } else if (work.largest > spec.fileBytes) markExceeded();
    });
  }, FILE_POLL_MS);
  const side: Side = {
    spec,
    initialPages,
    sandbox,
    proc,
    exceeded: false,
    filesOverMemory: false,
    ended: Promise.race([waited, exceededSignal]),
    markExceeded: () => markExceeded(),
    stopWatching: () => clearInterval(fileWatch),
  };
  void side.ended.finally(() => clearInterval(fileWatch));
  return side;
}

/** Reads the `collect` files back; one over the file cap counts as exceeding it. */
async function collectFiles(side: Side): Promise<Record<string, string>> {
  const collected: Record<string, string> = {};
  for (const name of side.spec.collect) {
    const stat = await side.sandbox.fs.stat(`${WORKSPACE}/${name}`).catch(() => null);
    if (!stat || stat.kind !== "file") continue;
    if (stat.size > side.spec.fileBytes) side.exceeded = true;
    else collected[name] = await side.sandbox.fs.readText(`${WORKSPACE}/${name}`).catch(() => "");
  }
  return collected;
}

/** Peak linear memory in pages: what the guest runtime last recorded, at least what the module starts with. */
async function peakPages(side: Side): Promise<number> {
  const text = await side.sandbox.fs.readText(PEAK_FILE).catch(() => "");
  const recorded = Number.parseInt(text.trim(), 10);
  return Math.max(side.initialPages, Number.isFinite(recorded) ? Math.min(recorded, side.spec.maxPages) : 0);
}

/** How a side ended, once its streams are read. */
async function finishSide(side: Side, ended: { exitCode: number | null; trap: string | null }, stdout: string, stderr: string): Promise<PairSideDone> {
  const files = side.exceeded ? {} : await collectFiles(side);
  const exceeded = side.exceeded;
  const overMemory = side.filesOverMemory;
  const peak = exceeded ? side.initialPages : await peakPages(side);
  return { exitCode: exceeded ? null : ended.exitCode, trap: exceeded ? null : ended.trap, noMemory: false, outputExceeded: exceeded && !overMemory, filesOverMemory: overMemory, peakPages: peak, stdout, stderr, files };
}

const noMemorySide = (): PairSideDone => ({ exitCode: null, trap: null, noMemory: true, outputExceeded: false, filesOverMemory: false, peakPages: 0, stdout: "", stderr: NO_MEMORY_NOTE, files: {} });

async function runGuest(request: GuestRequest): Promise<GuestDone> {
  const head = { type: "done" as const, id: request.id, cpuUs: 0, killWorker: false };
  const pkg = await packageFor(request);
  if (!pkg) return { ...head, ...noMemorySide() };
  const cpu0 = process.cpuUsage();
  const side = await startSide(request, pkg);
  send({ type: "started", id: request.id });
  const stdout = capture(side.proc.stdout, request.outputBytes, side.markExceeded);
  const stderr = capture(side.proc.stderr, request.outputBytes, () => undefined);
  void (async () => {
    if (!side.proc.stdin) return;
    if (request.stdin) await side.proc.stdin.write(request.stdin).catch(() => undefined);
    await side.proc.stdin.close().catch(() => undefined);
  })();
  const ended = await side.ended;
  // Stopped at a cap, the guest may still be writing: report now; the pool kills this worker.
  if (!side.exceeded) await Promise.all([stdout.done, stderr.done]);
  const done = await finishSide(side, ended, stdout.text(), stderr.text());
  const used = process.cpuUsage(cpu0);
  if (side.exceeded) void side.sandbox.close().catch(() => undefined);
  else await side.sandbox.close().catch(() => undefined);
  return { ...head, ...done, cpuUs: used.user + used.system, killWorker: side.exceeded };
}

/** Writes to a side's stdin, ignoring a side that has stopped reading. */
const feed = (side: Side) => async (chunk: Uint8Array) => {
  await side.proc.stdin?.write(chunk).catch(() => undefined);
};

async function runPair(request: PairRequest): Promise<PairDone> {
  const head = { type: "pair-done" as const, id: request.id, cpuUs: 0, killWorker: false };
  const [programPkg, peerPkg] = await Promise.all([packageFor(request.program), packageFor(request.peer)]);
  if (!programPkg || !peerPkg) {
    const idle = { exitCode: null, trap: null, noMemory: false, outputExceeded: false, filesOverMemory: false, peakPages: 0, stdout: "", stderr: "", files: {} };
    return { ...head, program: programPkg ? idle : noMemorySide(), peer: peerPkg ? idle : noMemorySide() };
  }
  const cpu0 = process.cpuUsage();
  const program = await startSide(request.program, programPkg);
  const peer = await startSide(request.peer, peerPkg);
  send({ type: "started", id: request.id });
  const programOut = capture(program.proc.stdout, request.program.outputBytes, program.markExceeded, feed(peer));
  const peerOut = capture(peer.proc.stdout, request.peer.outputBytes, peer.markExceeded, feed(program));
  const programErr = capture(program.proc.stderr, request.program.outputBytes, () => undefined);
  const peerErr = capture(peer.proc.stderr, request.peer.outputBytes, () => undefined);
  // When one side's output ends, the other's stdin reaches end of file.
  void programOut.done.then(() => peer.proc.stdin?.close().catch(() => undefined));
  void peerOut.done.then(() => program.proc.stdin?.close().catch(() => undefined));
  // A side stopped at a cap is killed so that its partner sees end of file.
  const stopOnExceed = (side: Side, other: Side) =>
    side.ended.then(() => {
      if (side.exceeded) {
        void side.proc.kill().catch(() => undefined);
        void other.proc.stdin?.close().catch(() => undefined);
      }
    });
  void stopOnExceed(program, peer);
  void stopOnExceed(peer, program);
  const [programEnded, peerEnded] = await Promise.all([program.ended, peer.ended]);
  const exceeded = program.exceeded || peer.exceeded;
  if (!exceeded) await Promise.all([programOut.done, peerOut.done, programErr.done, peerErr.done]);
  const programDone = await finishSide(program, programEnded, programOut.text(), programErr.text());
  const peerDone = await finishSide(peer, peerEnded, peerOut.text(), peerErr.text());
  const used = process.cpuUsage(cpu0);
  for (const side of [program, peer]) void side.sandbox.close().catch(() => undefined);
  return { ...head, program: programDone, peer: peerDone, cpuUs: used.user + used.system, killWorker: exceeded };
}

async function handle(request: GuestRequest | PairRequest): Promise<void> {
  try {
    send(request.type === "pair" ? await runPair(request) : await runGuest(request));
  } catch (error) {
    send({ type: "failed", id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}

let queue: Promise<void> = Promise.resolve();
process.on("message", (message: GuestRequest | PairRequest) => {
  if (message?.type !== "run" && message?.type !== "pair") return;
  queue = queue.then(() => handle(message));
});
process.on("disconnect", () => process.exit(0));
await wasmer.ready();
send({ type: "ready" });
