/**
 * The file's local sandbox for warm-path tests: every outcome must come from a forked run, never
 * from the cold fallback (which would pass these tests without exercising the zygote at all).
 */
import { afterEach, expect } from "bun:test";
import type { PairSide, PreparedProgram } from "../../../../judges/types.ts";
import { limits, useLocalSandbox } from "../local-sandbox.ts";

export function useWarmSandbox(): ReturnType<typeof useLocalSandbox> {
  const local = useLocalSandbox();
  afterEach(async () => {
    expect((await local.sandbox().inspect()).warmFallbacks).toBe(0);
  });
  return local;
}

/** One side of a pair under the shared test limits. */
export function side(program: PreparedProgram, extra: Partial<PairSide> = {}): PairSide {
  return { program, limits, ...extra };
}
