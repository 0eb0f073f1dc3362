/**
 * C and C++ to wasm32-wasi with clang, run by the lent OS sandbox (a {@link ToolRunner}). Only
 * Debian's WASI sysroot and our runtime folder are searched: -nostdinc drops /usr/include and
 * /usr/local/include, so no host glibc header can leak in. Each program links our guest runtime
 * (runtime/guest-runtime.cpp: memory-limit stop, working folder) and is linked with the largest
 * wasm32 memory; each run lowers that ceiling to its own limit (memory-limit.ts).
 */
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ToolRunner } from "../tool-runner.ts";
import type { CompileLimits, SourceFile } from "../types.ts";

/** Inside the tool sandbox: the runtime folder of this backend, read-only. */
export const RUNTIME_DEST = "/wasm-runtime";
export const RUNTIME_DIR = join(import.meta.dir, "runtime");
export const WASM_SOURCE = "main.cpp";
export const WASM_BINARY = "main.wasm";
/** Largest module a compile may produce. */
export const MAX_MODULE_BYTES = 64 << 20;
/** The shadow stack, fixed at link time (placed first, so an overflow traps instead of corrupting data). */
export const STACK_BYTES = 16 << 20;

/**
 * Flags that decide the program (part of its cache key and of provenance).
 * -fno-delete-null-pointer-checks: clang otherwise deletes a store through a null pointer as
 * undefined behaviour, where g++'s program stores and dies of SIGSEGV; kept, the store reaches the
 * guest runtime's null guard (runtime/guest-runtime.cpp) and the run is judged as natively.
 */
const COMPILE_FLAGS = [
  "--target=wasm32-wasi",
  "-std=c++17",
  "-O2",
  "-fno-exceptions",
  "-fno-delete-null-pointer-checks",
  // Fixed-width SIMD lets clang vectorise loops as g++ does natively (matrix products ~1.5x faster).
  "-msimd128",
  "-mnontrapping-fptoint",
  "-msign-ext",
  "-mmutable-globals",
  "-DONLINE_JUDGE",
];
const LINK_FLAGS = ["-Wl,--stack-first", `-Wl,-z,stack-size=${STACK_BYTES}`, "-Wl,--max-memory=4294967296", "-Wl,--strip-all"];
export const WASM_CPP_FLAGS = [...COMPILE_FLAGS, ...LINK_FLAGS];

/**
 * How clang is started. clang 14 runs binaryen's `wasm-opt` after every optimised link when it
 * finds one (next to itself or on PATH), without the target's features (--strip-all drops that
 * section), so with Debian's `binaryen` installed every link fails validation and every program is
 * a cached CE. clang therefore runs from its real folder (/usr/lib/llvm-14/bin, which holds
 * wasm-ld but no wasm-opt) with only that folder on PATH, and links with that folder's wasm-ld.
 */
export function clangCommand(clang: string): string[] {
  let real: string;
  try {
    real = realpathSync(clang);
  } catch {
    return [clang];
  }
  const bin = dirname(real);
  const linker = join(bin, "wasm-ld");
  if (!real.startsWith("/usr/") || !existsSync(linker) || existsSync(join(bin, "wasm-opt"))) return [clang];
  return ["/usr/bin/env", `PATH=${bin}`, real, "--driver-mode=g++", `-fuse-ld=${linker}`];
}

/** The include path, in search order: our <bits/stdc++.h>, libc++, clang's own headers, wasi-libc. */
export function includeFlags(resourceDir: string): string[] {
  return [
    "--sysroot=/usr",
    "-nostdinc",
    "-nostdinc++",
    "-isystem",
    `${RUNTIME_DEST}/include`,
    "-isystem",
    "/usr/include/wasm32-wasi/c++/v1",
    "-isystem",
    join(resourceDir, "include"),
    "-isystem",
    "/usr/include/wasm32-wasi",
  ];
}

/** What clang 14's wasm32-wasi target cannot build, recognised in its diagnostics. */
const UNSUPPORTED: { pattern: RegExp; note: string }[] = [
  {
    pattern: /with exceptions disabled|exception handling disabled/,
    note: "C++ exceptions (throw/try) are not supported by clang 14's wasm32-wasi target; the WASM judge compiles with -fno-exceptions. Use --judge local for this program.",
  },
  {
    pattern: /<(thread|future|shared_mutex|barrier|latch|semaphore|stop_token)>|without support for threads|pthread|std::(thread|async|jthread)/,
    note: "threads (<thread>, <future>, std::async, pthreads) are not supported by the wasm32-wasi target. Use --judge local for this program.",
  },
  {
    pattern: /lacks signal support|undeclared identifier '(fork|vfork|pipe|dup2?|exec\w*|wait|waitpid|kill|raise|setsid|ptrace)'/,
    note: "WASI has no processes, pipes or signals (fork, pipe, dup2, exec, kill, raise, <signal.h>): a WebAssembly program is one process with stdin, stdout and stderr only.",
  },
  {
    pattern: /<(csetjmp|csignal|setjmp\.h|filesystem|memory_resource)>/,
    note: "setjmp, signals, <filesystem> and <memory_resource> are not available on wasm32-wasi with this libc++.",
  },
];

