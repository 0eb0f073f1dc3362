/**
 * The warm figure: a second harness pass over the same corpus with the compile cache (and PCH) the
 * first pass left, as in the middle of an RL run where programs and the PCH are already compiled.
 * A fresh sandbox and sample judge, so nothing but the on-disk cache carries over.
 */
import type { CoreBusy } from "./core-busy.ts";
import type { FloorEstimate } from "./floor.ts";
import type { HarnessSideResult } from "./harness-side.ts";

export interface WarmFigures {
  wall_ms: number;
  submissions_per_s: number;
  /** Compiles really done (cache misses): 0 when the cache held every program. */
  compiles: number;
  cache_hits: number;
  sandbox_runs: number;
  sandbox_starts: number;
  sandbox_starts_per_submission: number;
  cpu_ms: number;
  core_busy: CoreBusy;
  /** Baseline wall time / warm harness wall time. */
  speedup: number;
  /** The floor without the work the cache saved: (compiles still done + runs) / cores. */
  floor_ms: number;
  harness_over_floor: number;
  /** Submissions whose warm verdict differs from the first pass's (must be none). */
  verdict_changes: number[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The warm pass's figures beside the first pass's; `baselineWallMs` is the same baseline's. */
export function buildWarmFigures(first: HarnessSideResult, warm: HarnessSideResult, baselineWallMs: number, floor: FloorEstimate): WarmFigures {
  const submissions = warm.judgements.length;
  const compiledShare = Math.min(1, warm.compiles / Math.max(1, floor.uniquePrograms));
  const floorMs = (floor.compileMs * compiledShare + floor.runMs) / floor.cores;
  const verdictChanges = warm.judgements.flatMap((j, i) => (j.verdict === first.judgements[i]?.verdict ? [] : [i]));
  return {
    wall_ms: Math.round(warm.wallMs),
    submissions_per_s: round2(submissions / (warm.wallMs / 1000)),
    compiles: warm.compiles,
    cache_hits: warm.cacheHits,
    sandbox_runs: warm.runs,
    sandbox_starts: warm.sandboxStarts,
    sandbox_starts_per_submission: round2(warm.sandboxStarts / Math.max(1, submissions)),
    cpu_ms: Math.round(warm.cpuMs),
    core_busy: warm.coreBusy,
    speedup: round2(baselineWallMs / warm.wallMs),
    floor_ms: Math.round(floorMs),
    harness_over_floor: floorMs > 0 ? round2(warm.wallMs / floorMs) : 0,
    verdict_changes: verdictChanges,
  };
}
