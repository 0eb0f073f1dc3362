/**
 * Outputs longer than a server's output cap (stock Piston: 1024 characters), read back in slices.
 * A run whose stdout hits the cap is run again, once per slice, under a small runner (C++: the batch
 * runner's slice mode; Python: slice-runner.py) that runs the program on the test's input and reports
 * only stdout bytes [offset, offset+len), base64, plus the outcome and the length and SHA-256 of the
 * WHOLE stdout, all behind a per-request token. The slices are assembled and checked against that
 * length and hash, so every checker sees the full output and the Sandbox contract is unchanged.
 *
 * A program whose output differs between runs cannot be spliced into an answer: every slice must
 * report the same length and hash, and the assembly must hash to it. When not, the run is a runtime
 * error (`nonzero`, no exit code, stderr saying why): the program's output is not a function of its
 * input, so no single run's output can be read back through this server; it is the submission's
 * doing, not the harness's, hence not SE. Cost: one execute per slice (see README).
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import type { PistonExecuteRequest, PistonExecuteResponse, PistonFile, PistonRuntime } from "../piston-wire.ts";
import type { CompileLimits, Language, RunLimits, RunOutcome } from "../types.ts";
import { SandboxError } from "../types.ts";
import { BATCH_CPP_FLAGS, RUNNER_SOURCE, desiredStage, type StageGrant } from "./batch.ts";
import { failedCompile, mapRunStage } from "./outcome.ts";

const PY_SLICE_RUNNER = readFileSync(new URL("./slice-runner.py", import.meta.url), "utf8");
const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, n]) => [n as number, name]));

/** Report bytes kept for the frame's header and the end frame; the rest carries the slice. */
const HEADER_ROOM = 320;

export interface SliceJob {
  language: Language;
  runtime: PistonRuntime;
  source: string;
  extra: PistonFile[];
  compile: CompileLimits;
  stdin: string;
  limits: RunLimits;
  /** The server's output cap per stream, bytes. */
  cap: number;
}

export interface SliceDeps {
  /** Sends one execute (maxima applied, retried as any other). */
  execute(request: PistonExecuteRequest, timeoutMs: number): Promise<PistonExecuteResponse>;
  /** What the servers grant of a stage limit (their learnt maxima). */
  grant(field: "run_timeout" | "run_cpu_time" | "run_memory_limit", value: number): number;
  slackMs: number;
}

interface SliceReport {
  term: string;
  code: number;
  sig: number;
  cpu: number;
  wall: number;
  mem: number;
  total: number;
  hash: string;
  slice: Buffer;
  stderr: Buffer;
}

/** Bytes of stdout per slice: what base64 of it fits in the cap beside the frames. */
export function sliceBytes(cap: number): number {
  return Math.floor((Math.floor(cap * 0.95) - HEADER_ROOM) / 4) * 3;
}

