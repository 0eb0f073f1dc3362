/**
 * Compile once, run many: several tests of one C++ program in ONE Piston execute. Piston compiles on
 * every execute, so judging n tests one request each pays n compiles. Here the request's program is
 * a small runner (batch-runner.cpp), the candidate rides along as a data file, and the runner
 * compiles it once with the run stage's g++ and runs it per test, reporting each test in frames
 * behind a random per-request token (see the runner's header for why a candidate cannot forge one).
 * This file builds that request and reads the report strictly: anything unexpected is "no report",
 * and the caller falls back to one execute per test, so a broken batch costs time, never a verdict.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import type { PistonExecuteRequest, PistonFile, PistonRuntime } from "../piston-wire.ts";
import type { CompileLimits, RunLimits, RunOutcome } from "../types.ts";

export const RUNNER_SOURCE = readFileSync(new URL("./batch-runner.cpp", import.meta.url), "utf8");

/**
 * The local judge's C++ flags (judges/local/compile.ts), so batched runs judge as `--judge local`
 * does; repeated, not imported, because one backend does not import another (a test holds them equal).
 */
export const BATCH_CPP_FLAGS = ["-std=c++17", "-O2", "-pipe", "-DONLINE_JUDGE"];

/** Stage limits the server grants the batch (after its maxima); the runner fits its tests in them. */
export interface StageGrant {
  wallMs: number;
  cpuMs: number;
  memoryBytes: number;
}

export interface BatchPlan {
  token: string;
  inputs: string[];
  limits: RunLimits;
  /** Bytes of report the server returns (its output cap per stream). */
  reportBytes: number;
}

/** What a batch should ask for: the compile plus every test at its limits, memory for whichever is larger. */
export function desiredStage(compile: CompileLimits, limits: RunLimits, tests: number): StageGrant {
  return {
    wallMs: compile.wallMs + tests * (limits.wallMs + 200) + 1000,
    cpuMs: compile.cpuMs + tests * limits.cpuMs + 1000,
    memoryBytes: (Math.max(compile.memoryMb, limits.memoryMb) + 64) * 1024 * 1024,
  };
}

export function newBatchPlan(inputs: string[], limits: RunLimits, reportBytes: number): BatchPlan {
  return { token: randomBytes(16).toString("hex"), inputs, limits, reportBytes };
}

/** The execute request of a batch: runner first (utf8, the program), candidate and batch.in as data. */
export function batchRequest(runtime: PistonRuntime, candidate: string, extra: PistonFile[], plan: BatchPlan, compile: CompileLimits, stage: StageGrant): PistonExecuteRequest {
  const l = plan.limits;
  const head = `${plan.token}\n${l.cpuMs} ${l.wallMs} ${l.memoryMb * 1024} ${l.outputBytes} ${l.fileBytes} ${stage.wallMs - 500} ${plan.reportBytes}\n`;
  const flags = `${BATCH_CPP_FLAGS.length}\n${BATCH_CPP_FLAGS.join("\n")}\n`;
  const tests = plan.inputs.map((input) => `${Buffer.byteLength(input, "utf8")}\n${input}`).join("");
  const data = (name: string, content: string): PistonFile => ({ name, content: Buffer.from(content, "utf8").toString("base64"), encoding: "base64" });
  return {
    language: runtime.language,
    version: runtime.version,
    files: [{ name: "batch-runner.cpp", content: RUNNER_SOURCE }, data("candidate.src", candidate), data("batch.in", head + flags + tests), ...extra],
    stdin: "",
    args: [],
    compile_timeout: compile.wallMs,
    compile_cpu_time: compile.cpuMs,
    compile_memory_limit: compile.memoryMb * 1024 * 1024,
    run_timeout: stage.wallMs,
    run_cpu_time: stage.cpuMs,
    run_memory_limit: stage.memoryBytes,
  };
}

/**
 * The outcomes of a report, for a prefix of the plan's tests, or why there are none: the candidate
 * did not compile with the runner's flags, or the report is not one the runner wrote (then the
 * caller runs the tests one by one). Frames are read in order from the start; the first line that
 * is not a well-formed frame for the next test ends the reading, and what came before stands, since
 * the runner writes a frame only once its test is over.
 */
export function readBatchReport(stdout: string, plan: BatchPlan): { outcomes: RunOutcome[] } | { none: "compile_failed" | "no_report" } {
  const bytes = Buffer.from(stdout, "utf8");
  const outcomes: RunOutcome[] = [];
  let pos = 0;
  const prefix = `${plan.token} `;
  while (pos < bytes.length && outcomes.length < plan.inputs.length) {
    const end = bytes.indexOf(10, pos);
    if (end < 0) break;
    const line = bytes.subarray(pos, end).toString("utf8");
    if (!line.startsWith(prefix)) break;
    const fields = line.slice(prefix.length).split(" ");
    if (fields[0] === "C" && outcomes.length === 0 && fields.length === 1) return { none: "compile_failed" };
    if (fields[0] !== "R" || fields.length !== 10 || Number(fields[1]) !== outcomes.length) break;
    const [term, code, sig, cpu, wall, mem, outLen, errLen] = [fields[2]!, ...fields.slice(3).map(Number)] as [string, ...number[]];
    if ([code, sig, cpu, wall, mem, outLen, errLen].some((n) => !Number.isSafeInteger(n) || n! < 0)) break;
    const body = end + 1;
    if (body + outLen! + errLen! > bytes.length) break;
    const out = bytes.subarray(body, body + outLen!).toString("utf8");
    const err = bytes.subarray(body + outLen!, body + outLen! + errLen!).toString("utf8");
    const outcome = outcomeOf(term, code!, sig!, { timeMs: cpu!, wallMs: wall!, memoryKb: mem!, stdout: out, stderr: err });
    if (!outcome) break;
    outcomes.push(outcome);
    pos = body + outLen! + errLen!;
    if (outcome.termination !== "exited") break;
  }
  return outcomes.length > 0 ? { outcomes } : { none: "no_report" };
}

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, n]) => [n as number, name]));

function outcomeOf(term: string, code: number, sig: number, figures: Pick<RunOutcome, "timeMs" | "wallMs" | "memoryKb" | "stdout" | "stderr">): RunOutcome | null {
  const killed = { ...figures, exitCode: null, signal: "SIGKILL" };
  switch (term) {
    case "x":
      return { ...figures, termination: "exited", exitCode: 0, signal: null };
    case "n":
      return code > 0 ? { ...figures, termination: "nonzero", exitCode: code, signal: null } : null;
    case "s":
      return SIGNAL_NAMES.has(sig) ? { ...figures, termination: "signaled", exitCode: null, signal: SIGNAL_NAMES.get(sig)! } : null;
    case "c":
      return { ...killed, termination: "cpu_time" };
    case "w":
      return { ...killed, termination: "wall_time" };
    case "m":
      return { ...killed, termination: "memory" };
    case "o":
      return { ...killed, termination: "output" };
    default:
      return null;
  }
}
