/**
 * The reward server on rllm's real leetcode rows: a completion is judged after the source's prelude,
 * whether the problem is one the server loaded or one sent inline in the canonical schema.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { RLLM_LEETCODE_GZ } from "../../support/real-data.ts";
import { createRealJudge } from "./real-judge.ts";

setDefaultTimeout(60_000);

const [first, second] = (await loadAll({ path: RLLM_LEETCODE_GZ })).problems as [Problem, Problem];
const { judge, sandbox } = createRealJudge();
let server: RewardServer;
beforeAll(async () => {
  server = await startRewardServer({ judge, problems: new Map([[first.id, first]]), port: 0, concurrency: 2 });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close?.();
});

const fenced = (code: string) => `\`\`\`python\n${code}\n\`\`\``;

async function rewards(items: Record<string, unknown>[]): Promise<[number | null, string][]> {
  const res = await fetch(`${server.url}/v1/rewards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ schema: "binary", items }),
  });
  const body = (await res.json()) as { results: { reward: number | null; verdict: string }[] };
  return body.results.map((r) => [r.reward, r.verdict]);
}

describe("reward server on rllm leetcode rows", () => {
  test("the reference class, which uses List without importing it, earns reward 1 on a loaded and on an inline problem", async () => {
    const inline = { ...second, solutions: undefined };
    const got = await rewards([
      { id: 1, problem_id: first.id, completion: fenced(first.solutions![0]!.code) },
      { id: 2, problem: inline, completion: fenced(second.solutions![0]!.code) },
      { id: 3, problem_id: first.id, completion: fenced("class Solution:\n    def minOperations(self, nums: List[int], k: int) -> int:\n        return 0\n") },
    ]);
    expect(got).toEqual([
      [1, "AC"],
      [1, "AC"],
      [0, "WA"],
    ]);
  });
});
