import { describe, expect, test } from "bun:test";
import { bootstrapPassAtK, comparePaired, createRng, testMcNemar } from "../../../harness/metrics/confidence.ts";
import { passAtK } from "../../../harness/metrics/pass-at-k.ts";

const tallies = (pairs: [number, number][]) => pairs.map(([samples, correct]) => ({ samples, correct }));

describe("bootstrapPassAtK", () => {
  const run = tallies([
    [4, 4],
    [4, 0],
    [4, 2],
    [4, 1],
    [4, 3],
    [2, 1],
  ]);

  test("centres on the unbiased pass@k over the problems with at least k samples", () => {
    const ci = bootstrapPassAtK(run, 3)!;
    const counted = run.filter((t) => t.samples >= 3);
    const mean = counted.reduce((s, t) => s + (passAtK(t.samples, t.correct, 3) as number), 0) / counted.length;
    expect(ci.estimate).toBeCloseTo(mean, 12);
    expect(ci.problems).toBe(5);
    expect(ci.low).toBeLessThanOrEqual(ci.estimate);
    expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
    expect(ci.method).toBe("percentile bootstrap over problems");
  });

  test("gives the same interval for the same seed and a different one for another seed", () => {
    const varied = tallies(Array.from({ length: 50 }, (_, i) => [10, (i * 7) % 11] as [number, number]));
    expect(bootstrapPassAtK(varied, 1, { seed: 7 })).toEqual(bootstrapPassAtK(varied, 1, { seed: 7 }));
    const [x, y] = [bootstrapPassAtK(varied, 1, { seed: 7 })!, bootstrapPassAtK(varied, 1, { seed: 8 })!];
    expect([x.low, x.high]).not.toEqual([y.low, y.high]);
  });

  test("narrows as the number of problems grows", () => {
    // Half the problems always solved, half never: pass@1 0.5 with standard error 0.5 / sqrt(problems).
    const make = (n: number) => tallies(Array.from({ length: n }, (_, i) => [2, (i % 2) * 2] as [number, number]));
    const few = bootstrapPassAtK(make(10), 1)!;
    const many = bootstrapPassAtK(make(1000), 1)!;
    expect(many.high - many.low).toBeLessThan((few.high - few.low) / 5);
    // Close to the normal interval 0.5 ± 1.96 · 0.5 / sqrt(1000) = ±0.031.
    expect(many.low).toBeCloseTo(0.5 - 0.031, 2);
    expect(many.high).toBeCloseTo(0.5 + 0.031, 2);
  });

  test("is null when no problem has k samples, and a zero-width interval when every problem agrees", () => {
    expect(bootstrapPassAtK(run, 5)).toBeNull();
    const all = bootstrapPassAtK(tallies([[3, 3], [3, 3]]), 1)!;
    expect([all.estimate, all.low, all.high]).toEqual([1, 1, 1]);
  });
});

describe("comparePaired", () => {
  test("finds a clear improvement significant and brackets the observed difference", () => {
    const a = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const b = a.map((x, i) => (i % 2 === 0 ? 1 : x));
    const r = comparePaired(a, b)!;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(r.difference).toBeCloseTo(mean(b) - mean(a), 12);
    expect(r.low).toBeGreaterThan(0);
    expect(r.low).toBeLessThan(r.difference);
    expect(r.high).toBeGreaterThan(r.difference);
    expect(r.pValue).toBeLessThan(0.01);
  });

  test("gives a p-value of 1 for identical runs and a large one for noise", () => {
    const a = [1, 0, 0.5, 1, 0];
    expect(comparePaired(a, a)!.pValue).toBe(1);
    const rng = createRng(3);
    const x = Array.from({ length: 200 }, () => (rng() < 0.5 ? 1 : 0));
    const y = Array.from({ length: 200 }, () => (rng() < 0.5 ? 1 : 0));
    expect(comparePaired(x, y)!.pValue).toBeGreaterThan(0.05);
  });

  test("refuses unpaired lists and is null for none", () => {
    expect(() => comparePaired([1], [1, 0])).toThrow("1 scores for a, 2 for b");
    expect(comparePaired([], [])).toBeNull();
  });
});

describe("testMcNemar", () => {
  test("matches the exact binomial test on the discordant problems", () => {
    // 0 vs 6 discordant: 2 * (1/2)^6.
    expect(testMcNemar(0, 6).pValue).toBeCloseTo(2 / 64, 12);
    // 2 vs 8: 2 * P(X <= 2), X ~ Bin(10, 1/2) = 2 * 56/1024.
    expect(testMcNemar(8, 2).pValue).toBeCloseTo(112 / 1024, 12);
    expect(testMcNemar(5, 5).pValue).toBe(1);
    expect(testMcNemar(0, 0).pValue).toBe(1);
  });
});
