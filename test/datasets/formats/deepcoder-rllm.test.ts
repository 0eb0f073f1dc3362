/**
 * rllm's published test sets (agentica-project/rllm, rllm/data/test/code): leetcode read whole,
 * rows cut from codeforces and code_contests. Reference code runs under /usr/bin/python3 outside the
 * sandbox (it is the dataset's own code); the sandboxed run is in test/harness/eval/real-preludes.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { loadAll } from "../../../datasets/load.ts";
import { withPrelude } from "../../../datasets/prelude.ts";
import { createHash } from "node:crypto";
import type { Problem } from "../../../datasets/types.ts";
import { RLLM_CODE_CONTESTS_ROWS, RLLM_CODEFORCES_ROWS, RLLM_LEETCODE_GZ } from "../../support/real-data.ts";

/** Runs each program in one python3 process (stdout discarded) and returns [id, error] for those that raised. */
async function failingPrograms(programs: { id: string; code: string }[]): Promise<[string, string][]> {
  const runner = `
import contextlib, io, json, sys
failed = []
for p in json.load(sys.stdin):
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(p["code"], p["id"], "exec"), {"__name__": "__main__"})
    except BaseException as e:
        failed.append([p["id"], "%s: %s" % (type(e).__name__, e)])
sys.__stdout__.write(json.dumps(failed))
`;
  const proc = Bun.spawn(["/usr/bin/python3", "-c", runner], { stdin: new Blob([JSON.stringify(programs)]), stdout: "pipe", stderr: "pipe" });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  if (code !== 0) throw new Error(`python3 runner exited ${code}`);
  return JSON.parse(out) as [string, string][];
}

const reference = (p: Problem) => p.solutions?.[0]?.code ?? "";
const withTests = (problems: Problem[], head: (p: Problem) => string) =>
  problems.map((p) => ({ id: p.id, code: `${head(p)}\n${p.test_code}` }));

describe("rllm leetcode test set (200 rows, read whole)", async () => {
  const dataset = await loadAll({ path: RLLM_LEETCODE_GZ });
  const problems = dataset.problems;

  test("is the published file, and every row loads although its solutions field is one plain code string", () => {
    expect(createHash("sha256").update(gunzipSync(readFileSync(RLLM_LEETCODE_GZ))).digest("hex")).toBe("a0664eee5e7356af13a01932bbe625bb8a0c15f067f5a964bc96f45ba439e66c");
    expect([dataset.format, problems.length, dataset.invalid]).toEqual(["deepcoder", 200, 0]);
    expect(problems.every((p) => p.mode === "function" && p.solutions?.length === 1)).toBe(true);
    expect(reference(problems[0]!)).toStartWith("class Solution:\n    def minOperations(self, nums: List[int], k: int) -> int:\n");
  });

  test("records rllm's prelude (its imports and LeetCode helper types) and 6 s per test", () => {
    const prelude = problems[0]!.prelude ?? "";
    for (const line of ["from typing import List, Tuple, Dict, Set, Optional", "from heapq import heappush, heappop, heapify", "from math import floor, log2, log10, sqrt, comb, gcd, ceil, inf", "class ListNode:", "def tree_node(values):"]) {
      expect(prelude).toContain(line);
    }
    expect(new Set(problems.map((p) => p.prelude)).size).toBe(1);
    expect(new Set(problems.map((p) => p.time_limit_ms))).toEqual(new Set([6000]));
  });

  test("the reference solutions need that prelude: 168 fail without it, 58 with only typing, none with it", async () => {
    const bare = await failingPrograms(withTests(problems, reference));
    expect(bare.length).toBe(168);
    expect(bare[0]).toEqual(["deepcoder/1", "NameError: name 'List' is not defined"]);
    expect((await failingPrograms(withTests(problems, (p) => `from typing import *\n${reference(p)}`))).length).toBe(58);
    expect(await failingPrograms(withTests(problems, (p) => withPrelude(p, "python", reference(p))))).toEqual([]);
  });

  test("the one reference that imports sortedcontainers passes because the sandbox Python has it (.ci/setup)", async () => {
    const users = problems.filter((p) => reference(p).includes("from sortedcontainers import"));
    expect(users.map((p) => p.id)).toEqual(["deepcoder/127"]);
    expect(await failingPrograms(withTests(users, (p) => withPrelude(p, "python", reference(p))))).toEqual([]);
  });
});

describe("rllm codeforces and code_contests test rows: limits read from the statement", async () => {
  const codeforces = (await loadAll({ path: RLLM_CODEFORCES_ROWS })).problems;
  const codeContests = (await loadAll({ path: RLLM_CODE_CONTESTS_ROWS })).problems;

  test("codeforces statements' 'Time Limit: N ms' and 'Memory Limit: N MB' become the problem's limits", () => {
    expect(codeforces.map((p) => [p.time_limit_ms, p.memory_limit_mb])).toEqual([
      [1000, 256],
      [2000, 256],
      [3000, 256],
      [2000, 512],
    ]);
  });

  test("code_contests statements' proto durations and byte counts become milliseconds and megabytes", () => {
    expect(codeContests.map((p) => [p.time_limit_ms, p.memory_limit_mb])).toEqual([
      [2000, 512],
      [5000, 512],
      [3000, 512],
      [2500, 512],
    ]);
    expect(codeContests.every((p) => p.mode === "stdio" && p.tests.length > 0)).toBe(true);
  });
});
