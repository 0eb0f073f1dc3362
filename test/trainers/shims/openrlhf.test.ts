/**
 * The reward server's OpenRLHF endpoint asked as OpenRLHF's remote reward client asks it
 * (drivers/openrlhf_remote.py: one request per sample, special tokens kept, five tries).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem } from "../../harness/reward-server/fake-judge.ts";
import { createRealJudge } from "../../harness/reward-server/real-judge.ts";
import { runDriver } from "./run-driver.ts";

let server: RewardServer;
let real: RewardServer;
let keeping: RewardServer;

beforeAll(async () => {
  server = await startRewardServer({ judge: createFakeJudge().judge, problems: new Map([["p1", makeProblem("p1")]]), port: 0 });
  const { judge } = createRealJudge();
  real = await startRewardServer({ judge, problems: new Map(), port: 0, concurrency: 2 });
  // serve --special-tokens with an empty list: nothing is stripped.
  keeping = await startRewardServer({ judge, problems: new Map(), port: 0, concurrency: 2, specialTokens: [] });
});
afterAll(async () => {
  await server.stop();
  await real.stop();
  await keeping.stop();
});

interface Output {
  reward: (number | null)[] | null;
  extra_logs: Record<string, number[]>;
  tries: number;
  log: string[];
}

/** Runs samples through the OpenRLHF-shaped driver; retries pause 0.05 s instead of OpenRLHF's 1 s. */
async function callAsOpenRlhf(samples: { prompt: string; response: string; label: unknown }[], url = `${server.url}/get_reward`) {
  const r = await runDriver("openrlhf_remote.py", { url, samples, retry_sleep_s: 0.05 });
  expect(r.stderr).toBe("");
  return r.value as Output[];
}

const PROMPT = "<|im_start|>user\nSolve p1<|im_end|>\n<|im_start|>assistant\n";

describe("OpenRLHF remote reward client against /get_reward", () => {
  test("the model's end-of-turn token is stripped before extraction, whichever model family wrote it", async () => {
    const tokens = ["<|im_end|>", "</s>", "<|endoftext|>", "<|eot_id|>", "<end_of_turn>\n<eos>"];
    const out = await callAsOpenRlhf(tokens.map((t, i) => ({ prompt: PROMPT, response: `AC#0#tok${i}${t}`, label: "p1" })));
    expect(out.map((o) => o.reward)).toEqual([[1], [1], [1], [1], [1]]);
    expect(out.every((o) => o.tries === 1)).toBe(true);
  });

  test("a correct unfenced program ending in <|im_end|> is judged AC by the real sandbox (and fails when the token list is empty)", async () => {
    const problem = { id: "echo", statement: "echo a number", tests: [{ input: "7\n", output: "7\n" }], time_limit_ms: 2000 };
    const sample = { prompt: "Echo the number.\n", response: "print(input())<|im_end|>", label: problem };
    const [stripped] = await callAsOpenRlhf([sample], `${real.url}/get_reward`);
    expect(stripped!.reward).toEqual([1]);
    expect(stripped!.extra_logs.pass).toEqual([1]);
    // Kept, the token ends the program's last line: a right answer would score 0.
    const [kept] = await callAsOpenRlhf([sample], `${keeping.url}/get_reward`);
    expect(kept!.reward).toEqual([0]);
  });

  test("a label holding the problem as an object, or a reference object, is scored", async () => {
    const inline = { id: "inline-1", statement: "", tests: [{ input: "1", output: "1" }] };
    const out = await callAsOpenRlhf([
      { prompt: PROMPT, response: "AC#0#d1<|im_end|>", label: inline },
      { prompt: PROMPT, response: "WA#0#d2<|im_end|>", label: { problem_id: "p1" } },
      { prompt: PROMPT, response: "AC#0#d3<|im_end|>", label: JSON.stringify(inline) },
    ]);
    expect(out.map((o) => o.reward)).toEqual([[1], [0], [1]]);
  });

  test("an empty label (no --data.label_key) is refused with the flag to set, which OpenRLHF logs after its five tries", async () => {
    const [out] = await callAsOpenRlhf([{ prompt: PROMPT, response: "AC<|im_end|>", label: "" }]);
    expect(out!.reward).toBeNull();
    expect(out!.tries).toBe(5);
    expect(out!.log[0]).toContain("labels[0]: empty label; start OpenRLHF with --data.label_key <column>");
    expect(out!.log.at(-1)).toContain("Failed to fetch reward from remote RM");
  });

  test("a server that is down leaves the reward None after five tries", async () => {
    const [out] = await callAsOpenRlhf([{ prompt: PROMPT, response: "AC<|im_end|>", label: "p1" }], "http://127.0.0.1:9/get_reward");
    expect(out).toMatchObject({ reward: null, tries: 5 });
  });

  test("an infrastructure failure is null with infra_error logged, never 0", async () => {
    const [out] = await callAsOpenRlhf([{ prompt: PROMPT, response: "THROW<|im_end|>", label: "p1" }]);
    expect(out!.reward).toEqual([null]);
    expect(out!.extra_logs).toEqual({ pass: [0], infra_error: [1], timeout: [0], masked: [0] });
  });
});

describe("/get_reward extensions a wrapper may send", () => {
  const post = async (query: string, body: unknown) => {
    const res = await fetch(`${server.url}/get_reward${query}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return (await res.json()) as { rewards: (number | null)[]; extra_logs: Record<string, number[]> };
  };

  test("per-query truncated flags let overlong-mask leave a cut response out", async () => {
    const r = await post("?schema=binary%2Boverlong-mask", { query: ["AC#0#x1", "AC#0#x2"], labels: ["p1", "p1"], truncated: [true, false] });
    expect(r.rewards).toEqual([null, 1]);
    expect(r.extra_logs.masked).toEqual([1, 0]);
  });

  test("a deadline returns what is judged and marks the rest as timed out", async () => {
    const r = await post("?deadline_ms=300", { query: ["HANG", "AC#0#x3"], labels: ["p1", "p1"] });
    expect(r.rewards).toEqual([null, 1]);
    expect(r.extra_logs.timeout).toEqual([1, 0]);
  });
});
