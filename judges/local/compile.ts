/**
 * Preparing a source inside the sandbox: g++ for C++ (with the shared PCH when present), a syntax
 * check for Python. Returns what happened; caching is the caller's business.
 */
import { existsSync, lstatSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CompileLimits, SourceFile } from "../types.ts";
import type { SandboxContext } from "./context.ts";
import { type ExecResult, execInSandbox } from "./exec.ts";
import { PCH_DEST, PCH_USE_FLAGS } from "./pch.ts";
import { createRunDir, scratchCapsFor, writeSandboxFiles } from "./scratch.ts";

/** The C++ flag set (part of the cache key and of the PCH key). */
export const CPP_FLAGS = ["-std=c++17", "-O2", "-pipe", "-DONLINE_JUDGE"];
/**
 * The linker, where /usr has gold: it links a solution in ~16 ms of CPU against ~42 ms for the default
 * ld.bfd (g++ 12.2, binutils 2.40, measured), about a tenth of a compile with the PCH, and makes the
 * same program. Apart from CPP_FLAGS, which Piston's batch compiles share; part of the program cache
 * key, not of the PCH key (a driver flag: the .gch is the same and stays valid).
 */
export const CPP_LINK_FLAGS: readonly string[] = Bun.which("ld.gold", { PATH: "/usr/bin:/bin" }) ? ["-fuse-ld=gold"] : [];
/**
 * Prefix of a filler compile (one made without the PCH while it builds): at niceness 10 it takes only
 * CPU that the PCH build and the test runs leave, so the build, which every other compile waits for,
 * is not slowed by it. Empty where /usr has no `nice`.
 */
const NICE = Bun.which("nice", { PATH: "/usr/bin:/bin" });
const FILLER_PREFIX: readonly string[] = NICE ? [NICE, "-n", "10"] : [];
/** Python runs without user site-packages and PYTHON* variables, and writes no .pyc files. */
export const PYTHON_FLAGS = ["-E", "-s", "-B"];
/** Added for a source that asks for it ({@link SourceFile.noSite}): no `site` module, so no `.pth` start-up code. */
export const PYTHON_NO_SITE_FLAG = "-S";

/** The interpreter flags a Python program runs (and is keyed) with. */
export function pythonFlagsFor(noSite: boolean | undefined): string[] {
  return noSite ? [...PYTHON_FLAGS, PYTHON_NO_SITE_FLAG] : PYTHON_FLAGS;
}

export const CPP_SOURCE = "main.cpp";
export const CPP_BINARY = "main";
export const PY_SOURCE = "main.py";

/**
 * Largest program a compile may produce (the binary, or Python's sources together): also the
 * compiler's RLIMIT_FSIZE, so a huge initialised array fails fast instead of filling the cache.
 */
export const MAX_PROGRAM_BYTES = 64 << 20;
const MAX_PROGRAM_MIB = MAX_PROGRAM_BYTES >> 20;
// What as, ld and cc1 say when RLIMIT_FSIZE stops them.
const OUTPUT_TOO_LARGE = /File size limit exceeded|File too large|signal 25\b/;

/** The compile error of a program over {@link MAX_PROGRAM_BYTES}. */
export function programTooLargeLog(log: string, bytes: number | null): string {
  const size = bytes === null ? "" : ` (${(bytes / (1 << 20)).toFixed(1)} MiB)`;
  return `${log}${log && !log.endsWith("\n") ? "\n" : ""}[judges/local] the program${size} exceeds the ${MAX_PROGRAM_MIB} MiB limit on program size\n`;
}

// compile() reads the source as bytes, so the coding cookie and BOM rules are Python's own.
const PY_CHECK = [
  "import sys, traceback",
  `src = open(${JSON.stringify(PY_SOURCE)}, "rb").read()`,
  "try:",
  `    compile(src, ${JSON.stringify(PY_SOURCE)}, "exec", dont_inherit=True)`,
  "except (SyntaxError, ValueError, RecursionError, MemoryError) as e:",
  '    sys.stderr.write("".join(traceback.format_exception_only(type(e), e)))',
  "    sys.exit(1)",
].join("\n");

export type CompileOutcome =
  | { ok: true; log: string; timeMs: number; /** The program's files, to be stored in the cache. */ files: Record<string, Uint8Array> }
  | { ok: false; log: string; timeMs: number; cause: FailureCause };

const SANDBOX_ENV = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" };

/** Keeps `logBytes` of diagnostics and says how much was dropped. */
function clipLog(result: ExecResult, logBytes: number): string {
  const log = result.stderr + (result.stdout ? `\n${result.stdout}` : "");
  if (result.stderrTotal <= logBytes) return log;
  return `${log}\n[compiler log truncated: ${result.stderrTotal} bytes in total]`;
}

type FailureCause = "compile_error" | "compile_time" | "compile_memory";

function classify(result: ExecResult, limits: CompileLimits): FailureCause | null {
  if (result.limit === "cpu_time" || result.limit === "wall_time") return "compile_time";
  if (result.oom) return "compile_memory";
  if (result.cpuMs > limits.cpuMs) return "compile_time";
  if (result.limit === "output") return "compile_error";
  if (result.status?.kind !== "exit" || result.status.code !== 0) return "compile_error";
  return null;
}

