/** A tiny bench, end to end: real corpus, real sandboxed harness, real baseline, real floor. Speed is never asserted. */
import { describe, expect, test } from "bun:test";
import { runBench } from "../../../harness/bench/run-bench.ts";
import type { BenchReport, SideFigures } from "../../../harness/bench/report.ts";

function expectSide(side: SideFigures, submissions: number): void {
  expect(side.wall_ms).toBeGreaterThan(0);
  expect(side.submissions_per_s).toBeGreaterThan(0);
  expect(side.tests_per_s).toBeGreaterThan(0);
  expect(side.latency_ms.p95).toBeGreaterThanOrEqual(side.latency_ms.p50);
  expect(Object.values(side.verdicts).reduce((a, b) => a + b, 0)).toBe(submissions);
}

describe("runBench", () => {
  test("judges 6 submissions x 3 tests per language with both judges and reports every figure", async () => {
    const progress: string[] = [];
    const report: BenchReport = await runBench({ languages: ["cpp", "python"], submissions: 6, tests: 3, seed: "tiny", onProgress: (l) => progress.push(l) });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report).toMatchObject({ bench: "judge", version: 1, seed: "tiny", config: { submissions: 6, tests: 3, cold: true, test_concurrency: 1 } });
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(Object.keys(report.sandbox).sort()).toEqual(["bwrap", "g++", "g++ flags", "python3", "sandbox"]);
    for (const lang of ["cpp", "python"] as const) {
      const l = report.languages[lang]!;
      expect(l.corpus).toMatchObject({ submissions: 6, problems: 1, tests_per_problem: 3 });
      expectSide(l.harness, 6);
      expectSide(l.baseline, 6);
      expect(l.harness.compiles).toBe(l.corpus.unique_programs);
      expect(l.harness.max_in_flight).toBeLessThanOrEqual(report.config.slots);
      expect(l.speedup).toBeGreaterThan(0);
      expect(l.floor.ms).toBeGreaterThan(0);
      expect(l.floor.harness_over_floor).toBeGreaterThan(0);
      expect(l.agreement.agreed + l.agreement.excused).toBe(6);
    }
    expect(report.languages.cpp!.floor.pch_build_ms).toBeGreaterThan(0);
    expect(report.languages.cpp!.floor.pch_used).toBe(true);
    expect(report.total.harness_wall_ms).toBe(report.languages.cpp!.harness.wall_ms + report.languages.python!.harness.wall_ms);
    expect(report.total.bench_wall_ms).toBeGreaterThan(report.total.harness_wall_ms);
    expect(progress.some((l) => l.startsWith("python: baseline"))).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  }, 240_000);
});
