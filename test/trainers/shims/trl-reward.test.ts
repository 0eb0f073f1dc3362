/** trl_reward.py called as TRL's GRPOTrainer calls it (drivers/trl_grpo.py), against the live reward server. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createFakeJudge, makeProblem, type FakeJudge } from "../../harness/reward-server/fake-judge.ts";
import { runDriver, SHIMS } from "./run-driver.ts";

const GROUPS = 32;
const GROUP_SIZE = 8;
let server: RewardServer;
let fake: FakeJudge;

beforeAll(async () => {
  fake = createFakeJudge();
  const ids = ["p1", ...Array.from({ length: GROUPS }, (_, g) => `q${g}`)];
  server = await startRewardServer({ judge: fake.judge, problems: new Map(ids.map((id) => [id, makeProblem(id)])), port: 0, concurrency: 8 });
});
afterAll(() => server.stop());

interface TrlOut {
  name: string;
  rewards: (number | null)[];
  metrics: Record<string, number[]>;
  extra: Record<string, string[]>;
}

/** Runs the TRL driver over examples (one per completion, dataset columns included). */
async function callAsTrl(examples: Record<string, unknown>[], factory: Record<string, unknown> | null = {}, env: Record<string, string> = {}) {
  const r = await runDriver("trl_grpo.py", { shims: SHIMS, factory, examples }, { REWARD_SERVER_URL: server.url, ...env });
  return { ...r, out: r.value as TrlOut };
}

const row = (completion: unknown, extra: Record<string, unknown> = {}) => ({ prompt: [{ role: "user", content: "Solve p1" }], completion, completion_ids: [1, 2, 3], problem_id: "p1", ...extra });

describe("TRL shim under GRPOTrainer._calculate_rewards", () => {
  test("conversational completions and every language alias a dataset column may hold are scored, none refused", async () => {
    const languages = ["Python", "python3", "py", "c++", "CPP", "cxx"];
    const examples = languages.map((language, i) => row([{ role: "assistant", content: `${i % 2 === 0 ? "AC" : "WA"}#0#lang${i}` }], { language, note: `row ${i}` }));
    const before = fake.calls.length;
    const { out, stderr, exitCode } = await callAsTrl(examples, { schema: "binary" });
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(out.rewards).toEqual([1, 0, 1, 0, 1, 0]);
    expect(fake.calls.slice(before).map((c) => c.language)).toEqual(["python", "python", "python", "cpp", "cpp", "cpp"]);
    expect(out.name).toBe("reward_binary");
  });

  test("an unknown language stops training with an error naming the field and what is accepted", async () => {
    const { exitCode, stderr } = await callAsTrl([row("AC", { language: "cobol" })]);
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain("RewardRequestError");
    expect(stderr).toContain("items[0].language");
    expect(stderr).toContain("python3");
  });

  test("completion_ids at max_completion_length mark a completion truncated, so overlong-mask leaves it out unless a truncated column says otherwise", async () => {
    // A `truncated` column, where it holds a value, wins over the ids (TRL passes the columns of every row).
    const examples = [
      row("AC#0#t1", { completion_ids: [5, 6, 7, 8], truncated: null }),
      row("AC#0#t2", { completion_ids: [5, 6], truncated: null }),
      row("AC#0#t3", { completion_ids: [5, 6, 7, 8], truncated: false }),
    ];
    const { out } = await callAsTrl(examples, { schema: "binary+overlong-mask", max_completion_length: 4 });
    expect(out.rewards).toEqual([null, 1, 1]);
    expect(out.metrics["reward_binary_overlong_mask/masked"]).toEqual([1]);
    expect(out.metrics["reward_binary_overlong_mask/timeout"]).toEqual([0]);
    expect(out.extra["reward_binary_overlong_mask_status"]).toEqual(["ok", "ok", "ok"]);
  });

  test("with eos_token_ids a completion not ending in one is truncated, as TRL's own clipped ratio counts it", async () => {
    const examples = [row("AC#0#e1", { completion_ids: [5, 6, 2] }), row("AC#0#e2", { completion_ids: [5, 6, 7] })];
    const before = fake.calls.length;
    const { out } = await callAsTrl(examples, { schema: "binary+overlong-mask", eos_token_ids: [2, 0] });
    expect(out.rewards).toEqual([1, null]);
    expect(fake.calls.slice(before).map((c) => c.truncated)).toEqual([false, true]);
  });

  test("a deadline that cannot finish 256 completions returns whole prompt groups and reports the timed-out count", async () => {
    // 32 prompts x 8 completions of 60 ms each through 8 slots need 32 x 60 ms; the deadline is 1 s.
    const examples = Array.from({ length: GROUPS * GROUP_SIZE }, (_, i) => {
      const g = Math.floor(i / GROUP_SIZE);
      return { prompt: `Solve q${g}`, completion: `AC#60#${i}`, completion_ids: [1], problem_id: `q${g}` };
    });
    const { out, exitCode } = await callAsTrl(examples, { schema: "binary", deadline: 1 });
    expect(exitCode).toBe(0);
    const missing = out.rewards.filter((r) => r === null).length;
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(GROUPS * GROUP_SIZE);
    expect(out.metrics["reward_binary/timeout"]).toEqual([missing]);
    const groups = Array.from({ length: GROUPS }, (_, g) => out.rewards.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE));
    const kind = groups.map((g) => (g.every((r) => r === 1) ? "whole" : g.every((r) => r === null) ? "none" : "part"));
    // Judged groups come first and whole; only the groups in the slots when the deadline fired are split.
    expect(kind.filter((k) => k === "part").length).toBeLessThanOrEqual(2);
    expect(kind[0]).toBe("whole");
    expect(kind.lastIndexOf("whole")).toBeLessThan(kind.indexOf("none"));
    expect(out.extra["reward_binary_status"]!.filter((s) => s === "timeout").length).toBe(missing);
  });

  test("an infrastructure failure is None and counted, never 0", async () => {
    const { out } = await callAsTrl([row("THROW"), row("WA")], { schema: "binary" });
    expect(out.rewards).toEqual([null, 0]);
    expect(out.metrics["reward_binary/infra_error"]).toEqual([1]);
  });

  test("a server that cannot be reached gives None for every completion and counts them as unreachable", async () => {
    const { out } = await callAsTrl([row("AC"), row("AC")], { retries: 0 }, { REWARD_SERVER_URL: "http://127.0.0.1:9" });
    expect(out.rewards).toEqual([null, null]);
    expect(out.metrics["reward_binary/unreachable"]).toEqual([2]);
  });

  test("the default reward function reads its deadline from REWARD_DEADLINE_S", async () => {
    const { out } = await callAsTrl([row("HANG"), row("AC")], null, { REWARD_DEADLINE_S: "0.5" });
    expect(out.rewards).toEqual([null, 1]);
    expect(out.metrics["reward_binary/timeout"]).toEqual([1]);
  });
});
