/** The function-mode bench end to end on a few samples: real HumanEval rows, sandboxed harness, real baseline. Speed is never asserted. */
import { describe, expect, test } from "bun:test";
import { formatFunctionBench, runFunctionBench } from "../../../harness/bench/function-bench.ts";

describe("runFunctionBench", () => {
  test("judges 12 samples with both judges, which agree, and reports the figures and the profile", async () => {
    const report = await runFunctionBench({ submissions: 12, profile: true });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.corpus).toMatchObject({ problems: 164, samples: 12, intents: { AC: 12 } });
    expect(report.harness.passed).toBe(12);
    expect(report.baseline.passed).toBe(12);
    expect(report.harness.pairs).toBe(12);
    expect(report.harness.candidate_cpu_ms_mean).toBeGreaterThan(0);
    expect(report.harness.cpu_ms_per_sample).toBeGreaterThan(0);
    // The full count: this process plus the sandboxed processes, which hold at least the candidates' CPU.
    const sandboxCpu = report.harness.sandbox_cpu_ms_per_sample;
    if (sandboxCpu !== null) {
      expect(sandboxCpu).toBeGreaterThan(report.harness.candidate_cpu_ms_mean);
      expect(report.harness.cpu_ms_per_sample).toBeGreaterThan(sandboxCpu);
    }
    expect(report.speedup).toBeGreaterThan(0);
    const phases = report.profile?.phases ?? {};
    // Each sample's two sides ran sandboxed: forked from a warm zygote (one zygote job per pair), or
    // where warm Python is unavailable (cgroup v2) as two cold sandboxed processes.
    const warmJobs = phases["warm: zygote job (send to job end)"]?.count ?? 0;
    const coldProcesses = phases["sandboxed process (Bun.spawn to exit)"]?.count ?? 0;
    expect(warmJobs >= 12 || coldProcesses >= 24).toBe(true);
    expect(Object.keys(phases)).toContain("cgroup create");
    expect(report.profile?.calibration.sandboxed_ms).toBeGreaterThan(0);
    expect(formatFunctionBench(report)).toContain("speed-up (baseline wall / harness wall)");
  }, 300_000);
});
