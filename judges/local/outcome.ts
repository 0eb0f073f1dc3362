/** Turns the raw facts of a run into the contract's Termination. */
import { constants } from "node:os";
import type { RunLimits, RunOutcome, Termination } from "../types.ts";
import type { ExecResult } from "./exec.ts";

// Aliases share a number (SIGABRT/SIGIOT, SIGIO/SIGPOLL): the first listed is the usual name.
const SIGNAL_NAMES = new Map<number, string>();
for (const [name, num] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(num)) SIGNAL_NAMES.set(num, name);

/** "SIGSEGV" for 11; "SIG<n>" for numbers the platform does not name. */
export function signalName(signal: number): string {
  return SIGNAL_NAMES.get(signal) ?? `SIG${signal}`;
}

// Python ignores SIGXFSZ, so a file over RLIMIT_FSIZE surfaces as this OSError instead of the signal.
const FILE_TOO_LARGE = /\[Errno 27\] File too large/;
// Without a memory cgroup the limit is RLIMIT_AS: running out looks like a failed allocation.
const ALLOCATION_FAILED = /std::bad_alloc|\bMemoryError\b|Cannot allocate memory/;

export interface ClassifyOptions {
  /** True when memory is limited by a cgroup (OOM kill); false under the RLIMIT_AS fallback. */
  memoryByCgroup: boolean;
  /** Bytes the run left in its scratch file system (/box, /tmp, /dev/shm); null when unknown. */
  scratchUsedBytes: number | null;
}

/**
 * Whether a file can really have reached RLIMIT_FSIZE: a program may raise SIGXFSZ itself or print
 * Python's EFBIG message, and must not pick OLE over RE that way. A genuine hit leaves a file of
 * `fileBytes` in the scratch file system; unknown usage (no per-run tmpfs) is not evidence.
 */
function fileLimitReached(limits: RunLimits, options: ClassifyOptions): boolean {
  return options.scratchUsedBytes !== null && options.scratchUsedBytes >= limits.fileBytes;
}

/**
 * A genuine SIGXCPU comes at RLIMIT_CPU, at or past the CPU limit; the rusage figure can trail the
 * kernel's own count (seen: 839 ms at a 1 s limit on a virtual machine), so a signal after this
 * share of the limit is believed. Raised earlier, it is the program's own doing: RE.
 */
const CPU_SIGNAL_SHARE = 0.75;

/** What the program's stderr gets when it wrote into the sandbox's status channel. */
export const FORGED_NOTE = "[judges/local] the program tampered with the sandbox's status report";

/** The Termination of a run, from the limit the harness enforced, the OOM killer and the exit status. */
export function classifyRun(result: ExecResult, limits: RunLimits, options: ClassifyOptions): Termination {
  if (result.limit === "output") return "output";
  if (result.oom) return "memory";
  if (result.limit === "cpu_time") return "cpu_time";
  if (result.limit === "wall_time") return result.cpuMs > limits.cpuMs ? "cpu_time" : "wall_time";
  const status = result.status;
  // No report (killed before it could come) or a forged one: the program's own failure.
  if (!status) return result.cpuMs > limits.cpuMs ? "cpu_time" : "signaled";
  if (status.kind === "signal") {
    const name = signalName(status.signal);
    // The signal alone is no evidence (raise() sends it too): the measured CPU or file must agree.
    if (name === "SIGXCPU" && result.cpuMs >= limits.cpuMs * CPU_SIGNAL_SHARE) return "cpu_time";
    if (name === "SIGKILL" && result.cpuMs >= limits.cpuMs) return "cpu_time";
    if (name === "SIGXFSZ" && fileLimitReached(limits, options)) return "output";
  }
  if (result.cpuMs > limits.cpuMs) return "cpu_time";
  if (status.kind === "exit" && status.code === 0) return "exited";
  if (FILE_TOO_LARGE.test(result.stderr) && fileLimitReached(limits, options)) return "output";
  if (!options.memoryByCgroup && ALLOCATION_FAILED.test(result.stderr)) return "memory";
  return status.kind === "exit" ? "nonzero" : "signaled";
}

/** The contract's RunOutcome for a finished run. */
export function buildRunOutcome(result: ExecResult, limits: RunLimits, options: ClassifyOptions): RunOutcome {
  const status = result.status;
  return {
    termination: classifyRun(result, limits, options),
    exitCode: status?.kind === "exit" ? status.code : null,
    signal: status?.kind === "signal" ? signalName(status.signal) : status || result.forged ? null : "SIGKILL",
    timeMs: result.cpuMs,
    wallMs: result.wallMs,
    memoryKb: result.memoryKb,
    stdout: result.stdout,
    stderr: result.forged ? `${result.stderr}${result.stderr && !result.stderr.endsWith("\n") ? "\n" : ""}${FORGED_NOTE}\n` : result.stderr,
  };
}
