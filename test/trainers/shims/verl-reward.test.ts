/** verl_reward.py called as verl's reward loop calls it (drivers/verl_reward_loop.py), against the live reward server. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { toVerlRows } from "../../../datasets/prepare/export-verl.ts";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem, type FakeJudge } from "../../harness/reward-server/fake-judge.ts";
import { runDriver, runPython, SHIMS } from "./run-driver.ts";

const SHIM = join(SHIMS, "verl_reward.py");
let server: RewardServer;
let bare: RewardServer;
let fake: FakeJudge;

beforeAll(async () => {
  fake = createFakeJudge();
  server = await startRewardServer({ judge: fake.judge, problems: new Map([["p1", makeProblem("p1")], ["cf", makeProblem("cf", { source: "codeforces", difficulty: "B" })]]), port: 0 });
  // A server started without a dataset: only self-contained ground truths can be scored.
  bare = await startRewardServer({ judge: fake.judge, problems: new Map(), port: 0 });
});
afterAll(async () => {
  await server.stop();
  await bare.stop();
});

interface Sample {
  data_source?: string;
  solution_str: string;
  ground_truth: unknown;
  extra_info?: Record<string, unknown>;
}
interface VerlOut {
  scores?: number[];
  extras?: Record<string, number[]>;
  crash?: string;
}

/** Runs a batch through the driver's naive reward loop. */
async function callAsVerl(name: string, samples: Sample[], rewardKwargs: Record<string, unknown> = {}, url = server.url) {
  const spec = { path: SHIM, name, reward_kwargs: rewardKwargs, samples: samples.map((s) => ({ data_source: "codecontests", extra_info: {}, ...s })) };
  const r = await runDriver("verl_reward_loop.py", spec, { REWARD_SERVER_URL: url, REWARD_RETRIES: "0" });
  return { ...r, out: r.value as VerlOut };
}

describe("verl shim under the naive reward manager of the reward loop", () => {
  test("async compute_score scores a batch with the same numeric extras for every sample", async () => {
    const { out, stderr } = await callAsVerl("compute_score", [
      { solution_str: "AC#0#v1", ground_truth: "p1" },
      { solution_str: "WA#0#v2", ground_truth: "p1" },
      { solution_str: "AC#0#v3", ground_truth: "ignored", extra_info: { problem_id: "cf", schema: "tiered" } },
    ]);
    expect(stderr).toBe("");
    // rm_scores is float32, as verl's tensor is.
    expect(out.scores!.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([1, 0, 1.1]);
    expect(Object.keys(out.extras!)).toEqual(["score", "acc", "timeout", "infra_error", "unreachable", "masked"]);
    expect(out.extras!.acc).toEqual([1, 0, 1]);
  });

  test("concurrent async compute_score calls go to the server as one request", async () => {
    const r = await runPython(`
import asyncio, json, reward_client, verl_reward
sizes = []
real = reward_client.score_results
def counting(items, **kw):
    sizes.append(len(items))
    return real(items, **kw)
reward_client.score_results = counting
async def batch():
    return await asyncio.gather(*(verl_reward.compute_score(data_source="x", solution_str=f"AC#0#b{i}", ground_truth="p1", extra_info={}) for i in range(12)))
out = asyncio.run(batch())
print(json.dumps([sizes, [o["score"] for o in out]]))`, { REWARD_SERVER_URL: server.url });
    expect(r.value).toEqual([[12], Array(12).fill(1)]);
  });

  test("compute_score_sync runs in the manager's executor and scores the same way", async () => {
    const { out } = await callAsVerl("compute_score_sync", [
      { solution_str: "AC#0#s1", ground_truth: "p1", extra_info: { language: "Python" } },
      { solution_str: "CE#0#s2", ground_truth: "p1", extra_info: { language: "c++" } },
    ]);
    expect(out.scores).toEqual([1, 0]);
  });

  test("a ground_truth written by datasets export --to verl is scored on its own by a server without the dataset", async () => {
    const problem = makeProblem("cf-1A", { tests: [{ input: "1\n", output: "1\n", kind: "public" }, { input: "2\n", output: "2\n", kind: "private" }, { input: "3\n", output: "3\n" }], time_limit_ms: 1500 });
    const [row] = toVerlRows([problem], { dataSource: "codeforces" }).records;
    const before = fake.calls.length;
    // The extra_info as written, minus problem_id: the ground truth alone must do.
    const { out, stderr } = await callAsVerl("compute_score", [{ solution_str: "WA#0#gt", ground_truth: row!.reward_model.ground_truth, extra_info: { split: "train", index: 0 } }], { schema: "pass-rate" }, bare.url);
    expect(stderr).toBe("");
    expect(fake.calls.slice(before).map((c) => c.problemId)).toEqual(["cf-1A"]);
    // The fake judge's WA passes 1 test of the problem's 3: the tests travelled with the ground truth.
    expect(out.scores![0]).toBeCloseTo(1 / 3, 6);
  });

  test("by default a missing reward stops the step with the reason and the setting to change, never a None score", async () => {
    const { out, exitCode } = await callAsVerl("compute_score", [{ solution_str: "AC", ground_truth: "p1" }], {}, "http://127.0.0.1:9");
    expect(exitCode).toBe(3);
    expect(out.crash).toStartWith("RewardUnavailable: the reward server gave no reward (status unreachable)");
    expect(out.crash).toContain("on_missing=zero");
  });

  test("on_missing=zero scores outages, infrastructure failures and timeouts 0.0 and counts each in the extras", async () => {
    const { out } = await callAsVerl(
      "compute_score",
      [
        { solution_str: "THROW", ground_truth: "p1" },
        { solution_str: "HANG", ground_truth: "p1" },
        { solution_str: "AC#0#z3", ground_truth: "p1" },
      ],
      { on_missing: "zero", deadline: 0.5 },
    );
    expect(out.scores).toEqual([0, 0, 1]);
    expect(out.extras!.infra_error).toEqual([1, 0, 0]);
    expect(out.extras!.timeout).toEqual([0, 1, 0]);
    const down = await callAsVerl("compute_score_sync", [{ solution_str: "AC", ground_truth: "p1" }], { on_missing: "zero" }, "http://127.0.0.1:9");
    expect(down.out).toEqual({ scores: [0], extras: { score: [0], acc: [0], timeout: [0], infra_error: [0], unreachable: [1], masked: [0] } });
  });

  test("an overlong-masked sample is 0.0 with masked set under either policy, since verl cannot leave it out", async () => {
    const { out } = await callAsVerl("compute_score", [{ solution_str: "AC#0#m1", ground_truth: "p1", extra_info: { truncated: true } }], { schema: "binary+overlong-mask" });
    expect(out.scores).toEqual([0]);
    expect(out.extras!.masked).toEqual([1]);
  });

  test("an unknown problem id stops the step naming the field, under either policy", async () => {
    const { out, exitCode } = await callAsVerl("compute_score", [{ solution_str: "AC", ground_truth: "nope" }], { on_missing: "zero" });
    expect(exitCode).toBe(3);
    expect(out.crash).toContain("RewardRequestError");
    expect(out.crash).toContain("unknown problem 'nope'");
  });

  test("an unknown on_missing policy is refused by name", async () => {
    const { out } = await callAsVerl("compute_score", [{ solution_str: "AC", ground_truth: "p1" }], { on_missing: "skip" });
    expect(out.crash).toBe("ValueError: on_missing: 'skip' is not one of raise, zero");
  });
});
