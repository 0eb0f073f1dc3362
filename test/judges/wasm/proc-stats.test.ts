/** The pool's view of a worker from /proc: CPU and resident memory of a live process, nothing for a gone one. */
import { describe, expect, test } from "bun:test";
import { readCpuMs, readRssBytes } from "../../../judges/wasm/proc-stats.ts";

describe("proc stats", () => {
  test("a live process has a CPU figure and a resident size", () => {
    expect(readCpuMs(process.pid)).toBeGreaterThanOrEqual(0);
    expect(readRssBytes(process.pid)).toBeGreaterThan(1 << 20);
  });

  test("a process that has exited and been reaped reads as null, not as zero", async () => {
    const child = Bun.spawn(["true"]);
    await child.exited;
    expect(readCpuMs(child.pid)).toBeNull();
    expect(readRssBytes(child.pid)).toBeNull();
  });
});
