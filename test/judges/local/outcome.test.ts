import { describe, expect, test } from "bun:test";
import type { ExecResult } from "../../../judges/local/exec.ts";
import { buildRunOutcome, classifyRun, FORGED_NOTE, signalName } from "../../../judges/local/outcome.ts";
import type { RunLimits } from "../../../judges/types.ts";

const limits: RunLimits = { cpuMs: 1000, wallMs: 3000, memoryMb: 256, outputBytes: 1024, processes: 4, fileBytes: 1024 };
const cgroup = { memoryByCgroup: true, scratchUsedBytes: 0 };
/** A run that really wrote a file up to RLIMIT_FSIZE into its scratch. */
const fileAtLimit = { memoryByCgroup: true, scratchUsedBytes: limits.fileBytes };

function result(overrides: Partial<ExecResult>): ExecResult {
  return {
    status: { kind: "exit", code: 0, cpuUs: 1000, maxRssKb: 1000 },
    forged: false,
    limit: null,
    oom: false,
    cpuMs: 1,
    wallMs: 5,
    memoryKb: 1000,
    stdout: "",
    stderr: "",
    stderrTotal: 0,
    ...overrides,
  };
}

describe("classifyRun", () => {
  test("exit code 0 is exited and any other code is nonzero", () => {
    expect(classifyRun(result({}), limits, cgroup)).toBe("exited");
    expect(classifyRun(result({ status: { kind: "exit", code: 7, cpuUs: 0, maxRssKb: 0 } }), limits, cgroup)).toBe("nonzero");
  });

  test("a limit the harness enforced wins over how the process ended", () => {
    expect(classifyRun(result({ limit: "output", oom: true, status: null }), limits, cgroup)).toBe("output");
    expect(classifyRun(result({ limit: "cpu_time", status: null, cpuMs: 1001 }), limits, cgroup)).toBe("cpu_time");
    expect(classifyRun(result({ limit: "wall_time", status: null, cpuMs: 10 }), limits, cgroup)).toBe("wall_time");
  });

  test("a wall-time kill of a program already past its CPU limit is cpu_time", () => {
    expect(classifyRun(result({ limit: "wall_time", status: null, cpuMs: 1200 }), limits, cgroup)).toBe("cpu_time");
  });

  test("an OOM kill is memory", () => {
    const killed = result({ oom: true, status: { kind: "signal", signal: 9, cpuUs: 0, maxRssKb: 0 } });
    expect(classifyRun(killed, limits, cgroup)).toBe("memory");
  });

  test("SIGXCPU after the CPU limit is cpu_time, SIGXFSZ with a file at the size limit is output, SIGSEGV is signaled", () => {
    const signaled = (signal: number, cpuMs = 0) => result({ status: { kind: "signal", signal, cpuUs: cpuMs * 1000, maxRssKb: 0 }, cpuMs });
    expect(classifyRun(signaled(24, 1000), limits, cgroup)).toBe("cpu_time");
    // The rusage figure may trail the kernel's count behind RLIMIT_CPU.
    expect(classifyRun(signaled(24, 840), limits, cgroup)).toBe("cpu_time");
    expect(classifyRun(signaled(25), limits, fileAtLimit)).toBe("output");
    expect(classifyRun(signaled(11), limits, cgroup)).toBe("signaled");
  });

  test("SIGXCPU or SIGXFSZ the program raised itself, with no limit reached, is signaled", () => {
    const signaled = (signal: number) => result({ status: { kind: "signal", signal, cpuUs: 2000, maxRssKb: 0 }, cpuMs: 2 });
    expect(classifyRun(signaled(24), limits, cgroup)).toBe("signaled");
    expect(classifyRun(result({ status: { kind: "signal", signal: 24, cpuUs: 700_000, maxRssKb: 0 }, cpuMs: 700 }), limits, cgroup)).toBe("signaled");
    expect(classifyRun(signaled(25), limits, cgroup)).toBe("signaled");
    expect(classifyRun(signaled(25), limits, { memoryByCgroup: true, scratchUsedBytes: null })).toBe("signaled");
  });

  test("a forged status report is signaled, or cpu_time when the CPU limit was passed", () => {
    expect(classifyRun(result({ status: null, forged: true }), limits, cgroup)).toBe("signaled");
    expect(classifyRun(result({ status: null, forged: true, cpuMs: 1500 }), limits, cgroup)).toBe("cpu_time");
  });

  test("a normal exit after using more CPU than allowed is cpu_time", () => {
    expect(classifyRun(result({ cpuMs: 1500 }), limits, cgroup)).toBe("cpu_time");
  });

  test("Python's EFBIG error (it ignores SIGXFSZ) is output when a file reached the limit, nonzero when only printed", () => {
    const stderr = "OSError: [Errno 27] File too large\n";
    const failed = result({ status: { kind: "exit", code: 1, cpuUs: 0, maxRssKb: 0 }, stderr });
    expect(classifyRun(failed, limits, fileAtLimit)).toBe("output");
    expect(classifyRun(failed, limits, cgroup)).toBe("nonzero");
  });

  test("a failed allocation is memory only under the RLIMIT_AS fallback", () => {
    const aborted = result({ status: { kind: "signal", signal: 6, cpuUs: 0, maxRssKb: 0 }, stderr: "what():  std::bad_alloc\n" });
    expect(classifyRun(aborted, limits, { memoryByCgroup: false, scratchUsedBytes: 0 })).toBe("memory");
    expect(classifyRun(aborted, limits, cgroup)).toBe("signaled");
  });
});

describe("buildRunOutcome", () => {
  test("names the signal and leaves the exit code null for a signaled run", () => {
    const outcome = buildRunOutcome(result({ status: { kind: "signal", signal: 11, cpuUs: 0, maxRssKb: 0 } }), limits, cgroup);
    expect(outcome).toMatchObject({ termination: "signaled", signal: "SIGSEGV", exitCode: null });
  });

  test("a run killed before sandbox-init reported shows SIGKILL", () => {
    const outcome = buildRunOutcome(result({ status: null, limit: "wall_time" }), limits, cgroup);
    expect(outcome).toMatchObject({ termination: "wall_time", signal: "SIGKILL", exitCode: null });
  });

  test("a forged report names no signal and says so on stderr", () => {
    const outcome = buildRunOutcome(result({ status: null, forged: true, stderr: "boom" }), limits, cgroup);
    expect(outcome).toMatchObject({ termination: "signaled", signal: null, exitCode: null });
    expect(outcome.stderr).toBe(`boom\n${FORGED_NOTE}\n`);
  });

  test("signal numbers map to their usual names, aliases included", () => {
    expect(signalName(6)).toBe("SIGABRT");
    expect(signalName(29)).toBe("SIGIO");
    expect(signalName(9)).toBe("SIGKILL");
    expect(signalName(99)).toBe("SIG99");
  });
});
