/**
 * The reward server on interactive problems sent inline in the canonical schema: with an interactor
 * the dialogue is judged (reward 1 or 0); without one no judge can decide, so the reward is null
 * ("skip me") with the reason, never 0.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { RULER_INTERACTOR, RULER_OFF_BY_ONE, RULER_SOLUTION, RULER_TESTS } from "../../judges/hacks/ruler-task.ts";
import { createRealJudge } from "./real-judge.ts";

setDefaultTimeout(120_000);

const { judge, sandbox } = createRealJudge();
let server: RewardServer;
beforeAll(async () => {
  server = await startRewardServer({ judge, problems: new Map(), port: 0, concurrency: 2 });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close?.();
});

type Result = { reward: number | null; verdict: string | null; status: string; details: Record<string, unknown> };

async function rewards(items: Record<string, unknown>[]): Promise<Result[]> {
  const res = await fetch(`${server.url}/v1/rewards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ schema: "binary", items }),
  });
  return ((await res.json()) as { results: Result[] }).results;
}

const ruler = { id: "ruler", statement: "This is an interactive problem.", tests: RULER_TESTS, languages: ["python"], interactive: true };
const fenced = (code: string) => `\`\`\`python\n${code}\n\`\`\``;

describe("reward server on interactive problems", () => {
  test("with an interactor the right dialogue earns 1 and a wrong answer 0; without one the reward is null with the reason", async () => {
    const withInteractor = { ...ruler, interactor: { source: RULER_INTERACTOR, language: "cpp" } };
    const [right, wrong, none] = await rewards([
      { id: 1, problem: withInteractor, completion: fenced(RULER_SOLUTION) },
      { id: 2, problem: withInteractor, completion: fenced(RULER_OFF_BY_ONE) },
      { id: 3, problem: ruler, completion: fenced(RULER_SOLUTION) },
    ]);
    expect([right?.reward, right?.verdict]).toEqual([1, "AC"]);
    expect([wrong?.reward, wrong?.verdict]).toEqual([0, "WA"]);
    expect(none?.reward).toBeNull();
    expect(String(none?.details.error)).toContain("interactive problem without an interactor");
  });
});