/** Runs the test slice by slice until the whole stdout is read back and verified; see the file's header. */
export async function runInSlices(job: SliceJob, deps: SliceDeps): Promise<RunOutcome> {
  const per = sliceBytes(job.cap);
  if (per < 48) throw new SandboxError(`piston: the server's output cap (${job.cap} bytes) is too small to read a long output back in slices`, "remote_unreachable");
  const parts: Buffer[] = [];
  let first: SliceReport | null = null;
  let figures = { timeMs: 0, wallMs: 0, memoryKb: 0 };
  for (let offset = 0; ; ) {
    const token = randomBytes(16).toString("hex");
    const { request, timeoutMs } = sliceRequest(job, token, offset, per, deps);
    const body = await deps.execute(request, timeoutMs);
    if (failedCompile(body.compile)) throw new SandboxError(`piston: the slice runner did not compile on the server (${body.compile?.status ?? `code ${body.compile?.code}`})`, "remote_unreachable");
    const report = readSliceReport(body.run.stdout, token);
    const assembled = () => Buffer.concat(parts).toString("utf8");
    if (report === "compile_failed") throw new SandboxError("piston: the candidate, which compiled at prepare, did not compile with the slice runner's flags", "remote_unreachable");
    if (report === null) {
      // No report: the server's box stopped the runner itself (a limit of the stage); judged as the stage ended.
      if (body.run.status && body.run.status !== "OL" && body.run.status !== "EL") return mapRunStage({ ...body.run, stdout: assembled(), stderr: "" }, job.limits, Number.POSITIVE_INFINITY);
      throw new SandboxError(`piston: the slice runner gave no report (${body.run.status ?? `code ${body.run.code}`}): ${body.run.stderr.slice(0, 200)}`, "remote_unreachable");
    }
    figures = { timeMs: Math.max(figures.timeMs, report.cpu), wallMs: Math.max(figures.wallMs, report.wall), memoryKb: Math.max(figures.memoryKb, report.mem) };
    const stderr = report.stderr.toString("utf8");
    if (report.term !== "x") return outcomeOf(report, { ...figures, stdout: assembled(), stderr }, job.limits);
    first ??= report;
    const expected = Math.min(per, report.total - offset);
    if (report.total !== first.total || report.hash !== first.hash || report.slice.length !== expected) return nondeterministic(figures, first, report);
    parts.push(report.slice);
    offset += report.slice.length;
    if (offset < report.total) continue;
    const whole = Buffer.concat(parts);
    if (createHash("sha256").update(whole).digest("hex") !== first.hash) return nondeterministic(figures, first, report);
    return { ...figures, termination: "exited", exitCode: 0, signal: null, stdout: whole.toString("utf8"), stderr };
  }
}

function nondeterministic(figures: Pick<RunOutcome, "timeMs" | "wallMs" | "memoryKb">, a: SliceReport, b: SliceReport): RunOutcome {
  const why = `piston backend: the program's output differed between runs of this test (${a.total} bytes sha256 ${a.hash.slice(0, 12)}… vs ${b.total} bytes sha256 ${b.hash.slice(0, 12)}…), so it could not be read back in slices through the server's output cap; judged as a runtime error`;
  return { ...figures, termination: "nonzero", exitCode: null, signal: null, stdout: "", stderr: why };
}

function outcomeOf(r: SliceReport, base: Pick<RunOutcome, "timeMs" | "wallMs" | "memoryKb" | "stdout" | "stderr">, limits: RunLimits): RunOutcome {
  const killed = { ...base, exitCode: null, signal: "SIGKILL" };
  switch (r.term) {
    case "n":
      return { ...base, termination: "nonzero", exitCode: r.code, signal: null };
    case "s":
      return { ...base, termination: "signaled", exitCode: null, signal: SIGNAL_NAMES.get(r.sig) ?? `signal ${r.sig}` };
    case "c":
      return { ...killed, termination: "cpu_time" };
    case "w":
      return { ...killed, termination: "wall_time" };
    case "m":
      return { ...killed, termination: "memory", memoryKb: Math.max(base.memoryKb, limits.memoryMb * 1024 + 1) };
    default:
      return { ...killed, termination: "output", stdout: base.stdout.slice(0, limits.outputBytes) };
  }
}

