/**
 * The WASM judge: C and C++ compiled to wasm32-wasi by clang (inside the OS sandbox lent by the
 * registry), run under @wasmer/sdk in a warm pool of killable worker processes. A guest sees no host
 * file, no network and no environment; its memory is capped by the module's own ceiling.
 * See judges/wasm/README.md for what it costs and what it cannot build.
 */
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { selfTestSandbox } from "../self-test.ts";
import type { ToolRunner } from "../tool-runner.ts";
import type { CompileLimits, PairSide, PreparedProgram, PrepareResult, RunInput, RunLimits, Sandbox, SourceFile } from "../types.ts";
import { SandboxError } from "../types.ts";
import { entryPath, readEntry, type WasmCacheMeta, wasmProgramKey, writeEntry, writeFileEntry } from "./cache.ts";
import { buildPch, canUsePch, compileToWasm, PCH_FILE, RUNTIME_DIR, WASM_CPP_FLAGS } from "./compile.ts";
import { pagesFor } from "./memory-limit.ts";
import { toPairOutcome, toRunOutcome } from "./outcome.ts";
import { GuestPool } from "./pool.ts";
import { createPythonJudge } from "./python/python-judge.ts";

export interface WasmSandboxOptions {
  /** Runs clang on untrusted sources (the local OS sandbox, lent by harness/cli/backends.ts). */
  toolRunner: ToolRunner;
  cacheDir: string;
  /** Guest worker processes; default the number of cores. */
  poolSize?: number;
  /** clang++ (under /usr, the only part of the host the tool sandbox sees). */
  clang?: string;
}

export interface WasmSandbox extends Sandbox {
  runPair(program: PairSide, peer: PairSide): ReturnType<NonNullable<Sandbox["runPair"]>>;
  /** Pids of the live guest workers (tests check that a stopped guest's worker is gone). */
  inspect(): { workers: number[] };
  close(): Promise<void>;
}

interface WasmHandle {
  wasmPath: string;
}

const isWasmHandle = (handle: unknown): handle is WasmHandle => typeof (handle as WasmHandle | null)?.wasmPath === "string";

/** A pair side's request: its module, files and caps. */
function pairSide(side: PairSide, which: string) {
  if (!isWasmHandle(side.program.handle)) throw new SandboxError(`runPair: the ${which} was not prepared by the wasm sandbox`, "internal");
  return {
    wasmPath: side.program.handle.wasmPath,
    maxPages: pagesFor(side.limits.memoryMb),
    args: side.args ?? [],
    files: side.files ?? {},
    collect: side.collect ?? [],
    outputBytes: side.limits.outputBytes,
    fileBytes: side.limits.fileBytes,
  };
}

function toolOutput(cmd: string[]): string | null {
  try {
    const proc = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
    return proc.exitCode === 0 ? proc.stdout.toString().trim() : null;
  } catch {
    return null;
  }
}

