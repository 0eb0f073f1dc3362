/**
 * Per-test limits as each source states them. A row's own fields win; then the limits its statement
 * states ("time limit per test: 2 seconds", rllm's "Time Limit: 2000 ms", "Memory Limit: 256 MB");
 * then the default of the source's own tester; then the harness default (README, "Limits per source").
 */
import * as defaults from "../defaults.ts";

/** Default per-test time of each source's tester, where its rows carry no limit. */
export const SOURCE_TIME_LIMIT_MS = {
  /** LiveCodeBench `run_test(..., timeout=6)`; rllm calls it with the same 6 s. */
  livecodebench: 6000,
  /** rllm/DeepCoder rows judged as rllm's reward does (LiveCodeBench's 6 s). */
  rllm: 6000,
  /** APPS and TACO `testing_util.py`: a 4 s alarm per test. */
  apps: 4000,
} as const;

export interface StatedLimits {
  timeMs?: number;
  memoryMb?: number;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const TIME = new RegExp(String.raw`time[ \t]+limit(?:[ \t]+per[ \t]+test)?[ \t]*[:：]?[ \t]*${NUMBER}[ \t]*(ms|milliseconds?|s|secs?|seconds?)\b`, "i");
// rllm's code_contests statements print the proto duration: "Time Limit: {'seconds': 2, 'nanos': 500000000}".
const TIME_PROTO = /time[ \t]+limit[ \t]*:[ \t]*\{\s*'seconds'\s*:\s*(\d+)\s*,\s*'nanos'\s*:\s*(\d+)\s*\}/i;
const MEMORY = new RegExp(
  String.raw`memory[ \t]+limit(?:[ \t]+per[ \t]+test)?[ \t]*[:：]?[ \t]*${NUMBER}[ \t]*(bytes|kb|kilobytes?|kib|mb|megabytes?|mib|gb|gigabytes?|gib)\b`,
  "i",
);

/** The time and memory limits a statement states, when it states them in a form read here. */
export function readStatedLimits(statement: string): StatedLimits {
  const limits: StatedLimits = {};
  const proto = TIME_PROTO.exec(statement);
  const time = TIME.exec(statement);
  let timeMs: number | undefined;
  if (proto) timeMs = Number(proto[1]) * 1000 + Number(proto[2]) / 1e6;
  else if (time) timeMs = Number(time[1]) * (/^ms|^milli/i.test(time[2] ?? "") ? 1 : 1000);
  if (timeMs !== undefined && timeMs > 0) limits.timeMs = Math.round(timeMs);
  const memory = MEMORY.exec(statement);
  const memoryMb = memory ? toMegabytes(Number(memory[1]), (memory[2] ?? "").toLowerCase()) : undefined;
  if (memoryMb !== undefined && memoryMb > 0) limits.memoryMb = memoryMb;
  return limits;
}

/**
 * Megabytes as the judge counts them (MiB). A count of whole MiB is exact; any other is read in
 * decimal megabytes, because CodeContests writes Codeforces' "256 megabytes" as 256000000: that
 * problem gets 256, not 245.
 */
export function bytesToMegabytes(bytes: number): number {
  return bytes % 2 ** 20 === 0 ? bytes / 2 ** 20 : Math.ceil(bytes / 1e6);
}

function toMegabytes(value: number, unit: string): number {
  if (unit === "bytes") return bytesToMegabytes(value);
  if (unit.startsWith("k")) return Math.ceil(value / 1024);
  if (unit.startsWith("g")) return Math.ceil(value * 1024);
  return Math.ceil(value);
}

/** Limits for a row: its fields, else its statement, else the source default, else the harness default. */
export function resolveLimits(
  statement: string,
  fields: StatedLimits,
  sourceTimeMs?: number,
): { time_limit_ms: number; memory_limit_mb: number } {
  const stated = readStatedLimits(statement);
  return {
    time_limit_ms: fields.timeMs ?? stated.timeMs ?? sourceTimeMs ?? defaults.DEFAULT_TIME_LIMIT_MS,
    memory_limit_mb: fields.memoryMb ?? stated.memoryMb ?? defaults.DEFAULT_MEMORY_LIMIT_MB,
  };
}
