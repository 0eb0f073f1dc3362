/**
 * The reward-hacking catalogue through the real reward server: every entry the server can be asked
 * about is posted to `POST /v1/rewards` on loopback (real judge, real sandbox) and must get reward 0
 * or below under the binary schema, never 1 and never null (null means "skip me" to a trainer, so
 * a hack that earns null escapes its penalty). Entries are read from HACK_CATALOGUE at test time,
 * so new ones are covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { HACK_CATALOGUE } from "../../judges/hacks/catalogue.ts";
import { toRewardItem } from "./hack-requests.ts";
import { createRealJudge } from "./real-judge.ts";

type RewardResult = { id: string; reward: number | null; verdict: string | null; status: string; details: Record<string, unknown> };

const { judge, sandbox } = createRealJudge();
let server: RewardServer;
beforeAll(async () => {
  server = await startRewardServer({ judge, problems: new Map(), port: 0, concurrency: 2, deadlineMs: 600_000 });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close?.();
});

async function postReward(item: Record<string, unknown>, deadlineMs: number): Promise<RewardResult> {
  const res = await fetch(`${server.url}/v1/rewards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ schema: "binary", tests: "all", deadline_ms: deadlineMs, items: [item] }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /v1/rewards answered ${res.status}: ${text}`);
  const [result] = (JSON.parse(text) as { results: RewardResult[] }).results;
  if (!result) throw new Error(`POST /v1/rewards answered no result: ${text}`);
  return result;
}

const converted = HACK_CATALOGUE.map((entry) => ({ entry, request: toRewardItem(entry) }));

describe("reward-hacking catalogue through POST /v1/rewards", () => {
  test("sends every stdio output and checker hack", () => {
    for (const { entry, request } of converted) {
      if (entry.hackClass === "output" || entry.hackClass === "checker") expect(`${entry.id}: ${request.ok}`).toBe(`${entry.id}: true`);
    }
  });

  for (const { entry, request } of converted) {
    if (!request.ok) {
      // Left out, with the reason in the test's name so it shows in every run.
      test(`${entry.id} is not sent: ${request.reason}`, () => expect(["output", "checker"]).not.toContain(entry.hackClass));
      continue;
    }
    const timeoutMs = entry.timeoutMs ?? 60_000;
    test(
      `${entry.title} earns no reward [${entry.hackClass}/${entry.id}]`,
      async () => {
        const result = await postReward(request.item, timeoutMs);
        const seen = `${entry.id}: status ${result.status}, verdict ${result.verdict}, reward ${result.reward} ${JSON.stringify(result.details)}`;
        expect(seen).toContain(": status ok,");
        expect(result.reward).not.toBeNull();
        expect(seen).not.toContain("verdict AC");
        expect(seen).not.toContain("verdict SE");
        expect(seen).not.toContain("verdict NO_CODE"); // judged, not lost in extraction
        expect(result.reward as number).toBeLessThanOrEqual(0);
      },
      timeoutMs + 30_000,
    );
  }
});