function execLimits(limits: CompileLimits) {
  return {
    cpuMs: limits.cpuMs,
    wallMs: limits.wallMs,
    memoryBytes: limits.memoryMb * 1024 * 1024,
    processes: 16,
    fileBytes: MAX_PROGRAM_BYTES,
    stackBytes: 64 << 20,
    nofile: 256,
  };
}

/** Compiles C++ with g++ in the sandbox; `pchDir` is the staged PCH or null; a `filler` compile runs at a low priority. */
export async function compileCpp(ctx: SandboxContext, gxx: string, source: SourceFile, limits: CompileLimits, pchDir: string | null, filler = false): Promise<CompileOutcome> {
  const run = createRunDir(ctx, "compile-", scratchCapsFor(limits.memoryMb * 1024 * 1024, { ...source.extraFiles, [CPP_SOURCE]: source.code }));
  try {
    const box = run.makeDir("box", true);
    const out = run.makeDir("out", true);
    writeSandboxFiles(ctx, box, source.extraFiles ?? {}, "SourceFile.extraFiles");
    writeFileSync(join(box, CPP_SOURCE), source.code, { mode: 0o644 });
    const mounts = [
      { src: box, dest: "/box", writable: true },
      { src: out, dest: "/out", writable: true },
      ...run.scratchMounts(),
    ];
    if (pchDir) mounts.push({ src: pchDir, dest: PCH_DEST, writable: false });
    const command = [...(filler ? FILLER_PREFIX : []), gxx, ...CPP_FLAGS, ...CPP_LINK_FLAGS, ...(pchDir ? PCH_USE_FLAGS : []), CPP_SOURCE, "-o", `/out/${CPP_BINARY}`];
    const result = await execInSandbox(ctx, {
      command,
      mounts,
      cwd: "/box",
      env: SANDBOX_ENV,
      statusPath: run.statusPath,
      limits: execLimits(limits),
      stdoutBytes: limits.logBytes,
      stderrBytes: limits.logBytes,
      stderrKillBytes: Math.max(4 * limits.logBytes, 1 << 20),
    });
    const log = clipLog(result, limits.logBytes);
    const cause = classify(result, limits);
    const binary = join(out, CPP_BINARY);
    if (cause) {
      const tooLarge = cause === "compile_error" && OUTPUT_TOO_LARGE.test(log);
      return { ok: false, log: tooLarge ? programTooLargeLog(log, null) : log, timeMs: result.wallMs, cause };
    }
    // The sandbox user owns /out: accept only a regular file, never a link it planted.
    if (!existsSync(binary) || !lstatSync(binary).isFile()) return { ok: false, log, timeMs: result.wallMs, cause: "compile_error" };
    const bytes = statSync(binary).size;
    if (bytes > MAX_PROGRAM_BYTES) return { ok: false, log: programTooLargeLog(log, bytes), timeMs: result.wallMs, cause: "compile_error" };
    return { ok: true, log, timeMs: result.wallMs, files: { [CPP_BINARY]: readFileSync(binary) } };
  } finally {
    await run.dispose();
  }
}

/** Syntax-checks Python with compile() in the sandbox; a SyntaxError is a compile error with its message. */
export async function checkPython(ctx: SandboxContext, python3: string, source: SourceFile, limits: CompileLimits): Promise<CompileOutcome> {
  const run = createRunDir(ctx, "pycheck-", scratchCapsFor(limits.memoryMb * 1024 * 1024, { [PY_SOURCE]: source.code }));
  try {
    const box = run.makeDir("box", true);
    writeFileSync(join(box, PY_SOURCE), source.code, { mode: 0o644 });
    const result = await execInSandbox(ctx, {
      command: [python3, ...PYTHON_FLAGS, "-c", PY_CHECK],
      mounts: [{ src: box, dest: "/box", writable: true }, ...run.scratchMounts()],
      cwd: "/box",
      env: SANDBOX_ENV,
      statusPath: run.statusPath,
      limits: { ...execLimits(limits), processes: 4 },
      stdoutBytes: limits.logBytes,
      stderrBytes: limits.logBytes,
      stderrKillBytes: Math.max(4 * limits.logBytes, 1 << 20),
    });
    const log = clipLog(result, limits.logBytes);
    const cause = classify(result, limits);
    if (cause) return { ok: false, log, timeMs: result.wallMs, cause };
    const encoder = new TextEncoder();
    const files = Object.fromEntries(Object.entries(source.extraFiles ?? {}).map(([name, text]) => [name, encoder.encode(text)]));
    const bytes = Object.values(files).reduce((sum, f) => sum + f.length, Buffer.byteLength(source.code));
    if (bytes > MAX_PROGRAM_BYTES) return { ok: false, log: programTooLargeLog(log, bytes), timeMs: result.wallMs, cause: "compile_error" };
    return { ok: true, log, timeMs: result.wallMs, files: { ...files, [PY_SOURCE]: encoder.encode(source.code) } };
  } finally {
    await run.dispose();
  }
}
