import { afterAll, describe, expect, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem } from "./fake-judge.ts";

const servers: RewardServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

async function serve(opts: { concurrency?: number; deadlineMs?: number; isolate?: boolean } = {}) {
  const fake = createFakeJudge();
  const problems = new Map([["p1", makeProblem("p1")], ["cf", makeProblem("cf", { source: "codeforces", difficulty: "B" })]]);
  const server = await startRewardServer({ judge: fake.judge, problems, port: 0, ...opts });
  servers.push(server);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { fake, server, post };
}

describe("POST /v1/rewards", () => {
  test("items are judged group by group, so a deadline leaves whole groups judged even when the batch interleaves them", async () => {
    const { post } = await serve({ concurrency: 4 });
    // 8 groups of 4, sent round robin (g0, g1, ..., g7, g0, ...); each judging takes 50 ms.
    const items = Array.from({ length: 32 }, (_, i) => ({ id: i, problem_id: "p1", group: `g${i % 8}`, completion: `AC#50#${i}` }));
    const r = await post("/v1/rewards", { schema: "binary", deadline_ms: 250, items });
    const byGroup = Array.from({ length: 8 }, (_, g) => r.body.results.filter((x: any) => x.id % 8 === g).map((x: any) => x.status));
    const kind = byGroup.map((s) => (s.every((x: string) => x === "ok") ? "whole" : s.every((x: string) => x === "timeout") ? "none" : "part"));
    expect(kind[0]).toBe("whole");
    expect(kind).toContain("none");
    expect(kind.filter((k) => k === "part").length).toBeLessThanOrEqual(2);
    expect(kind.lastIndexOf("whole")).toBeLessThan(kind.indexOf("none"));
  });

  test("scores each item with the named schema and reports its verdict", async () => {
    const { post } = await serve();
    const r = await post("/v1/rewards", {
      schema: "tiered",
      items: [
        { id: "a", problem_id: "p1", completion: "AC" },
        { id: "b", problem_id: "p1", completion: "WA" },
        { id: "c", problem_id: "cf", completion: "AC" },
        { id: 4, problem_id: "p1", completion: "nothing here" },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => [x.id, x.reward, x.verdict, x.status])).toEqual([
      ["a", 1, "AC", "ok"],
      ["b", 0.5, "WA", "ok"],
      ["c", 1.1, "AC", "ok"],
      [4, 0, "NO_CODE", "ok"],
    ]);
    expect(r.body.results[1].details).toMatchObject({ passed: 1, total: 2, compiled: true });
    expect(typeof r.body.results[0].latency_ms).toBe("number");
  });

  test("an infrastructure failure comes back as null, never 0", async () => {
    const { post } = await serve();
    const r = await post("/v1/rewards", {
      schema: "binary",
      items: [
        { id: 1, problem_id: "p1", completion: "THROW" },
        { id: 2, problem_id: "p1", completion: "SE" },
        { id: 3, problem_id: "p1", completion: "WA" },
      ],
    });
    const [thrown, se, wa] = r.body.results;
    expect(thrown).toMatchObject({ reward: null, status: "infra_error", verdict: null });
    expect(thrown.details.error).toContain("bwrap: cannot create namespace");
    expect(se).toMatchObject({ reward: null, status: "infra_error", verdict: "SE" });
    expect(wa).toMatchObject({ reward: 0, status: "ok" });
  });

  test("a judging that outlives the request deadline is a null timeout while the rest of the batch answers", async () => {
    const { post } = await serve();
    const t0 = performance.now();
    const r = await post("/v1/rewards", {
      schema: "binary",
      deadline_ms: 300,
      items: [
        { id: "stuck", problem_id: "p1", completion: "HANG" },
        { id: "fine", problem_id: "p1", completion: "AC" },
      ],
    });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.body.results[0]).toMatchObject({ id: "stuck", reward: null, status: "timeout" });
    expect(r.body.results[1]).toMatchObject({ id: "fine", reward: 1, status: "ok" });
  });

  test("the deadline reaches the judge on the main thread as an abort signal", async () => {
    const { post, fake } = await serve();
    const r = await post("/v1/rewards", { schema: "binary", deadline_ms: 200, items: [{ id: 1, problem_id: "p1", completion: "LISTEN" }] });
    expect(r.body.results[0]).toMatchObject({ reward: null, status: "timeout" });
    await Bun.sleep(50);
    expect(fake.aborted).toEqual(["LISTEN"]);
  });

  test("served in-process (isolate: false) it answers the same way", async () => {
    const { post } = await serve({ isolate: false });
    const r = await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "AC" }, { id: 2, problem_id: "p1", completion: "THROW" }] });
    expect(r.body.results.map((x: any) => [x.reward, x.status])).toEqual([[1, "ok"], [null, "infra_error"]]);
  });

  test("a stuck judging does not hold its pool slot past the deadline", async () => {
    const { post } = await serve({ concurrency: 1 });
    await post("/v1/rewards", { schema: "binary", deadline_ms: 200, items: [{ id: 1, problem_id: "p1", completion: "HANG#1" }] });
    const r = await post("/v1/rewards", { schema: "binary", deadline_ms: 2000, items: [{ id: 2, problem_id: "p1", completion: "AC" }] });
    expect(r.body.results[0]).toMatchObject({ reward: 1, status: "ok" });
  });

  test("a duplicate completion is judged once and answered from cache", async () => {
    const { post, fake } = await serve();
    const items = Array.from({ length: 8 }, (_, i) => ({ id: i, problem_id: "p1", completion: i % 2 ? "AC#20" : "WA#20" }));
    const first = await post("/v1/rewards", { schema: "binary", items });
    expect(first.body.results.map((x: any) => x.reward)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(fake.calls.length).toBe(2);
    const second = await post("/v1/rewards", { schema: "binary+format", items: items.slice(0, 2) });
    expect(fake.calls.length).toBe(2);
    expect(second.body.results.every((x: any) => x.details.cached)).toBe(true);
  });

  test("infrastructure failures are not cached: the next request judges again", async () => {
    const { post, fake } = await serve();
    await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "THROW" }] });
    await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "THROW" }] });
    expect(fake.calls.length).toBe(2);
  });

  test("a batch is judged concurrently but never beyond the pool size", async () => {
    const { post, fake } = await serve({ concurrency: 3 });
    const items = Array.from({ length: 9 }, (_, i) => ({ id: i, problem_id: "p1", completion: `AC#${100 + i}` }));
    const t0 = performance.now();
    await post("/v1/rewards", { schema: "binary", items });
    expect(fake.maxConcurrent()).toBe(3);
    // Nine 100 ms judgings three at a time take about 300 ms, not 900.
    expect(performance.now() - t0).toBeLessThan(800);
  });

  test("schemas reading pass counts ask the judge for all tests; binary lets it stop early", async () => {
    const { post, fake } = await serve();
    await post("/v1/rewards", { schema: "pass-rate", items: [{ id: 1, problem_id: "p1", completion: "WA" }] });
    await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "RE" }] });
    expect(fake.calls.map((c) => c.allTests)).toEqual([true, false]);
  });

  test("tests: public judges on the public tests only", async () => {
    const { post, fake } = await serve();
    await post("/v1/rewards", { schema: "binary", tests: "public", items: [{ id: 1, problem_id: "p1", completion: "AC" }] });
    expect(fake.calls[0]!.testKinds).toEqual(["public"]);
  });

  test("tests: public on a problem without public tests is refused, not answered with 0", async () => {
    const { post } = await serve();
    const problem = { id: "hidden-only", statement: "", tests: [{ input: "1", output: "1", kind: "private" }] };
    const r = await post("/v1/rewards", { schema: "binary", tests: "public", items: [{ id: 1, problem, completion: "AC" }] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/items\[0\]: problem 'hidden-only' has no public tests/);
  });

  test("overlong masking gives a truncated completion a null reward with status ok", async () => {
    const { post } = await serve();
    const r = await post("/v1/rewards", { schema: "binary+overlong-mask", items: [{ id: 1, problem_id: "p1", completion: "WA", truncated: true }] });
    expect(r.body.results[0]).toMatchObject({ reward: null, status: "ok", details: { masked: true } });
  });

  test("an inline problem is judged without being loaded at start-up", async () => {
    const { post } = await serve();
    const problem = { id: "inline-1", statement: "x", tests: [{ input: "1", output: "1" }] };
    const r = await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem, completion: "AC" }] });
    expect(r.body.results[0]).toMatchObject({ reward: 1, status: "ok" });
  });

  test("an inline schema definition is accepted", async () => {
    const { post } = await serve();
    const schema = { name: "half", rules: [{ when: { all_passed: true }, reward: 0.5 }, { reward: -0.5 }] };
    const r = await post("/v1/rewards", { schema, items: [{ id: 1, problem_id: "p1", completion: "AC" }, { id: 2, problem_id: "p1", completion: "WA" }] });
    expect(r.body.results.map((x: any) => x.reward)).toEqual([0.5, -0.5]);
  });

  test("bad requests are refused with 400 naming the field", async () => {
    const { post } = await serve();
    const unknownProblem = await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "nope", completion: "AC" }] });
    expect(unknownProblem.status).toBe(400);
    expect(unknownProblem.body.error).toMatch(/items\[0\]\.problem_id: unknown problem 'nope'/);
    const badSchema = await post("/v1/rewards", { schema: "binery", items: [] });
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.error).toMatch(/unknown schema 'binery'/);
    const badField = await post("/v1/rewards", { schema: { name: "x", rules: [{ when: { verdikt: "AC" }, reward: 1 }, { reward: 0 }] }, items: [] });
    expect(badField.body.error).toMatch(/rules\[0\]\.when\.verdikt/);
    const missingCompletion = await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem_id: "p1" }] });
    expect(missingCompletion.body.error).toMatch(/^items\[0\]\.completion:/);
    const path = await post("/v1/rewards", { schema: "/etc/passwd.yaml", items: [] });
    expect(path.body.error).toMatch(/looks like a path/);
    const fileChecker = await post("/v1/rewards", { schema: "binary", items: [{ id: 1, problem: { id: "x", statement: "", tests: [{ input: "", output: "" }], checker: { type: "testlib", source_file: "/etc/shadow" } }, completion: "AC" }] });
    expect(fileChecker.body.error).toMatch(/checker\.source_file: not accepted over HTTP/);
  });
});