/** One slice's execute: the runner as the program, the candidate and the test as data files. */
function sliceRequest(job: SliceJob, token: string, offset: number, per: number, deps: SliceDeps): { request: PistonExecuteRequest; timeoutMs: number } {
  const l = job.limits;
  const cpp = job.language === "cpp";
  // C++: the runner compiles the candidate in its stage, as a batch of one test does. Python: the
  // stage bounds the runner and the candidate together, so it has room above the test's own limits.
  const want: StageGrant = cpp ? desiredStage(job.compile, l, 1) : { wallMs: l.wallMs + 3000, cpuMs: l.cpuMs + 1000, memoryBytes: (l.memoryMb + 64) * 1024 * 1024 };
  const stage = { wallMs: deps.grant("run_timeout", want.wallMs), cpuMs: deps.grant("run_cpu_time", want.cpuMs), memoryBytes: deps.grant("run_memory_limit", want.memoryBytes) };
  if (stage.memoryBytes < l.memoryMb * 1024 * 1024 || stage.cpuMs < l.cpuMs || stage.wallMs < l.wallMs) {
    throw new SandboxError(`piston: the server's maxima leave no room for a slice run at this test's limits (an output longer than its ${job.cap}-byte cap needs one): raise its limits or its output cap`, "remote_unreachable");
  }
  const reportBytes = Math.floor(job.cap * 0.95) - 64;
  const head = `${token}\n${l.cpuMs} ${l.wallMs} ${l.memoryMb * 1024} ${l.outputBytes} ${l.fileBytes} ${stage.wallMs - 500} ${reportBytes} ${offset} ${per}\n`;
  const flags = cpp ? `${BATCH_CPP_FLAGS.length}\n${BATCH_CPP_FLAGS.join("\n")}\n` : "0\n";
  const data = (name: string, content: string): PistonFile => ({ name, content: Buffer.from(content, "utf8").toString("base64"), encoding: "base64" });
  const input = `${head}${flags}${Buffer.byteLength(job.stdin, "utf8")}\n${job.stdin}`;
  const files = cpp
    ? [{ name: "batch-runner.cpp", content: RUNNER_SOURCE }, data("candidate.src", job.source), data("batch.in", input), ...job.extra]
    : [{ name: "slice-runner.py", content: PY_SLICE_RUNNER }, data("solution.py", job.source), data("slice.in", input), ...job.extra.map((f) => (f.encoding === "base64" ? f : data(f.name ?? "", f.content)))];
  const request: PistonExecuteRequest = {
    language: job.runtime.language,
    version: job.runtime.version,
    files,
    stdin: "",
    args: [],
    compile_timeout: job.compile.wallMs,
    compile_cpu_time: job.compile.cpuMs,
    compile_memory_limit: job.compile.memoryMb * 1024 * 1024,
    run_timeout: stage.wallMs,
    run_cpu_time: stage.cpuMs,
    run_memory_limit: stage.memoryBytes,
  };
  return { request, timeoutMs: job.compile.wallMs + stage.wallMs + 2000 + deps.slackMs };
}

/** The slice frame of a report, strictly: anything else is null (no report). */
export function readSliceReport(stdout: string, token: string): SliceReport | "compile_failed" | null {
  if (stdout.startsWith(`${token} C\n`)) return "compile_failed";
  const end = stdout.indexOf("\n");
  if (end < 0) return null;
  const fields = stdout.slice(0, end).split(" ");
  // TOKEN S term code signal cpu wall mem total sha256 slice_len err_len
  if (fields.length !== 12 || fields[0] !== token || fields[1] !== "S" || !/^[xnscwmo]$/.test(fields[2]!) || !/^[0-9a-f]{64}$/.test(fields[9]!)) return null;
  const nums = [3, 4, 5, 6, 7, 8, 10, 11].map((i) => Number(fields[i]));
  if (nums.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  const [code, sig, cpu, wall, mem, total, sliceLen, errLen] = nums as [number, number, number, number, number, number, number, number];
  const body = stdout.slice(end + 1);
  if (body.length < sliceLen + errLen || body.slice(sliceLen + errLen) !== `${token} E 1\n`) return null;
  const b64 = /^[A-Za-z0-9+/]*={0,2}$/;
  const slice = body.slice(0, sliceLen);
  const err = body.slice(sliceLen, sliceLen + errLen);
  if (!b64.test(slice) || !b64.test(err)) return null;
  return { term: fields[2]!, code, sig, cpu, wall, mem, total, hash: fields[9]!, slice: Buffer.from(slice, "base64"), stderr: Buffer.from(err, "base64") };
}
