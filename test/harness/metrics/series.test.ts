import { describe, expect, test } from "bun:test";
import { binValues, summarizeThroughput } from "../../../harness/metrics/series.ts";

describe("binValues", () => {
  test("puts every value in one equal-width bin, the maximum in the last", () => {
    const h = binValues([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5)!;
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 2]);
  });

  test("gives one bin when all values are equal and null for none", () => {
    expect(binValues([3, 3, 3], 4)).toEqual({ edges: [3, 4], counts: [3] });
    expect(binValues([], 4)).toBeNull();
    expect(() => binValues([1], 0)).toThrow("bins must be a positive integer");
  });
});

describe("summarizeThroughput", () => {
  test("counts samples per bucket and estimates the rate and the time left", () => {
    // One sample every 500 ms for 20 s: 41 samples, 2 per second.
    const times = Array.from({ length: 41 }, (_, i) => 1_000_000 + i * 500);
    const t = summarizeThroughput(times, 141, { windowMs: 10_000 });
    expect(t.series.reduce((s, b) => s + b.count, 0)).toBe(41);
    expect(t.ratePerSec).toBeCloseTo(21 / 10, 6);
    expect(t.etaSec).toBeCloseTo(100 / (21 / 10), 6);
  });

  test("has no rate or ETA before two samples, and no ETA once done", () => {
    expect(summarizeThroughput([], 10)).toMatchObject({ series: [], ratePerSec: null, etaSec: null });
    expect(summarizeThroughput([5], 10).ratePerSec).toBeNull();
    expect(summarizeThroughput([0, 1000, 2000], 3).etaSec).toBeNull();
  });
});