/** Appends a plain-words note when a compile error comes from a limit of the target, not the program. */
export function explainUnsupported(log: string): string {
  const notes = UNSUPPORTED.filter((u) => u.pattern.test(log)).map((u) => `[judges/wasm] ${u.note}`);
  return notes.length ? `${log}${log.endsWith("\n") ? "" : "\n"}${notes.join("\n")}\n` : log;
}

export type WasmCompileOutcome =
  | { ok: true; log: string; timeMs: number; module: Uint8Array }
  | { ok: false; log: string; timeMs: number; cause: "compile_error" | "compile_time" | "compile_memory" };

/** Where a built precompiled <bits/stdc++.h> is mounted, and its file name. */
const PCH_DEST = "/wasm-pch";
export const PCH_FILE = "stdc++.pch";

/**
 * The PCH applies only to a source whose first line of code includes <bits/stdc++.h>: clang's
 * -include-pch puts the header before everything, which is what such a source does anyway. A
 * source that defines macros before the include compiles without it, so it means what it says.
 */
const FIRST_CODE_INCLUDES_BITS = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*#\s*include\s*<bits\/stdc\+\+\.h>/;

export function canUsePch(code: string): boolean {
  return FIRST_CODE_INCLUDES_BITS.test(code);
}

/** Builds the precompiled <bits/stdc++.h> in the tool sandbox (the same flags as every compile); null when that fails. */
export async function buildPch(runner: ToolRunner, clang: string, resourceDir: string): Promise<Uint8Array | null> {
  const result = await runner.run({
    command: [...clangCommand(clang), ...includeFlags(resourceDir), ...COMPILE_FLAGS, "-x", "c++-header", `${RUNTIME_DEST}/include/bits/stdc++.h`, "-o", `/out/${PCH_FILE}`],
    files: {},
    mounts: [{ src: RUNTIME_DIR, dest: RUNTIME_DEST }],
    collect: [PCH_FILE],
    limits: { cpuMs: 60_000, wallMs: 120_000, memoryMb: 2048, logBytes: 1 << 16 },
    fileBytes: MAX_MODULE_BYTES,
  });
  return result.exitCode === 0 ? (result.files[PCH_FILE] ?? null) : null;
}

/** Compiles and links one C++ source to a WASI module inside the tool sandbox; `pchDir` holds a built PCH or is null. */
export async function compileToWasm(runner: ToolRunner, clang: string, resourceDir: string, source: SourceFile, limits: CompileLimits, pchDir: string | null = null): Promise<WasmCompileOutcome> {
  const usePch = pchDir !== null && canUsePch(source.code);
  const command = [
    ...clangCommand(clang),
    ...includeFlags(resourceDir),
    ...WASM_CPP_FLAGS,
    ...(usePch ? ["-include-pch", `${PCH_DEST}/${PCH_FILE}`] : []),
    WASM_SOURCE,
    `${RUNTIME_DEST}/guest-runtime.cpp`,
    "-o",
    `/out/${WASM_BINARY}`,
  ];
  const result = await runner.run({
    command,
    files: { ...source.extraFiles, [WASM_SOURCE]: source.code },
    mounts: [{ src: RUNTIME_DIR, dest: RUNTIME_DEST }, ...(usePch && pchDir ? [{ src: pchDir, dest: PCH_DEST }] : [])],
    collect: [WASM_BINARY],
    limits,
    fileBytes: MAX_MODULE_BYTES,
  });
  const timeMs = result.wallMs;
  if (result.limit === "time") return { ok: false, log: result.log, timeMs, cause: "compile_time" };
  if (result.limit === "memory") return { ok: false, log: result.log, timeMs, cause: "compile_memory" };
  const module = result.files[WASM_BINARY];
  if (result.exitCode !== 0 || !module) {
    const tooLarge = /File size limit exceeded|File too large/.test(result.log) ? `\n[judges/wasm] the module exceeds the ${MAX_MODULE_BYTES >> 20} MiB limit on program size\n` : "";
    return { ok: false, log: explainUnsupported(result.log) + tooLarge, timeMs, cause: "compile_error" };
  }
  return { ok: true, log: result.log, timeMs, module };
}
