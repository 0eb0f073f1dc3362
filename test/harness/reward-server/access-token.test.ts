/** The reward server's bearer token (the access rule of harness/serve-access.ts), through the real worker-served HTTP. */
import { afterAll, describe, expect, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem } from "./fake-judge.ts";

const TOKEN = "reward-token-0123456789abcdef";
let server: RewardServer | null = null;
afterAll(async () => {
  await server?.stop();
});

describe("reward server with a token", () => {
  test("every route but /health needs `Authorization: Bearer <token>`", async () => {
    server = await startRewardServer({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), port: 0, token: TOKEN });
    const body = JSON.stringify({ schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "AC#0#1" }] });
    const post = (headers: Record<string, string>) => fetch(`${server!.url}/v1/rewards`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const refused = await post({});
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toContain("bearer token");
    expect((await post({ authorization: `Bearer ${TOKEN}-wrong` })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/schemas`)).status).toBe(401);
    const ok = await post({ authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { results: { reward: number }[] }).results[0]?.reward).toBe(1);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe("reward server on an IPv6 loopback", () => {
  test("its URL brackets the address, so a client can reach /health through it", async () => {
    const v6 = await startRewardServer({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), port: 0, hostname: "::1" });
    try {
      expect(v6.url).toBe(`http://[::1]:${v6.port}`);
      expect((await fetch(`${v6.url}/health`)).status).toBe(200);
    } finally {
      await v6.stop();
    }
  });
});
