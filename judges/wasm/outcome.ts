/** How a guest's run ended, in the terms of the Sandbox contract (judges/types.ts). */
import type { RunOutcome } from "../types.ts";
import type { PoolResult } from "./pool.ts";
import type { PairDone, PairSideDone } from "./protocol.ts";

/** Exit code and stderr line of the guest runtime's memory-limit stop (runtime/guest-runtime.cpp). */
export const MEMORY_EXIT_CODE = 251;
const WASM_PAGE_BYTES = 65536;
export const MEMORY_MARKER = "[wasm-judge] memory limit: linear memory cannot grow";
/** Exit code and stderr line of the guest runtime's null-write check. */
export const NULL_WRITE_EXIT_CODE = 250;
export const NULL_WRITE_MARKER = "[wasm-judge] null pointer write";

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

/** Maps the pool's result for one guest to a RunOutcome. */
export function toRunOutcome(result: PoolResult<PairSideDone>): RunOutcome {
  return sideOutcome(result.done, result.stopped, result.cpuMs, result.wallMs);
}

/**
 * Maps a pair's result. Both guests ran in one worker, whose CPU cannot be split between them: it is
 * all charged to the program (the peer is a small trusted tester or interactor), and a stop at the
 * program's limits ends the peer too, as killed.
 */
export function toPairOutcome(result: PoolResult<PairDone>): { program: RunOutcome; peer: RunOutcome } {
  const { done, stopped, cpuMs, wallMs } = result;
  const program = sideOutcome(done?.program ?? null, stopped, cpuMs, wallMs);
  const peer = done ? sideOutcome(done.peer, null, 0, wallMs) : sideOutcome(null, null, 0, wallMs);
  return { program, peer };
}

/** Peak linear memory in KiB; 0 when the worker was killed before it could say. */
function memoryKbOf(done: PairSideDone | null): number {
  return done ? done.peakPages * (WASM_PAGE_BYTES / 1024) : 0;
}

function sideOutcome(done: PairSideDone | null, stopped: PoolResult<unknown>["stopped"], cpuMs: number, wallMs: number): RunOutcome {
  const base = { timeMs: cpuMs, wallMs, memoryKb: memoryKbOf(done) };
  if (!done) return { ...base, termination: stopped ?? "signaled", exitCode: null, signal: stopped ? null : "SIGKILL", stdout: "", stderr: "" };
  const common = { ...base, stdout: done.stdout, stderr: done.stderr, ...(Object.keys(done.files).length ? { files: done.files } : {}) };
  if (stopped) return { ...common, termination: stopped, exitCode: null, signal: null };
  if (done.noMemory || done.filesOverMemory) return { ...common, termination: "memory", exitCode: null, signal: null };
  if (done.outputExceeded) return { ...common, termination: "output", exitCode: null, signal: null };
  if (done.trap !== null) {
    const note = `${done.stderr && !done.stderr.endsWith("\n") ? "\n" : ""}[wasm trap] ${done.trap}\n`;
    return { ...common, termination: "signaled", exitCode: null, signal: signalOfTrap(done.trap), stderr: `${done.stderr}${note}` };
  }
  if (done.exitCode === MEMORY_EXIT_CODE && done.stderr.includes(MEMORY_MARKER)) return { ...common, termination: "memory", exitCode: null, signal: null };
  if (done.exitCode === NULL_WRITE_EXIT_CODE && done.stderr.includes(NULL_WRITE_MARKER)) return { ...common, termination: "signaled", exitCode: null, signal: "SIGSEGV" };
  return { ...common, termination: done.exitCode === 0 ? "exited" : "nonzero", exitCode: done.exitCode, signal: null };
}
