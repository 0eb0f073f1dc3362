/** How a guest's run ended, in the terms of the Sandbox contract (judges/types.ts). */
import type { RunOutcome } from "../types.ts";
import type { GuestResult } from "./pool.ts";

/** Exit code and stderr line of the guest runtime's memory-limit stop (runtime/guest-runtime.cpp). */
export const MEMORY_EXIT_CODE = 251;
export const MEMORY_MARKER = "[wasm-judge] memory limit: linear memory cannot grow";

/**
 * Traps, as the engine words them, mapped to the signal a native program would have died of:
 * a stack overflow (the engine's call stack, or the shadow stack running below address 0) and an
 * out-of-bounds access are SIGSEGV, `unreachable` (abort(), __builtin_trap) is SIGABRT, integer
 * division by zero or overflow is SIGFPE; anything else is SIGILL.
 */
export function signalOfTrap(trap: string): string {
  if (/call stack|stack overflow|out of bounds|Out of bounds/i.test(trap)) return "SIGSEGV";
  if (/unreachable/i.test(trap)) return "SIGABRT";
  if (/divi(de|sion) by zero|integer overflow|Integer overflow/i.test(trap)) return "SIGFPE";
  return "SIGILL";
}

/** Maps the pool's result to a RunOutcome. */
export function toRunOutcome(result: GuestResult): RunOutcome {
  const base = { timeMs: result.cpuMs, wallMs: result.wallMs, memoryKb: 0 };
  const done = result.done;
  if (!done) return { ...base, termination: result.stopped ?? "signaled", exitCode: null, signal: null, stdout: "", stderr: "" };
  const common = { ...base, stdout: done.stdout, stderr: done.stderr, ...(Object.keys(done.files).length ? { files: done.files } : {}) };
  if (result.stopped) return { ...common, termination: result.stopped, exitCode: null, signal: null };
  if (done.noMemory) return { ...common, termination: "memory", exitCode: null, signal: null };
  if (done.outputExceeded) return { ...common, termination: "output", exitCode: null, signal: null };
  if (done.trap !== null) return { ...common, termination: "signaled", exitCode: null, signal: signalOfTrap(done.trap), stderr: `${done.stderr}${done.stderr && !done.stderr.endsWith("\n") ? "\n" : ""}[wasm trap] ${done.trap}\n` };
  if (done.exitCode === MEMORY_EXIT_CODE && done.stderr.includes(MEMORY_MARKER)) return { ...common, termination: "memory", exitCode: null, signal: null };
  return { ...common, termination: done.exitCode === 0 ? "exited" : "nonzero", exitCode: done.exitCode, signal: null };
}
