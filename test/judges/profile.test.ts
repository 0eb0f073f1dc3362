import { afterEach, describe, expect, test } from "bun:test";
import { endPhase, readProfile, readSpans, setProfiling, startPhase } from "../../judges/profile.ts";

afterEach(() => setProfiling(false));

describe("phase spans", () => {
  test("each timed call is kept as a span with its phase, start and end", () => {
    setProfiling(true);
    const started = startPhase();
    endPhase("compile", started);
    endPhase("run", startPhase());
    const spans = readSpans();
    expect(spans.map((s) => s.phase)).toEqual(["compile", "run"]);
    expect(spans[0]?.startMs).toBe(started);
    expect(spans.every((s) => s.endMs >= s.startMs)).toBe(true);
    expect(readProfile().compile?.count).toBe(1);
  });

  test("turning profiling on again clears the spans, and nothing is kept while it is off", () => {
    setProfiling(true);
    endPhase("compile", startPhase());
    setProfiling(true);
    expect(readSpans()).toEqual([]);
    setProfiling(false);
    endPhase("compile", startPhase());
    expect(readSpans()).toEqual([]);
  });
});
