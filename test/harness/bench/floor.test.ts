/** The floor estimate: unavoidable work of unique programs spread over the cores. */
import { describe, expect, test } from "bun:test";
import type { BaselineJudgement } from "../../../harness/bench/baseline.ts";
import { generateCorpus } from "../../../harness/bench/corpus.ts";
import { estimateFloor, readCppFlags } from "../../../harness/bench/floor.ts";

describe("estimateFloor", () => {
  test("counts the runs of each unique program once, a timed-out run as the CPU limit, over the cores", async () => {
    const corpus = generateCorpus({ seed: "floor-test", language: "python", submissions: 8, tests: 2 });
    const copies = corpus.submissions.filter((s) => s.duplicateOf !== null).length;
    expect(copies).toBe(2);
    // Every submission ran its two tests: 10 ms each, except submission 0 whose second test timed out.
    const baseline: BaselineJudgement[] = corpus.submissions.map((s) => ({
      verdict: "AC",
      compileCpuMs: null,
      latencyMs: 1,
      runs: [
        { test: 0, cpuMs: 10, wallMs: 11, timedOut: false },
        { test: 1, cpuMs: s.index === 0 ? 900 : 10, wallMs: 11, timedOut: s.index === 0 },
      ],
    }));
    const floor = await estimateFloor(corpus, baseline, { cores: 2, cpuLimitMs: { cpp: 1000, python: 2000 }, cppFlags: [] });
    const unique = 8 - copies;
    expect(floor.uniquePrograms).toBe(unique);
    expect(floor.runMs).toBe((unique * 2 - 1) * 10 + 2000);
    expect(floor).toMatchObject({ pchBuildMs: 0, compileMs: 0, pchUsed: null, cores: 2 });
    expect(floor.ms).toBe(floor.runMs / 2);
  });

  test("compiles with the flags the sandbox reports, and refuses a backend that reports none", () => {
    expect(readCppFlags({ "g++": "g++ 12", "g++ flags": "-std=c++17 -O2" })).toEqual(["-std=c++17", "-O2"]);
    expect(() => readCppFlags({ "g++": "g++ 12" })).toThrow(/does not report its C\+\+ flags/);
  });
});
