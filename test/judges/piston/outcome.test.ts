/** Piston stage results mapped to our outcome contract, on stages shaped as stock Piston sends them. */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { failedCompile, mapCompileFailure, mapRunStage } from "../../../judges/piston/outcome.ts";
import { pickRuntimes } from "../../../judges/piston/index.ts";
import type { PistonRuntime, PistonStage } from "../../../judges/piston-wire.ts";
import type { RunLimits } from "../../../judges/types.ts";
import { SandboxError } from "../../../judges/types.ts";

const LIMITS: RunLimits = { cpuMs: 1000, wallMs: 3000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };
const BIG_CAP = 1 << 24;

function stage(s: Partial<PistonStage>): PistonStage {
  return { stdout: "", stderr: "", output: "", code: 0, signal: null, message: null, status: null, memory: 5_000_000, cpu_time: 12, wall_time: 30, ...s };
}

describe("mapRunStage", () => {
  test("exit 0 is exited, with times in ms and memory in KiB", () => {
    expect(mapRunStage(stage({ stdout: "42\n" }), LIMITS, BIG_CAP)).toMatchObject({ termination: "exited", exitCode: 0, stdout: "42\n", timeMs: 12, wallMs: 30, memoryKb: 4883 });
  });

  test("RE is nonzero with the exit code", () => {
    expect(mapRunStage(stage({ code: 3, status: "RE" }), LIMITS, BIG_CAP)).toMatchObject({ termination: "nonzero", exitCode: 3, signal: null });
  });

  test("SG is signaled with the signal's name", () => {
    expect(mapRunStage(stage({ code: null, signal: "SIGSEGV", status: "SG" }), LIMITS, BIG_CAP)).toMatchObject({ termination: "signaled", signal: "SIGSEGV" });
  });

  test("TO is cpu_time when the CPU time reached the limit, wall_time when isolate says wall clock or the CPU idled", () => {
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "TO", message: "Time limit exceeded", cpu_time: 1003 }), LIMITS, BIG_CAP).termination).toBe("cpu_time");
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "TO", message: "Time limit exceeded (wall clock)", cpu_time: 990 }), LIMITS, BIG_CAP).termination).toBe("wall_time");
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "TO", message: "Time limit exceeded", cpu_time: 4 }), LIMITS, BIG_CAP).termination).toBe("wall_time");
  });

  test("a SIGKILL at the memory limit is memory (stock Piston's cgroup peak, or our server's message)", () => {
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "SG", memory: 256 * 1024 * 1024 }), LIMITS, BIG_CAP).termination).toBe("memory");
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "SG", message: "Memory limit exceeded", memory: null }), LIMITS, BIG_CAP).termination).toBe("memory");
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "SG", memory: 1000 }), LIMITS, BIG_CAP).termination).toBe("signaled");
  });

  test("OL/EL is output when the server's cap covers our limit", () => {
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "OL", stdout: "y".repeat(100) }), LIMITS, LIMITS.outputBytes)).toMatchObject({ termination: "output" });
    expect(mapRunStage(stage({ code: null, signal: "SIGKILL", status: "EL" }), LIMITS, BIG_CAP).termination).toBe("output");
  });

  test("OL from a server whose cap is below our limit (stock Piston's 1024) is a SandboxError, not a verdict", () => {
    expect(() => mapRunStage(stage({ code: null, signal: "SIGKILL", status: "OL", stdout: "y".repeat(1024) }), LIMITS, 1024)).toThrow(SandboxError);
    expect(() => mapRunStage(stage({ code: null, signal: "SIGKILL", status: "OL" }), LIMITS, 1024)).toThrow("PISTON_OUTPUT_MAX_SIZE");
  });

  test("output past our limit from a server with a larger cap is output, cut to the limit", () => {
    const out = mapRunStage(stage({ stdout: "z".repeat(LIMITS.outputBytes + 10) }), LIMITS, BIG_CAP);
    expect(out.termination).toBe("output");
    expect(out.stdout.length).toBe(LIMITS.outputBytes);
  });

  test("XX, the server's own failure, is a SandboxError", () => {
    expect(() => mapRunStage(stage({ code: null, status: "XX", message: "box init failed" }), LIMITS, BIG_CAP)).toThrow("box init failed");
  });
});

describe("compile stages", () => {
  const compileLimits = { cpuMs: 10_000, wallMs: 20_000, memoryMb: 1024, logBytes: 64 };

  test("a compile stage failed when its code is not 0 or a status is set", () => {
    expect(failedCompile(undefined)).toBeNull();
    expect(failedCompile(stage({}))).toBeNull();
    expect(failedCompile(stage({ code: 1, status: "RE" }))).not.toBeNull();
    expect(failedCompile(stage({ code: null, signal: "SIGKILL", status: "TO" }))).not.toBeNull();
  });

  test("a failed compile is compile_error with the log cut to logBytes; TO is compile_time; a memory kill compile_memory", () => {
    const long = "main.cpp:1:1: error: " + "x".repeat(500);
    expect(mapCompileFailure(stage({ code: 1, status: "RE", output: long }), compileLimits, 5)).toEqual({ ok: false, log: long.slice(0, 64), timeMs: 5, cause: "compile_error" });
    expect(mapCompileFailure(stage({ code: null, signal: "SIGKILL", status: "TO" }), compileLimits, 5).cause).toBe("compile_time");
    expect(mapCompileFailure(stage({ code: null, signal: "SIGKILL", status: "SG", memory: 1024 * 1024 * 1024 }), compileLimits, 5).cause).toBe("compile_memory");
  });
});

describe("pickRuntimes", () => {
  const list: PistonRuntime[] = [
    { language: "c", version: "10.2.0", aliases: ["gcc"], runtime: "gcc" },
    { language: "c++", version: "10.2.0", aliases: ["cpp", "g++"], runtime: "gcc" },
    { language: "python", version: "2.7.18", aliases: ["py2", "python2"] },
    { language: "python", version: "3.12.0", aliases: ["py", "py3", "python3"] },
    { language: "python", version: "3.10.0", aliases: ["py", "py3", "python3"] },
  ];

  test("takes C++ (not the C runtime that stock Piston calls gcc) and the newest Python 3 by Piston's usual names", () => {
    const picked = pickRuntimes(list, {});
    expect(picked.cpp).toMatchObject({ language: "c++", version: "10.2.0" });
    expect(picked.python.version).toBe("3.12.0");
  });

  test("a requested version is honoured, and a missing runtime names what the server offers", () => {
    expect(pickRuntimes(list, { versions: { python: "3.10.x" } }).python.version).toBe("3.10.0");
    const documented = JSON.parse(readFileSync(join(import.meta.dir, "../../harness/piston-server/fixtures/docs-runtimes-response.json"), "utf8")) as PistonRuntime[];
    expect(() => pickRuntimes(documented, {})).toThrow("the server offers: bash 5.1.0, javascript 15.10.0");
  });
});
