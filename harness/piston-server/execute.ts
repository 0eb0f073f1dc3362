/**
 * Runs one validated Piston job on a sandbox (the `Sandbox` contract; any backend) and answers in
 * Piston's shape. C++ compiles through `prepare` (the local sandbox caches compiles by content, so
 * Piston clients that compile on every execute pay for it once); Python has no compile stage in
 * Piston, so a syntax error surfaces, as there, as a failed run stage.
 */
import {
  MEMORY_LIMIT_MESSAGE,
  type PistonExecuteResponse,
  type PistonStage,
  TIME_LIMIT_MESSAGE,
  WALL_LIMIT_MESSAGE,
} from "../../judges/piston-wire.ts";
import type { PrepareResult, RunLimits, RunOutcome, Sandbox } from "../../judges/types.ts";
import type { ExecuteJob, PistonServerLimits } from "./validate.ts";

const MIB = 1024 * 1024;
const HEADER = /\.(h|hh|hpp|hxx|inc)$/i;

/** Executes a job: compile stage (C++), then the run stage unless the compile failed. */
export async function executeJob(sandbox: Sandbox, job: ExecuteJob, limits: PistonServerLimits): Promise<PistonExecuteResponse> {
  const { prepared, files } = await prepareJob(sandbox, job, limits);
  if (!prepared.ok) return failedCompileResponse(job, prepared);
  const collect = job.collect.length > 0 ? { collect: job.collect } : {};
  const outcome = await sandbox.run(prepared.program, { stdin: job.stdin, args: job.args, files, ...collect }, runLimitsOf(job, limits));
  return responseOf(job, prepared, runStage(outcome));
}

/** Compiles (C++) or checks in (Python) a job's main file; the other files are returned for its run. */
export async function prepareJob(sandbox: Sandbox, job: ExecuteJob, limits: PistonServerLimits): Promise<{ prepared: PrepareResult; files: Record<string, string> }> {
  const [main, ...rest] = orderCodeFirst(job.files);
  // Headers join the compile whatever their encoding: clients send them base64 (as the Piston
  // backend does) because stock Piston would hand every utf8 file to the compiler as a source.
  const extraCode = Object.fromEntries(rest.filter((f) => f.code || HEADER.test(f.name)).map((f) => [f.name, f.content]));
  const prepared = await sandbox.prepare(
    { language: job.runtime.judgeLanguage, code: main.content, ...(Object.keys(extraCode).length ? { extraFiles: extraCode } : {}) },
    { cpuMs: job.compile.cpuMs, wallMs: job.compile.timeoutMs, memoryMb: Math.max(1, Math.ceil(job.compile.memoryBytes / MIB)), logBytes: limits.outputCapBytes },
  );
  return { prepared, files: Object.fromEntries(rest.map((f) => [f.name, f.content])) };
}

export function runLimitsOf(job: ExecuteJob, limits: PistonServerLimits): RunLimits {
  return {
    cpuMs: job.run.cpuMs,
    wallMs: job.run.timeoutMs,
    memoryMb: Math.max(1, Math.ceil(job.run.memoryBytes / MIB)),
    outputBytes: limits.outputCapBytes,
    processes: limits.processes,
    fileBytes: limits.fileBytes,
  };
}

/** The response of a job whose compile failed. */
export function failedCompileResponse(job: ExecuteJob, prepared: Extract<PrepareResult, { ok: false }>): PistonExecuteResponse {
  const head = { language: job.runtime.language, version: job.runtime.version };
  const stage = compileFailureStage(prepared);
  // Stock Piston copies the compile stage into `run` when no run happened (for old clients).
  return job.runtime.compiled ? { ...head, compile: stage, run: stage } : { ...head, run: stage };
}

/** The response of a job that compiled and ran. */
export function responseOf(job: ExecuteJob, prepared: Extract<PrepareResult, { ok: true }>, run: PistonStage): PistonExecuteResponse {
  const head = { language: job.runtime.language, version: job.runtime.version };
  return job.runtime.compiled ? { ...head, compile: compileSuccessStage(prepared), run } : { ...head, run };
}

/** Piston runs the first utf8 file; data files (base64/hex) may come before it. */
function orderCodeFirst(files: ExecuteJob["files"]): [ExecuteJob["files"][number], ...ExecuteJob["files"]] {
  const i = files.findIndex((f) => f.code);
  return [files[i]!, ...files.filter((_, j) => j !== i)];
}

export function stage(partial: Partial<PistonStage>): PistonStage {
  const stdout = partial.stdout ?? "";
  const stderr = partial.stderr ?? "";
  return {
    stdout,
    stderr,
    // The sandbox keeps the two streams apart, so the interleaving order is not known: stdout first.
    output: stdout + stderr,
    code: partial.code ?? null,
    signal: partial.signal ?? null,
    message: partial.message ?? null,
    status: partial.status ?? null,
    memory: partial.memory ?? null,
    cpu_time: partial.cpu_time ?? null,
    wall_time: partial.wall_time ?? null,
    ...(partial.files ? { files: partial.files } : {}),
  };
}

function compileSuccessStage(prepared: Extract<PrepareResult, { ok: true }>): PistonStage {
  return stage({ stderr: prepared.log, code: 0, cpu_time: prepared.timeMs, wall_time: prepared.timeMs });
}

function compileFailureStage(prepared: Extract<PrepareResult, { ok: false }>): PistonStage {
  const common = { stderr: prepared.log, cpu_time: prepared.timeMs, wall_time: prepared.timeMs };
  if (prepared.cause === "compile_time") return stage({ ...common, signal: "SIGKILL", status: "TO", message: TIME_LIMIT_MESSAGE });
  if (prepared.cause === "compile_memory") return stage({ ...common, signal: "SIGKILL", status: "SG", message: MEMORY_LIMIT_MESSAGE });
  return stage({ ...common, code: 1, status: "RE", message: "Exited with error status 1" });
}

/** Maps our outcome to Piston's run stage (isolate's statuses; limits end with SIGKILL as in Piston). */
export function runStage(o: RunOutcome): PistonStage {
  const common = { stdout: o.stdout, stderr: o.stderr, memory: o.memoryKb * 1024, cpu_time: o.timeMs, wall_time: o.wallMs, ...(o.files ? { files: o.files } : {}) };
  switch (o.termination) {
    case "exited":
      return stage({ ...common, code: 0 });
    case "nonzero":
      return stage({ ...common, code: o.exitCode, status: "RE", message: `Exited with error status ${o.exitCode}` });
    case "signaled":
      return stage({ ...common, signal: o.signal, status: "SG", message: `Caught fatal signal ${o.signal}` });
    case "cpu_time":
      return stage({ ...common, signal: "SIGKILL", status: "TO", message: TIME_LIMIT_MESSAGE });
    case "wall_time":
      return stage({ ...common, signal: "SIGKILL", status: "TO", message: WALL_LIMIT_MESSAGE });
    case "memory":
      return stage({ ...common, signal: "SIGKILL", status: "SG", message: MEMORY_LIMIT_MESSAGE });
    case "output":
      return stage({ ...common, signal: "SIGKILL", status: "OL", message: "stdout length exceeded" });
  }
}
