/**
 * Each format names its source tester, so `auto` resolves to that tester's comparison. The rows are
 * the format fixtures (built to each dataset's published schema; real rows of these formats are
 * not in the repository); the comparisons themselves are tested in judges/checkers.
 */
import { describe, expect, test } from "bun:test";
import { openDataset } from "../../datasets/open.ts";

const fixture = (name: string) => new URL(`fixtures/${name}.jsonl`, import.meta.url).pathname;
const checkersOf = async (name: string) =>
  Object.fromEntries((await openDataset(fixture(name), { skipInvalid: true, onInvalid: () => {} })).problems.map((p) => [p.id, p.checker]));

describe("auto resolves to the row's own source tester", () => {
  test("CodeContests rows use CodeContests' comparison, whatever platform they came from", async () => {
    const c = await checkersOf("codecontests");
    expect(Object.values(c)).toEqual([{ type: "codecontests" }, { type: "codecontests" }, { type: "codecontests" }]);
  });

  test("APPS stdio rows use APPS' comparison", async () => {
    expect((await checkersOf("apps"))["APPS/4321"]).toEqual({ type: "apps" });
  });

  test("LiveCodeBench stdin rows use LiveCodeBench's, even when the platform is codeforces", async () => {
    const c = await checkersOf("livecodebench");
    expect(c.abc999_a).toEqual({ type: "livecodebench" });
    expect(c["1999A"]).toEqual({ type: "livecodebench" });
  });

  test("open-r1 rows without a checker use open-r1's comparison; a generated checker is read the open-r1 way", async () => {
    const c = await checkersOf("codeforces");
    expect(c["2001/B"]).toEqual({ type: "openr1" });
    expect(c["2000/A"]).toMatchObject({ type: "cms", language: "python", protocol: "openr1" });
  });

  test("rllm rows follow rllm's reward per data_source: taco.py for taco/primeintellect, APPS' rules for codeforces", async () => {
    const c = await checkersOf("deepcoder");
    expect(c["taco/1"]).toEqual({ type: "rllm" });
    expect(c["primeintellect/5"]).toEqual({ type: "rllm" });
    expect(c["codeforces/3"]).toEqual({ type: "apps" });
  });
});
