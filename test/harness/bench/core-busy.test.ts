import { describe, expect, test } from "bun:test";
import { availableParallelism } from "node:os";
import { computeCoreBusy, parseProcStat, readCoreTimes, startCoreBusy } from "../../../harness/bench/core-busy.ts";
import { readCpuMs } from "../../../harness/bench/process-cpu.ts";

const STAT = [
  "cpu  300 0 100 1600 0 0 0 0 0 0",
  "cpu0 200 0 50 700 50 0 0 0 0 0",
  "cpu1 100 0 50 900 0 0 0 0 0 0",
  "intr 12345",
].join("\n");

describe("core busy shares", () => {
  test("parseProcStat reads each cpuN line, skipping the aggregate, with iowait counted as idle", () => {
    expect(parseProcStat(STAT)).toEqual([
      { busy: 250, total: 1000 },
      { busy: 150, total: 1050 },
    ]);
  });

  test("parseProcStat names a line it cannot read", () => {
    expect(() => parseProcStat("cpu0 1 2 x 4")).toThrow(/cpu0 1 2 x 4/);
  });

  test("computeCoreBusy gives each core's busy share of the interval, within [0, 1]", () => {
    const before = parseProcStat(STAT);
    const after = [
      { busy: 250 + 75, total: 1000 + 100 },
      { busy: 150, total: 1050 + 100 },
    ];
    expect(computeCoreBusy(before, after)).toEqual([0.75, 0]);
    expect(computeCoreBusy(before, before)).toEqual([0, 0]);
  });

  test("this machine's counters give one share per core, each in [0, 1], and a harness share in [0, 1]", async () => {
    expect(readCoreTimes()).toHaveLength(availableParallelism());
    const stop = startCoreBusy(readCpuMs, availableParallelism());
    await Bun.spawn({ cmd: ["/usr/bin/python3", "-c", "sum(range(3_000_000))"] }).exited;
    const busy = stop();
    expect(busy.per_core).toHaveLength(availableParallelism());
    for (const share of [...busy.per_core, busy.harness_share]) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    // The child's CPU is counted once reaped: the harness did use some.
    expect(busy.harness_share).toBeGreaterThan(0);
  });
});