export function createWasmSandbox(opts: WasmSandboxOptions): WasmSandbox {
  const clang = opts.clang ?? "/usr/bin/clang++";
  if (!clang.startsWith("/usr/")) throw new SandboxError(`clang must live under /usr (the tool sandbox sees only /usr), got ${clang}`, "missing_tool");
  const version = toolOutput([clang, "--version"])?.split("\n")[0];
  const resourceDir = toolOutput([clang, "-print-resource-dir"]);
  if (!version || !resourceDir) throw new SandboxError(`${clang} is missing: apt-get install clang lld wasi-libc libc++-dev-wasm32 libclang-rt-dev-wasm32`, "missing_tool");
  // Every program links the guest runtime and may include our <bits/stdc++.h>: both are part of the key.
  const runtime = ["guest-runtime.cpp", "include/bits/stdc++.h"].map((file) => readFileSync(join(RUNTIME_DIR, file), "utf8"));
  const pool = new GuestPool(Math.max(1, opts.poolSize ?? availableParallelism()));
  // Python runs under Pyodide in single-use sandboxed workers (judges/wasm/python/).
  const python = createPythonJudge(opts.toolRunner, opts.cacheDir, Math.max(1, opts.poolSize ?? availableParallelism()));
  const inFlight = new Map<string, Promise<PrepareResult>>();
  let selfTestPromise: Promise<void> | null = null;

  const fromEntry = (source: SourceFile, key: string, dir: string, meta: WasmCacheMeta, timeMs: number, cached: boolean): PrepareResult => {
    if (!meta.ok) return { ok: false, log: meta.log, timeMs, cause: meta.cause };
    const program: PreparedProgram = { language: source.language, key, handle: { wasmPath: join(dir, "main.wasm") } satisfies WasmHandle };
    return { ok: true, program, log: meta.log, timeMs, cached };
  };

  // The precompiled <bits/stdc++.h> (about 5x less compile CPU for the sources that start with it),
  // built once per flags, compiler and runtime; without it (a failed build) sources compile in full.
  let pchPromise: Promise<string | null> | null = null;
  let stagedPch: string | null = null;
  const pchDir = () => {
    pchPromise ??= (async () => {
      const key = wasmProgramKey({ pch: PCH_FILE, flags: WASM_CPP_FLAGS, compiler: version, runtime });
      let dir: string | null = entryPath(opts.cacheDir, key, "wasm-pch");
      if (!existsSync(join(dir, PCH_FILE))) {
        const bytes = await buildPch(opts.toolRunner, clang, resourceDir as string);
        dir = bytes ? writeFileEntry(opts.cacheDir, "wasm-pch", key, PCH_FILE, bytes) : null;
      }
      if (!dir) return null;
      // The compiler runs as the sandbox user, who cannot traverse a private cache folder: it gets a
      // world-readable copy of its own, removed on close.
      stagedPch = mkdtempSync(join(tmpdir(), "codejudge-wasm-pch-"));
      chmodSync(stagedPch, 0o755);
      copyFileSync(join(dir, PCH_FILE), join(stagedPch, PCH_FILE));
      chmodSync(join(stagedPch, PCH_FILE), 0o644);
      return stagedPch;
    })();
    return pchPromise;
  };

  async function compile(source: SourceFile, limits: CompileLimits, key: string): Promise<PrepareResult> {
    const pch = canUsePch(source.code) ? await pchDir() : null;
    const outcome = await compileToWasm(opts.toolRunner, clang, resourceDir as string, source, limits, pch);
    if (!outcome.ok && outcome.cause !== "compile_error") return outcome;
    const meta: WasmCacheMeta = outcome.ok ? { ok: true, log: outcome.log, timeMs: outcome.timeMs } : { ok: false, log: outcome.log, timeMs: outcome.timeMs, cause: "compile_error" };
    const dir = writeEntry(opts.cacheDir, key, meta, outcome.ok ? outcome.module : null);
    return fromEntry(source, key, dir, meta, outcome.timeMs, false);
  }

  const sandbox: WasmSandbox = {
    name: "wasm",
    async prepare(source, limits) {
      if (source.language === "python") return python.prepare(source, limits);
      if (source.language !== "cpp") throw new SandboxError(`judge 'wasm' runs C, C++ and Python, not ${source.language}`, "internal");
      const started = performance.now();
      const key = wasmProgramKey({ code: source.code, extraFiles: source.extraFiles ?? {}, flags: WASM_CPP_FLAGS, compiler: version, runtime });
      const dir = entryPath(opts.cacheDir, key);
      const meta = readEntry(dir);
      if (meta) return fromEntry(source, key, dir, meta, Math.round(performance.now() - started), true);
      const pending = inFlight.get(key) ?? compile(source, limits, key).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
      return pending;
    },
    async run(program, input: RunInput, limits: RunLimits) {
      if (python.isPython(program)) return python.run(program, input, limits);
      if (!isWasmHandle(program.handle)) throw new SandboxError("this program was not prepared by the wasm sandbox", "internal");
      const result = await pool.run({
        wasmPath: program.handle.wasmPath,
        maxPages: pagesFor(limits.memoryMb),
        stdin: input.stdin ?? "",
        args: input.args ?? [],
        files: input.files ?? {},
        collect: input.collect ?? [],
        outputBytes: limits.outputBytes,
        fileBytes: limits.fileBytes,
        wallMs: limits.wallMs,
        cpuMs: limits.cpuMs,
        memoryMb: limits.memoryMb,
      });
      return toRunOutcome(result);
    },
    async runPair(program, peer) {
      if (python.isPython(program.program) || python.isPython(peer.program)) return python.runPair(program, peer);
      const result = await pool.runPair({
        program: pairSide(program, "program"),
        peer: pairSide(peer, "peer"),
        wallMs: Math.max(program.limits.wallMs, peer.limits.wallMs),
        cpuMs: program.limits.cpuMs + peer.limits.cpuMs,
        memoryMb: program.limits.memoryMb + peer.limits.memoryMb,
      });
      return toPairOutcome(result);
    },
    selfTest() {
      selfTestPromise ??= selfTestSandbox(sandbox, ["cpp", "python"], {
        describeTool: (language) => (language === "python" ? "the pyodide package (bun install) and bun under /usr" : `${clang} and the wasm32 packages (HARNESS_WASM_CLANG)`),
      });
      return selfTestPromise;
    },
    async versions() {
      const sdkEntry = Bun.resolveSync("@wasmer/sdk/node", import.meta.dir);
      const sdk = JSON.parse(readFileSync(join(sdkEntry, "../../package.json"), "utf8")) as { version: string };
      return {
        clang: version,
        "g++ flags": WASM_CPP_FLAGS.join(" "),
        "@wasmer/sdk": sdk.version,
        python: python.version(),
        sandbox: `compile: ${await opts.toolRunner.describe()}; run: WebAssembly (wasm32-wasi) in ${pool.size} worker processes`,
      };
    },
    inspect() {
      return { workers: pool.pids() };
    },
    async close() {
      if (stagedPch) rmSync(stagedPch, { recursive: true, force: true });
      await pool.close();
      await python.close();
      await opts.toolRunner.close();
    },
  };
  return sandbox;
}
