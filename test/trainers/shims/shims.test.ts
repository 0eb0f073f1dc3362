/** The Python shims, run by python3 against the live reward server on loopback. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem } from "../../harness/reward-server/fake-judge.ts";

const SHIMS = join(import.meta.dir, "../../../trainers/shims");
let server: RewardServer;

beforeAll(async () => {
  const problems = new Map([["p1", makeProblem("p1")], ["cf", makeProblem("cf", { source: "codeforces", difficulty: "B" })]]);
  server = await startRewardServer({ judge: createFakeJudge().judge, problems, port: 0 });
});
afterAll(() => server.stop());

/** Runs Python code with the shims importable; returns its last stdout line parsed as JSON. */
async function runPython(code: string, env: Record<string, string> = {}): Promise<{ value: unknown; stderr: string; exitCode: number }> {
  const proc = Bun.spawn(["/usr/bin/python3", "-c", code], {
    cwd: SHIMS,
    env: { PATH: process.env.PATH ?? "/usr/bin", REWARD_SERVER_URL: server.url, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const last = stdout.trim().split("\n").pop() ?? "";
  return { value: last ? JSON.parse(last) : undefined, stderr, exitCode };
}

describe("TRL shim", () => {
  test("the async reward function returns the server's rewards for string and conversational completions", async () => {
    const r = await runPython(`
import asyncio, json
from trl_reward import reward
completions = ["AC", [{"role": "assistant", "content": "WA"}], "AC", "CE"]
out = asyncio.run(reward(prompts=["p"] * 4, completions=completions, problem_id=["p1", "p1", "cf", "p1"]))
print(json.dumps(out))`, { REWARD_SCHEMA: "tiered" });
    expect(r.stderr).toBe("");
    expect(r.value).toEqual([1, 0.5, 1.1, 0]);
  });

  test("an infrastructure failure on the server comes back as None, not 0", async () => {
    const r = await runPython(`
import asyncio, json
from trl_reward import make_reward_func
f = make_reward_func(schema="binary")
print(json.dumps([f.__name__, asyncio.run(f(["p", "p"], ["THROW", "WA"], problem_id=["p1", "p1"]))]))`);
    expect(r.value).toEqual(["reward_binary", [null, 0]]);
  });

  test("a server that cannot be reached gives None for every completion", async () => {
    const r = await runPython(`
import asyncio, json
from trl_reward import reward
print(json.dumps(asyncio.run(reward(["p"] * 3, ["AC"] * 3, problem_id=["p1"] * 3))))`, { REWARD_SERVER_URL: "http://127.0.0.1:9" });
    expect(r.value).toEqual([null, null, null]);
  });

  test("a judging slower than the client's timeout comes back as None within that timeout", async () => {
    const t0 = performance.now();
    const r = await runPython(`
import asyncio, json
from trl_reward import reward
print(json.dumps(asyncio.run(reward(["p", "p"], ["HANG", "AC"], problem_id=["p1", "p1"]))))`, { REWARD_TIMEOUT_S: "1.5" });
    expect(r.value).toEqual([null, 1]);
    expect(performance.now() - t0).toBeLessThan(6000);
  });

  test("a request the server refuses raises naming the field", async () => {
    const r = await runPython(`
import asyncio
from trl_reward import reward
asyncio.run(reward(["p"], ["AC"], problem_id=["missing"]))`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("RewardRequestError");
    expect(r.stderr).toContain("items[0].problem_id: unknown problem 'missing'");
  });
});

describe("verl shim", () => {
  test("compute_score is a coroutine returning the reward of one sample", async () => {
    const r = await runPython(`
import asyncio, inspect, json
from verl_reward import compute_score
assert inspect.iscoroutinefunction(compute_score)
a = asyncio.run(compute_score("codecontests", "AC", "cf", {"schema": "tiered"}))
b = asyncio.run(compute_score("codecontests", "WA", "p1"))
print(json.dumps([a, b]))`);
    expect(r.stderr).toBe("");
    expect(r.value).toEqual([1.1, 0]);
  });

  test("compute_score_batch scores a batch, inline problems included", async () => {
    const inline = JSON.stringify({ id: "inline", statement: "", tests: [{ input: "1", output: "1" }] });
    const r = await runPython(`
import json
from verl_reward import compute_score_batch
out = compute_score_batch(["x"] * 3, ["AC", "WA", "AC"], ["p1", "p1", ${JSON.stringify(inline)}], [{"schema": "pass-rate"}, None, None])
print(json.dumps(out))`);
    expect(r.value).toEqual([1, 0.5, 1]);
  });

  test("an outage returns None from compute_score_sync", async () => {
    const r = await runPython(`
import json
from verl_reward import compute_score_sync
print(json.dumps(compute_score_sync("x", "AC", "p1")))`, { REWARD_SERVER_URL: "http://127.0.0.1:9" });
    expect(r.value).toBeNull();
  });
});

describe("OpenRLHF endpoint from Python", () => {
  test("a request shaped like OpenRLHF's remote reward call gets rewards, scores and extra_logs", async () => {
    const r = await runPython(`
import json, os, urllib.request
body = {"query": ["Solve A\\nAC", "Solve A\\nWA", "Solve B\\nTHROW"], "prompts": ["Solve A\\n", "Solve A\\n", "Solve B\\n"], "labels": ["p1", "p1", "cf"]}
req = urllib.request.Request(os.environ["REWARD_SERVER_URL"] + "/get_reward?schema=codeforces", data=json.dumps(body).encode(), headers={"content-type": "application/json"})
print(json.dumps(json.load(urllib.request.urlopen(req, timeout=30))))`);
    const body = r.value as { rewards: (number | null)[]; scores: unknown; extra_logs: Record<string, number[]> };
    expect(body.rewards[0]).toBeCloseTo(1.1, 12);
    expect(body.rewards[1]).toBeCloseTo(0.05, 12);
    expect(body.rewards[2]).toBeNull();
    expect(body.extra_logs.infra_error).toEqual([0, 0, 1]);
  });
});
