/** A tiny bench, end to end: real corpus, real sandboxed harness, real baseline, real floor. Speed is never asserted. */
import { describe, expect, test } from "bun:test";
import { runBench } from "../../../harness/bench/run-bench.ts";
import { HARNESS_PHASES } from "../../../harness/bench/harness-side.ts";
import { type BenchReport, formatBenchReport, type SideFigures } from "../../../harness/bench/report.ts";

function expectShares(busy: { per_core: number[]; harness_share: number }): void {
  expect(busy.per_core.length).toBeGreaterThan(0);
  for (const share of [...busy.per_core, busy.harness_share]) {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
}

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
      // Every compile is a sandbox start-up; a sample's tests take one each, share one (a session) or fork from a warm one.
      expect(l.harness.sandbox_starts).toBeGreaterThanOrEqual(l.harness.compiles);
      expect(l.harness.sandbox_starts_per_submission).toBeCloseTo(l.harness.sandbox_starts / 6, 2);
      expectShares(l.harness.core_busy);
      expect(l.harness.cpu_ms).toBeGreaterThan(0);
      // The warm pass finds every program in the cache the first pass left and gives the same verdicts.
      const warm = l.warm!;
      expect(warm.compiles).toBe(0);
      expect(warm.cache_hits).toBeGreaterThan(0);
      expect(warm.verdict_changes).toEqual([]);
      expect(warm.sandbox_starts).toBeLessThanOrEqual(warm.sandbox_runs);
      expect(warm.sandbox_starts).toBeLessThan(l.harness.sandbox_starts);
      expect(warm.floor_ms).toBeLessThanOrEqual(l.floor.ms);
      expect(warm.wall_ms).toBeGreaterThan(0);
      expectShares(warm.core_busy);
      expect(l.profile).toBeUndefined();
    }
    expect(report.config).toMatchObject({ warm_pass: true, profile: false });
    expect(report.total.warm?.harness_wall_ms).toBe(report.languages.cpp!.warm!.wall_ms + report.languages.python!.warm!.wall_ms);
    expect(report.languages.cpp!.floor.pch_build_ms).toBeGreaterThan(0);
    expect(report.languages.cpp!.floor.pch_used).toBe(true);
    expect(report.total.harness_wall_ms).toBe(report.languages.cpp!.harness.wall_ms + report.languages.python!.harness.wall_ms);
    expect(report.total.bench_wall_ms).toBeGreaterThan(report.total.harness_wall_ms);
    expect(progress.some((l) => l.startsWith("python: baseline"))).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  }, 240_000);

  test("with profile, reports where the harness's time went: compile, test runs, checker, store and the sandbox's phases, for both passes", async () => {
    const report = await runBench({ languages: ["python"], submissions: 4, tests: 2, seed: "tiny", profile: true });
    expect(report.ok).toBe(true);
    const profile = report.languages.python!.profile!;
    for (const phases of [profile.first, profile.warm!]) {
      for (const phase of Object.values(HARNESS_PHASES)) {
        expect(phases[phase]?.count).toBeGreaterThan(0);
        expect(phases[phase]?.total_ms).toBeGreaterThanOrEqual(0);
      }
    }
    // The backend's own phases (cgroup, run folder, the sandboxed process...) sit beside the harness's.
    expect(Object.keys(profile.first).some((name) => !name.startsWith("harness:"))).toBe(true);
    // Every submission is stored once per pass; the warm pass prepares from the cache only.
    expect(profile.first[HARNESS_PHASES.store]?.count).toBe(4);
    expect(profile.warm![HARNESS_PHASES.store]?.count).toBe(4);
    expect(formatBenchReport(report)).toContain("profile, warm pass");
  }, 240_000);

  test("without the warm pass, the report says so and has no warm figures", async () => {
    const report = await runBench({ languages: ["python"], submissions: 2, tests: 1, seed: "tiny", warmPass: false });
    expect(report.config.warm_pass).toBe(false);
    expect(report.languages.python!.warm).toBeNull();
    expect(report.total.warm).toBeNull();
  }, 240_000);
});
