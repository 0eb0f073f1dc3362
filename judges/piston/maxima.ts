/**
 * Servers' configured maxima, learned from their refusals. Stock Piston refuses a limit above its
 * configuration with 400 "<field> cannot exceed the configured limit of <n>" (compile 10 s, run 3 s
 * by default), and the harness's default compile limits (60 s wall) are above that. Compile limits
 * and the run's wall limit are then lowered to the maximum and the request sent again: a shorter
 * compile limit can only turn a huge compile into CE, and the wall limit only stops sleepers, so it
 * is never lowered below the run's CPU limit. The run's CPU and memory limits decide TLE and MLE, so
 * they are never lowered: a server that cannot grant them is a SandboxError saying so.
 */
import type { PistonExecuteRequest } from "../piston-wire.ts";
import { SandboxError } from "../types.ts";

type LimitField = "compile_timeout" | "compile_cpu_time" | "compile_memory_limit" | "run_timeout" | "run_cpu_time" | "run_memory_limit";
const FIELDS: readonly LimitField[] = ["compile_timeout", "compile_cpu_time", "compile_memory_limit", "run_timeout", "run_cpu_time", "run_memory_limit"];
const REFUSAL = /\b(compile_timeout|compile_cpu_time|compile_memory_limit|run_timeout|run_cpu_time|run_memory_limit) cannot exceed the configured limit of (\d+)/;

export class ServerMaxima {
  private readonly known = new Map<LimitField, number>();

  /** Reads a refusal; returns true when it taught a new maximum (the request may be sent again). */
  learn(err: unknown): boolean {
    const m = err instanceof SandboxError ? REFUSAL.exec(err.message) : null;
    if (!m) return false;
    const field = m[1] as LimitField;
    const max = Number(m[2]);
    if (this.known.get(field) === max) return false;
    this.known.set(field, max);
    return true;
  }

  /** `value`, or the server's maximum for `field` when that is lower (a batch fits its tests in what is granted). */
  grant(field: LimitField, value: number): number {
    return Math.min(value, this.known.get(field) ?? value);
  }

  /** The request with its limits lowered to what the servers grant; throws when a deciding limit cannot be granted. */
  apply(request: PistonExecuteRequest): PistonExecuteRequest {
    const out: PistonExecuteRequest = { ...request };
    for (const field of FIELDS) {
      const max = this.known.get(field);
      const value = out[field];
      if (max === undefined || value === undefined || value <= max) continue;
      if (field === "run_cpu_time" || field === "run_memory_limit") {
        throw new SandboxError(`the piston server grants ${field} up to ${max}, below this run's ${value}: raise the server's limit (stock Piston: PISTON_${field.toUpperCase()})`, "remote_unreachable");
      }
      if (field === "run_timeout" && max < (out.run_cpu_time ?? 0)) {
        throw new SandboxError(`the piston server grants run_timeout up to ${max} ms, below this run's CPU limit of ${out.run_cpu_time} ms: raise the server's limit (stock Piston: PISTON_RUN_TIMEOUT)`, "remote_unreachable");
      }
      out[field] = max;
    }
    return out;
  }
}
