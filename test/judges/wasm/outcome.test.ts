/** How the pool's reports become RunOutcomes: traps as the signals a native program dies of, the runtime's own stops. */
import { describe, expect, test } from "bun:test";
import { signalOfTrap, toRunOutcome } from "../../../judges/wasm/outcome.ts";
import type { PairSideDone } from "../../../judges/wasm/protocol.ts";

const done = (over: Partial<PairSideDone>): PairSideDone => ({
  exitCode: 0, trap: null, noMemory: false, outputExceeded: false, filesOverMemory: false, peakPages: 300, stdout: "", stderr: "", files: {}, ...over,
});
const run = (d: PairSideDone | null, stopped: "cpu_time" | "wall_time" | "memory" | null = null) => toRunOutcome({ done: d, stopped, cpuMs: 12, wallMs: 34 });

describe("wasm run outcomes", () => {
  test("traps map to the signal of the native crash they stand for", () => {
    expect(signalOfTrap("RuntimeError: js: Maximum call stack size exceeded.")).toBe("SIGSEGV");
    expect(signalOfTrap("RuntimeError: Out of bounds memory access")).toBe("SIGSEGV");
    expect(signalOfTrap("RuntimeError: js: Unreachable code should not be executed")).toBe("SIGABRT");
    expect(signalOfTrap("RuntimeError: Division by zero")).toBe("SIGFPE");
    expect(signalOfTrap("RuntimeError: something new")).toBe("SIGILL");
  });

  test("a trap is a signaled run whose stderr names the trap", () => {
    const outcome = run(done({ exitCode: null, trap: "RuntimeError: Out of bounds memory access" }));
    expect(outcome).toMatchObject({ termination: "signaled", signal: "SIGSEGV", exitCode: null });
    expect(outcome.stderr).toContain("[wasm trap] RuntimeError: Out of bounds memory access");
  });

  test("the runtime's memory stop and null-write check are recognised only with their marker line", () => {
    expect(run(done({ exitCode: 251, stderr: "\n[wasm-judge] memory limit: linear memory cannot grow\n" })).termination).toBe("memory");
    expect(run(done({ exitCode: 251, stderr: "" }))).toMatchObject({ termination: "nonzero", exitCode: 251 });
    expect(run(done({ exitCode: 250, stderr: "[wasm-judge] null pointer write: ..." }))).toMatchObject({ termination: "signaled", signal: "SIGSEGV" });
  });

  test("limits the pool enforced win over what the guest reported, and keep the figures", () => {
    expect(run(null, "cpu_time")).toMatchObject({ termination: "cpu_time", timeMs: 12, wallMs: 34, stdout: "" });
    expect(run(done({ exitCode: 0, stdout: "late\n" }), "cpu_time").termination).toBe("cpu_time");
    expect(run(done({ noMemory: true, exitCode: null })).termination).toBe("memory");
    expect(run(done({ filesOverMemory: true, exitCode: null })).termination).toBe("memory");
    expect(run(done({ outputExceeded: true, exitCode: null })).termination).toBe("output");
  });

  test("peak memory is the guest's peak linear memory in KiB, and 0 when the worker was killed before it reported", () => {
    expect(run(done({ peakPages: 300 })).memoryKb).toBe(300 * 64);
    expect(run(done({ peakPages: 4096, exitCode: null, trap: "RuntimeError: Out of bounds memory access" })).memoryKb).toBe(4096 * 64);
    expect(run(null, "cpu_time").memoryKb).toBe(0);
  });

  test("an ordinary exit keeps its code, its output and the files read back", () => {
    expect(run(done({ exitCode: 0, stdout: "3\n", files: { "out.txt": "3\n" } }))).toMatchObject({ termination: "exited", exitCode: 0, stdout: "3\n", files: { "out.txt": "3\n" } });
    expect(run(done({ exitCode: 3 }))).toMatchObject({ termination: "nonzero", exitCode: 3 });
  });
});
