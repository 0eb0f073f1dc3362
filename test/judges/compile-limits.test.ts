import { describe, expect, test } from "bun:test";
import { DEFAULT_LIMIT_OPTIONS } from "../../harness/eval/limits.ts";
import { CHECKER_COMPILE_LIMITS } from "../../judges/checkers/program.ts";
import { DEFAULT_COMPILE_LIMITS } from "../../judges/compile-limits.ts";

describe("compile limits have one default", () => {
  test("the eval, the judge and the reward server compile with the judges' default (recorded with every run)", () => {
    expect(DEFAULT_LIMIT_OPTIONS.compile).toBe(DEFAULT_COMPILE_LIMITS);
  });

  test("checker programs widen only time and memory (testlib.h is not precompiled), keeping the rest of the default", () => {
    expect(CHECKER_COMPILE_LIMITS.logBytes).toBe(DEFAULT_COMPILE_LIMITS.logBytes);
    expect(CHECKER_COMPILE_LIMITS.cpuMs).toBeGreaterThan(DEFAULT_COMPILE_LIMITS.cpuMs);
    expect(CHECKER_COMPILE_LIMITS.memoryMb).toBeGreaterThanOrEqual(DEFAULT_COMPILE_LIMITS.memoryMb);
  });
});
