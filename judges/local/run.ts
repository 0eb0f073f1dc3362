/**
 * Running a prepared program: a fresh run folder, the program copied in read-only at /prog, the
 * input files in the writable cwd /box, stdin from a file, and the raw result mapped to a RunOutcome.
 */
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { endPhase, startPhase } from "../profile.ts";
import { type Language, type RunInput, type RunLimits, type RunOutcome, SandboxError } from "../types.ts";
import { CPP_BINARY, PY_SOURCE, pythonFlagsFor } from "./compile.ts";
import { markUsed } from "./cache-budget.ts";
import type { SandboxContext } from "./context.ts";
import { type ExecLimits, type ExecPipe, execInSandbox } from "./exec.ts";
import { assertCollectNames, collectFiles } from "./collect.ts";
import { buildRunOutcome } from "./outcome.ts";
import { createRunDir, filePagesBytes, scratchCapsFor, writeSandboxFiles } from "./scratch.ts";

/** What a local PreparedProgram's handle holds: the cache entry with the program's files. */
export interface LocalProgramHandle {
  programDir: string;
  /** Python started with -S (the source asked for it: {@link SourceFile.noSite}). */
  noSite?: boolean;
}

/** stderr kept per run. */
export const STDERR_BYTES = 64 << 10;
const PROGRAM_DEST = "/prog";
export const NOFILE = 128;

/** Stack = half the memory limit (at least 8 MiB): deep recursion works, runaway recursion is a SIGSEGV before an MLE. */
export function stackBytesFor(memoryMb: number): number {
  return Math.max(8 << 20, Math.floor((memoryMb * 1024 * 1024) / 2));
}

/** A run's limits as the sandbox enforces them (bytes, stack and descriptors included). */
export function execLimitsFor(limits: RunLimits): ExecLimits {
  return {
    cpuMs: limits.cpuMs,
    wallMs: limits.wallMs,
    memoryBytes: limits.memoryMb * 1024 * 1024,
    processes: limits.processes,
    fileBytes: limits.fileBytes,
    stackBytes: stackBytesFor(limits.memoryMb),
    nofile: NOFILE,
  };
}

export function commandFor(language: Language, python3: string | null, args: string[], noSite: boolean | undefined): string[] {
  if (language === "cpp") return [`${PROGRAM_DEST}/${CPP_BINARY}`, ...args];
  if (!python3) throw new SandboxError("python3 disappeared after prepare", "missing_tool");
  return [python3, ...pythonFlagsFor(noSite), `${PROGRAM_DEST}/${PY_SOURCE}`, ...args];
}

export function assertLimits(limits: RunLimits): void {
  for (const [field, value] of Object.entries(limits)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new SandboxError(`RunLimits.${field} must be a positive number, got ${String(value)}`, "internal");
    }
  }
}

/**
 * Runs one prepared program once; with `pipe`, its stdin is fed by the caller instead of
 * `input.stdin`, and stderr past the output limit also ends the run with "output".
 */
export async function runProgram(
  ctx: SandboxContext,
  language: Language,
  handle: LocalProgramHandle,
  input: RunInput,
  limits: RunLimits,
  pipe?: ExecPipe,
): Promise<RunOutcome> {
  assertLimits(limits);
  const args = input.args ?? [];
  if (!args.every((a) => typeof a === "string" && !a.includes("\0"))) throw new SandboxError("RunInput.args must be strings without NUL", "internal");
  // A run keeps its program's cache entry recent, so the cache's eviction leaves it alone.
  markUsed(dirname(handle.programDir));
  if (!existsSync(handle.programDir)) throw new SandboxError(`the prepared program ${handle.programDir} is gone from the compile cache; prepare it again`, "internal");
  const files = input.files ?? {};
  const collect = input.collect ?? [];
  assertCollectNames(collect);
  const setupStarted = startPhase();
  const run = createRunDir(ctx, "run-", scratchCapsFor(limits.memoryMb * 1024 * 1024, files));
  try {
    const box = run.makeDir("box", true);
    const exe = run.makeDir("prog", false);
    cpSync(handle.programDir, exe, { recursive: true });
    writeSandboxFiles(ctx, box, files, "RunInput.files");
    const stdinPath = pipe ? undefined : join(run.root, "stdin");
    if (stdinPath) writeFileSync(stdinPath, input.stdin ?? "", { mode: 0o600 });
    endPhase("run folder (scratch tmpfs, program copy, files)", setupStarted);
    const result = await execInSandbox(ctx, {
      command: commandFor(language, ctx.tools.python3, args, handle.noSite),
      mounts: [
        { src: box, dest: "/box", writable: true },
        { src: exe, dest: PROGRAM_DEST },
        ...run.scratchMounts(),
      ],
      cwd: "/box",
      env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" },
      stdinPath,
      pipe,
      statusPath: run.statusPath,
      limits: execLimitsFor(limits),
      stdoutBytes: limits.outputBytes,
      stderrBytes: STDERR_BYTES,
      // In a pair stdout is the channel to the other side, so a program's prints go to stderr: they count against the output limit there.
      stderrKillBytes: pipe ? limits.outputBytes : undefined,
    });
    // What the program itself left in its scratch (the harness's input files excluded).
    const used = run.scratchUsedBytes();
    const scratchUsedBytes = used === null ? null : Math.max(0, used - filePagesBytes(files));
    const outcome = buildRunOutcome(result, limits, { memoryByCgroup: Boolean(ctx.cgroups?.bases.memory), scratchUsedBytes });
    if (collect.length === 0) return outcome;
    // Read before the scratch is disposed; a file past the output limit is that limit's failure, like stdout.
    const collected = collectFiles(box, collect, limits.outputBytes);
    const overLimit = collected.overLimit && outcome.termination === "exited";
    return { ...outcome, files: collected.files, ...(overLimit ? { termination: "output" as const } : {}) };
  } finally {
    const disposeStarted = startPhase();
    await run.dispose();
    endPhase("run folder dispose", disposeStarted);
  }
}