describe("request size", () => {
  test("a body over the limit is refused with 413 before it is parsed", async () => {
    const { createRewardApp } = await import("../../../harness/reward-server/app.ts");
    const app = createRewardApp({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), maxBodyBytes: 1000 });
    const body = JSON.stringify({ schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "x".repeat(5000) }] });
    const res = await app.request("/v1/rewards", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 1000 bytes/);
  });
});

describe("starting", () => {
  test("options reach the server thread, and a port in use is an error, not a silent second server", async () => {
    const problems = new Map([["p1", makeProblem("p1")]]);
    const first = await startRewardServer({ judge: createFakeJudge().judge, problems, port: 0, maxBodyBytes: 1000 });
    servers.push(first);
    const res = await fetch(`${first.url}/v1/rewards`, { method: "POST", body: JSON.stringify({ schema: "binary", items: [{ id: 1, problem_id: "p1", completion: "x".repeat(5000) }] }) });
    expect(res.status).toBe(413);
    await expect(startRewardServer({ judge: createFakeJudge().judge, problems, port: first.port })).rejects.toThrow(/port|in use|EADDRINUSE/i);
  });
});

describe("other routes", () => {
  test("GET /health answers with the load it carries", async () => {
    const { server } = await serve({ concurrency: 4 });
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", concurrency: 4, in_flight: 0 });
  });

  test("GET /v1/schemas lists built-ins and modifiers", async () => {
    const { server } = await serve();
    const body = (await (await fetch(`${server.url}/v1/schemas`)).json()) as any;
    expect(body.schemas.map((s: any) => s.name)).toEqual(["binary", "pass-rate", "tiered", "exec-signal", "codeforces"]);
    expect(body.modifiers.map((m: any) => m.name)).toContain("overlong-mask");
  });

  test("POST /get_reward speaks OpenRLHF: responses cut from queries, labels as problem ids, nulls for outages", async () => {
    const { post } = await serve();
    const r = await post("/get_reward?schema=binary", {
      query: ["Q1: solve\nAC", "Q1: solve\nWA", "Q2: go\nTHROW"],
      prompts: ["Q1: solve\n", "Q1: solve\n", "Q2: go\n"],
      labels: ["p1", "p1", "cf"],
    });
    expect(r.status).toBe(200);
    expect(r.body.rewards).toEqual([1, 0, null]);
    expect(r.body.scores).toEqual([1, 0, null]);
    expect(r.body.extra_logs).toEqual({ pass: [1, 0, 0], infra_error: [0, 0, 1], timeout: [0, 0, 0], masked: [0, 0, 0] });
  });

  test("POST /get_reward refuses queries without one label each", async () => {
    const { post } = await serve();
    const r = await post("/get_reward", { query: ["a", "b"], labels: ["p1"] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/labels: need one label/);
  });
});
