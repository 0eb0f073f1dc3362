import { describe, expect, test } from "bun:test";
import { buildTimeline, formatTimeline } from "../../../harness/bench/timeline.ts";

const kinds = { compile: ["compile"], run: ["run"], pch: ["pch build"] };

describe("buildTimeline", () => {
  test("each slice holds the mean number of spans of each kind in flight, and the idle cores left", () => {
    const spans = [
      { phase: "pch build", startMs: 100, endMs: 1100 },
      { phase: "compile", startMs: 1000, endMs: 2000 },
      { phase: "run", startMs: 1500, endMs: 2000 },
      { phase: "checker", startMs: 0, endMs: 2000 },
    ];
    const rows = buildTimeline(spans, kinds, 100, 2100, 2);
    expect(rows.map((r) => r.atS)).toEqual([0, 1]);
    expect(rows[0]).toEqual({ atS: 0, pch: 1, compile: 0.1, run: 0, idle: 2 - 1.1 });
    expect(rows[1]?.pch).toBeCloseTo(0);
    expect(rows[1]?.compile).toBeCloseTo(0.9);
    expect(rows[1]?.run).toBeCloseTo(0.5);
    expect(rows[1]?.idle).toBeCloseTo(0.6);
  });

  test("work beyond the cores leaves no negative idle, and the last slice may be short", () => {
    const spans = [1, 2, 3].map(() => ({ phase: "run", startMs: 0, endMs: 1500 }));
    const rows = buildTimeline(spans, kinds, 0, 1500, 2);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.run).toBe(3);
    expect(rows[1]?.idle).toBe(0);
  });
});

describe("formatTimeline", () => {
  test("draws a bar per slice with PCH, compile, run and idle cells", () => {
    const lines = formatTimeline([{ atS: 0, pch: 1, compile: 0.5, run: 0, idle: 0.5 }], 2, "");
    expect(lines[1]).toContain("|ppppppppcccc....|");
  });
});
