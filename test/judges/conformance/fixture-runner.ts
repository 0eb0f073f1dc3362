/** Shared pieces of the conformance suite: limits, check ids, fixture access and the per-suite context. */
import { join } from "node:path";
import type { CompileLimits, PrepareResult, RunInput, RunLimits, RunOutcome, Sandbox } from "../../../judges/types.ts";

/** The wall limit sits far above the CPU limit so a busy machine cannot turn a CPU-bound TLE into a wall one. */
export const CONFORMANCE_LIMITS: RunLimits = {
  cpuMs: 1000,
  wallMs: 10_000,
  memoryMb: 256,
  outputBytes: 1 << 20,
  processes: 8,
  fileBytes: 16 << 20,
};
export const CONFORMANCE_COMPILE_LIMITS: CompileLimits = { cpuMs: 10_000, wallMs: 20_000, memoryMb: 1024, logBytes: 16 << 10 };
/** Tighter limits for compile bombs, so they end in a few seconds even on a busy machine. */
export const BOMB_COMPILE_LIMITS: CompileLimits = { cpuMs: 3000, wallMs: 5000, memoryMb: 256, logBytes: 16 << 10 };

/** Ids of all checks, usable as keys of `skips`. */
export const CONFORMANCE_CHECKS = [
  "self-test",
  "ac-echo-cpp",
  "ac-echo-py",
  "nonzero-exit",
  "files-args",
  "concurrent-runs",
  "tle-spin",
  "tle-sleep",
  "mle-alloc",
  "re-stack-overflow",
  "re-segv",
  "ole-flood",
  "ole-file-flood",
  "ce-syntax-cpp",
  "ce-syntax-py",
  "compile-bomb-devzero",
  "compile-bomb-templates",
  "compile-bomb-errors",
  "fork-bomb",
  "daemon-setsid",
  "kill-all",
  "kill-parent",
  "net-loopback",
  "net-outside",
  "read-secrets",
  "write-outside",
  "env-leak",
  "session-files",
  "session-processes",
  "session-limits",
] as const;
export type ConformanceCheck = (typeof CONFORMANCE_CHECKS)[number];

const FIXTURES = join(import.meta.dir, "fixtures");

/** Source text of a fixture program. */
export function readFixture(file: string): Promise<string> {
  return Bun.file(join(FIXTURES, file)).text();
}

/** What every check gets from the suite. */
export interface ConformanceContext {
  sandbox(): Sandbox;
  /** Registers a check (or skips it with the backend's reason). */
  check(id: ConformanceCheck, title: string, body: () => Promise<void>): void;
  /** Prepares a fixture once per suite and limits (memoized). */
  prepare(file: string, limits?: CompileLimits): Promise<PrepareResult>;
  /** Prepares (once) and runs a fixture. */
  run(file: string, input?: RunInput, limits?: RunLimits): Promise<RunOutcome>;
  /** Asserts that no process of past runs survives. */
  expectContained(): Promise<void>;
  /** Asserts that the sandbox still runs an ordinary program correctly. */
  expectStillServing(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
