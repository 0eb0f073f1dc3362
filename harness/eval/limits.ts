/** Turns a problem's declared limits into sandbox limits. */
import { DEFAULT_COMPILE_LIMITS } from "../../judges/compile-limits.ts";
import type { CompileLimits, Language, RunLimits } from "../../judges/types.ts";
import type { Problem } from "../../datasets/types.ts";

/** Knobs users can turn from the CLI; recorded with every run. */
export interface LimitOptions {
  /** Multiplies the problem's time limit per language (interpreted languages are slower). */
  timeFactor: Record<Language, number>;
  /** Wall-clock limit = cpu × wallFactor + wallSlackMs (start-up, I/O). */
  wallFactor: number;
  wallSlackMs: number;
  outputLimitMb: number;
  processes: number;
  compile: CompileLimits;
}

export const DEFAULT_LIMIT_OPTIONS: LimitOptions = {
  timeFactor: { cpp: 1, python: 1 },
  wallFactor: 2,
  wallSlackMs: 1000,
  outputLimitMb: 16,
  processes: 32,
  compile: DEFAULT_COMPILE_LIMITS,
};

/** Run limits for one problem in one language. */
export function deriveRunLimits(problem: Problem, language: Language, opts: LimitOptions = DEFAULT_LIMIT_OPTIONS): RunLimits {
  const cpuMs = Math.round(problem.time_limit_ms * opts.timeFactor[language]);
  const outputBytes = opts.outputLimitMb * 1024 * 1024;
  return {
    cpuMs,
    wallMs: Math.round(cpuMs * opts.wallFactor + opts.wallSlackMs),
    memoryMb: problem.memory_limit_mb,
    outputBytes,
    processes: opts.processes,
    fileBytes: outputBytes,
  };
}
