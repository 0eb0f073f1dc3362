/**
 * Piston's stage results mapped to our outcome contract. Piston reports limits as SIGKILL with a
 * status: TO is a time limit (isolate's message says "wall clock" for the wall limit; otherwise the
 * CPU time used decides), OL/EL an output stream past the server's cap, SG a signal. Piston has no
 * memory status: a SIGKILL is read as the memory limit when the message says so (our server) or the
 * reported peak reaches the limit (stock Piston's cgroup figure); otherwise it stays a signal (RE).
 * XX is the server's own failure, never the program's.
 */
import type { PistonStage } from "../piston-wire.ts";
import type { CompileLimits, PrepareResult, RunLimits, RunOutcome } from "../types.ts";
import { SandboxError } from "../types.ts";

const MIB = 1024 * 1024;

/** Maps a run stage to an outcome; `outputCap` is the server's cap per stream (bytes). */
export function mapRunStage(stage: PistonStage, limits: RunLimits, outputCap: number): RunOutcome {
  const base = {
    exitCode: null as number | null,
    signal: null as string | null,
    timeMs: Math.max(0, stage.cpu_time ?? 0),
    wallMs: Math.max(0, stage.wall_time ?? 0),
    memoryKb: Math.max(0, Math.round((stage.memory ?? 0) / 1024)),
    stdout: stage.stdout,
    stderr: stage.stderr,
    // Our server's collect extension: the files read back, kept as the server sent them.
    ...(stage.files ? { files: stage.files } : {}),
  };
  const tooLong = base.stdout.length > limits.outputBytes || base.stderr.length > limits.outputBytes || Object.values(stage.files ?? {}).some((f) => f.length > limits.outputBytes);
  switch (stage.status) {
    case "XX":
      throw new SandboxError(`piston reported an internal error: ${stage.message ?? "no message"}`, "remote_unreachable");
    case "OL":
    case "EL":
      if (outputCap < limits.outputBytes) {
        throw new SandboxError(
          `piston stopped the program at its output cap (${outputCap} bytes per stream), below this run's output limit (${limits.outputBytes} bytes): ` +
            "raise the server's cap (stock Piston: PISTON_OUTPUT_MAX_SIZE, default 1024) and tell the backend (--judge-opt output-cap=BYTES)",
          "remote_unreachable",
        );
      }
      return { ...base, ...cut(base, limits), termination: "output", signal: "SIGKILL" };
    case "TO": {
      const wall = /wall/i.test(stage.message ?? "") || base.timeMs < limits.cpuMs * 0.9;
      return { ...base, termination: wall ? "wall_time" : "cpu_time", signal: "SIGKILL" };
    }
    default:
      break;
  }
  // Our limit on output is ours to enforce when the server's cap is larger.
  if (tooLong) return { ...base, ...cut(base, limits), termination: "output", signal: null };
  if (stage.signal !== null) {
    const memory = stage.signal === "SIGKILL" && (/memory/i.test(stage.message ?? "") || base.memoryKb >= limits.memoryMb * 1024 * 0.95);
    return { ...base, termination: memory ? "memory" : "signaled", signal: stage.signal };
  }
  const code = stage.code ?? 0;
  return { ...base, termination: code === 0 ? "exited" : "nonzero", exitCode: code };
}

function cut(o: { stdout: string; stderr: string; files?: Record<string, string> }, limits: RunLimits): { stdout: string; stderr: string; files?: Record<string, string> } {
  const files = o.files ? { files: Object.fromEntries(Object.entries(o.files).map(([n, c]) => [n, c.slice(0, limits.outputBytes)])) } : {};
  return { stdout: o.stdout.slice(0, limits.outputBytes), stderr: o.stderr.slice(0, limits.outputBytes), ...files };
}

/** Maps a failed compile stage (code ≠ 0 or a status) to a prepare failure. */
export function mapCompileFailure(stage: PistonStage, limits: CompileLimits, timeMs: number): Extract<PrepareResult, { ok: false }> {
  const log = (stage.output || stage.stderr + stage.stdout).slice(0, limits.logBytes);
  if (stage.status === "XX") throw new SandboxError(`piston reported an internal error while compiling: ${stage.message ?? "no message"}`, "remote_unreachable");
  if (stage.status === "TO") return { ok: false, log, timeMs, cause: "compile_time" };
  const memory = stage.signal === "SIGKILL" && (/memory/i.test(stage.message ?? "") || (stage.memory ?? 0) >= limits.memoryMb * MIB * 0.95);
  if (memory) return { ok: false, log, timeMs, cause: "compile_memory" };
  return { ok: false, log, timeMs, cause: "compile_error" };
}

/** Whether a compile stage failed (stock Piston: a non-zero code; a kill has a status and no code). */
export function failedCompile(stage: PistonStage | undefined): PistonStage | null {
  return stage !== undefined && (stage.code !== 0 || (stage.status !== null && stage.status !== undefined)) ? stage : null;
}
