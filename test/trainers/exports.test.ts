/** TRL and verl launches exported from the package's configs: the numbers carry over under each trainer's names. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { getAdapter } from "../../trainers/adapters/index.ts";
import { loadTrainConfig } from "../../trainers/config.ts";
import { verlOverrides } from "../../trainers/exports/verl.ts";
import { parseOneJson, runCli } from "../support/cli.ts";

const EXAMPLES = join(import.meta.dir, "..", "..", "trainers", "examples");
const root = mkdtempSync(join(tmpdir(), "train-export-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function configOf(algo: string, yaml: string) {
  const path = join(root, `${algo}.yaml`);
  writeFileSync(path, yaml);
  return loadTrainConfig(path, getAdapter(algo).schema);
}

describe("verl export", () => {
  test("GRPO settings become verl's grpo estimator overrides, with the reward from the harness shim", () => {
    const config = configOf("grpo-tinylora", "model: {name: Qwen/Qwen2.5-Coder-7B-Instruct}\nadapter: full\ndata: {dataset: p.jsonl}\nmax_steps: 50\ngrpo: {num_generations: 8, prompts_per_step: 32, epsilon: 0.2, epsilon_high: 0.28, loss_type: dr_grpo, beta: 0.04}\nlauncher: {type: slurm, resources: {nodes: 2, gpus_per_node: 8}}\n");
    const { overrides, unsupported } = verlOverrides("grpo-tinylora", config, "/d/train.parquet", "/repo");
    expect(overrides).toEqual(
      expect.arrayContaining([
        "algorithm.adv_estimator=grpo",
        "actor_rollout_ref.rollout.n=8",
        "data.train_batch_size=32",
        "actor_rollout_ref.actor.clip_ratio_low=0.2",
        "actor_rollout_ref.actor.clip_ratio_high=0.28",
        "actor_rollout_ref.actor.loss_agg_mode=seq-mean-token-sum-norm",
        "actor_rollout_ref.actor.use_kl_loss=true",
        "actor_rollout_ref.actor.kl_loss_coef=0.04",
        "trainer.total_training_steps=50",
        "trainer.nnodes=2",
        "trainer.n_gpus_per_node=8",
        "custom_reward_function.path=/repo/trainers/shims/verl_reward.py",
        "custom_reward_function.name=compute_score",
      ]),
    );
    expect(unsupported).toEqual([]);
  });

  test("PPO settings become GAE with a critic and the KL controller in the reward", () => {
    const config = configOf("ppo", "model: {name: m}\ndata: {dataset: p.jsonl}\nppo: {gamma: 0.99, lam: 0.9, cliprange_value: 0.3, kl_ctl: adaptive, target_kl: 4}\n");
    const { overrides } = verlOverrides("ppo", config, "/d/train.parquet", "/repo");
    expect(overrides).toEqual(
      expect.arrayContaining(["algorithm.adv_estimator=gae", "algorithm.gamma=0.99", "algorithm.lam=0.9", "critic.model.path=m", "critic.cliprange_value=0.3", "algorithm.kl_ctrl.type=adaptive", "algorithm.kl_ctrl.target_kl=4"]),
    );
  });
});

describe("bun run train --export", () => {
  test("a TRL export of the GRPO example writes GRPOConfig arguments, PEFT TinyLoRA settings and the records", async () => {
    const out = join(root, "trl");
    const r = parseOneJson<{ files: string[]; records: number; unsupported: string[] }>(
      await runCli(["train", "grpo-tinylora", "--config", join(EXAMPLES, "grpo-tinylora.yaml"), "--export", "trl", "--out", out, "--json"]),
    );
    expect(r.files).toEqual(["trl.yaml", "train_trl.py"]);
    expect(r.records).toBe(8);
    expect(r.unsupported).toEqual(["tinylora.weight_tying (PEFT groups modules by ntie, a count: set tinylora.ntie instead)"]);
    const doc = parse(readFileSync(join(out, "trl.yaml"), "utf8")) as { tinylora: Record<string, unknown>; args: Record<string, unknown>; train_file: string };
    expect(doc.tinylora).toEqual({ r: 2, u: 8, projection_seed: 42, init_weights: false });
    expect(doc.args).toMatchObject({ num_generations: 4, per_device_train_batch_size: 8, max_completion_length: 24, loss_type: "dapo", max_steps: 8, learning_rate: 0.01 });
    const first = JSON.parse(readFileSync(join(out, doc.train_file), "utf8").split("\n")[0]!) as Record<string, unknown>;
    expect(first).toEqual({ prompt: [{ role: "user", content: "Answer with the number 7." }], problem_id: "toy/answer-7" });
    const compiled = Bun.spawnSync([process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3", "-m", "py_compile", join(out, "train_trl.py")]);
    expect(compiled.exitCode).toBe(0);
  });

  test("PPO has no TRL export and SFT-reweight no verl export: exit 2 with the reason", async () => {
    const ppo = await runCli(["train", "ppo", "--config", join(EXAMPLES, "ppo.yaml"), "--export", "trl", "--out", join(root, "x")]);
    expect(ppo.code).toBe(2);
    expect(ppo.stderr).toContain("TRL's PPO trainer takes a reward model");
    const sft = await runCli(["train", "sft-reweight", "--config", join(EXAMPLES, "sft-reweight.yaml"), "--export", "verl", "--out", join(root, "y")]);
    expect(sft.code).toBe(2);
    expect(sft.stderr).toContain("sft-reweight has no verl export");
  });
});
