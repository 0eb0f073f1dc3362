/**
 * memoryKb on the WASM judge: the guest's peak linear memory (which never shrinks), recorded by the
 * guest runtime at each growth, so a run that ends in a trap still reports what it had reached.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { CONFORMANCE_COMPILE_LIMITS, CONFORMANCE_LIMITS } from "../conformance/fixture-runner.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

setDefaultTimeout(90_000);

const sandbox = makeWasmSandbox(1);
afterAll(() => sandbox.close());

const MIB = 1024;
/** The shadow stack (16 MiB) lives in linear memory from the start. */
const STACK_KB = 16 * MIB;

async function peakKb(code: string): Promise<{ memoryKb: number; termination: string }> {
  const prepared = await sandbox.prepare({ language: "cpp", code }, CONFORMANCE_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(prepared.log);
  const outcome = await sandbox.run(prepared.program, {}, { ...CONFORMANCE_LIMITS, memoryMb: 256 });
  return { memoryKb: outcome.memoryKb, termination: outcome.termination };
}

/** Fills `mib` MiB with a vector, so the allocation cannot be elided. */
const fill = (mib: number, after = "") =>
  `#include <bits/stdc++.h>\nint main() { std::vector<char> v(${mib} << 20, 1); long s = 0; for (char c : v) s += c; std::printf("%ld\\n", s); ${after} }\n`;

describe("peak memory on the WASM judge", () => {
  test("a program that allocates nothing reports its static data and stack, far below what a filled heap reports", async () => {
    const small = await peakKb("#include <cstdio>\nint main() { std::puts(\"hi\"); }\n");
    expect(small.termination).toBe("exited");
    expect(small.memoryKb).toBeGreaterThan(STACK_KB);
    expect(small.memoryKb).toBeLessThan(STACK_KB + 4 * MIB);
  });

  test("a program that fills 64 MiB reports at least that, and below its 256 MiB ceiling", async () => {
    const { memoryKb, termination } = await peakKb(fill(64));
    expect(termination).toBe("exited");
    expect(memoryKb).toBeGreaterThanOrEqual(STACK_KB + 64 * MIB);
    expect(memoryKb).toBeLessThan(256 * MIB);
  });

  test("a program that fills 64 MiB and then traps still reports the 64 MiB it reached", async () => {
    const { memoryKb, termination } = await peakKb(fill(64, "volatile long zero = 0; return (int)(s / zero);"));
    expect(termination).toBe("signaled");
    expect(memoryKb).toBeGreaterThanOrEqual(STACK_KB + 64 * MIB);
  });
});
