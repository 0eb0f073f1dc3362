import { describe, expect, test } from "bun:test";
import { canonicalFormat } from "../../../datasets/formats/canonical.ts";
import { codecontestsFormat } from "../../../datasets/formats/codecontests.ts";
import { loadAll } from "../../../datasets/load.ts";
import { filterProblems } from "../../../datasets/prepare/filter.ts";

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const at = { file: "rows.jsonl", line: 2 };

describe("rating and source metadata kept", () => {
  test("open-r1's rating and CodeContests' cf_rating become the numeric rating that filter --rating-min reads", async () => {
    const openr1 = (await loadAll({ path: fixture("codeforces.jsonl") })).problems;
    const contests = (await loadAll({ path: fixture("codecontests.jsonl") })).problems;
    expect(openr1.map((p) => p.rating)).toEqual([800, undefined]);
    // CodeContests writes 0 for problems Codeforces never rated.
    expect(contests.map((p) => p.rating)).toEqual([800, undefined, undefined]);
    const kept = filterProblems([...openr1, ...contests], { ratingMin: 800 }).kept.map((p) => p.id);
    expect(kept).toEqual([openr1[0]!.id, contests[0]!.id]);
  });

  test("a canonical row with rating, prelude and stop_tokens loads (the README lists them)", () => {
    const p = canonicalFormat.convert(
      { id: "x", statement: "s", mode: "function", test_code: "assert f() == 1", rating: 1400, prelude: "from math import *\n", stop_tokens: ["\ndef"] },
      at,
    );
    expect([p.rating, p.prelude, p.stop_tokens]).toEqual([1400, "from math import *\n", ["\ndef"]]);
  });

  test("a CodeContests row's limit fields win over the limits its statement states", () => {
    const row = {
      name: "1A. Theatre Square",
      description: "time limit per test: 1 second\nmemory limit per test: 64 megabytes\n\nPave the square.",
      public_tests: { input: ["6 6 4\n"], output: ["4\n"] },
      time_limit: { seconds: 2, nanos: 0 },
      memory_limit_bytes: 256000000,
      cf_rating: 1000,
    };
    const p = codecontestsFormat.convert(row, at);
    expect([p.time_limit_ms, p.memory_limit_mb, p.rating]).toEqual([2000, 256, 1000]);
    const fromStatement = codecontestsFormat.convert({ ...row, time_limit: null, memory_limit_bytes: 0 }, at);
    expect([fromStatement.time_limit_ms, fromStatement.memory_limit_mb]).toEqual([1000, 64]);
  });
});
