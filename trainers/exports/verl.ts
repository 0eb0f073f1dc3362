/**
 * A verl launch for the same config: the data as verl Parquet (datasets/prepare/export-verl.ts) and
 * the Hydra overrides for `python3 -m verl.trainer.main_ppo`, with the reward from the harness
 * reward server through the verl shim (trainers/shims/verl_reward.py). GRPO maps to
 * adv_estimator=grpo, PPO to adv_estimator=gae with a critic.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../judges/errors.ts";
import type { AlgoName, TrainConfig } from "../types.ts";
import { type LaunchExport, GRPO_DEFAULTS, OPTIM_DEFAULTS, PPO_DEFAULTS, section, withDefaults } from "./common.ts";

/** verl's loss_agg_mode for each of the package's GRPO loss aggregations. */
const LOSS_AGG: Record<string, string> = { grpo: "seq-mean-token-mean", dr_grpo: "seq-mean-token-sum-norm", dapo: "token-mean" };

export function verlOverrides(algo: AlgoName, config: TrainConfig, trainParquet: string, repoRoot: string): { overrides: string[]; unsupported: string[] } {
  if (algo === "sft-reweight") throw new UsageError("sft-reweight has no verl export (verl's SFT trainer has no per-token loss weights); use --export trl");
  const o = withDefaults(section(config, "optim"), OPTIM_DEFAULTS);
  const r = config.launcher.resources as unknown as { nodes: number; gpus_per_node: number };
  const reward = config.reward ?? {};
  const unsupported: string[] = [];
  const common = [
    `data.train_files=${trainParquet}`,
    `actor_rollout_ref.model.path=${config.model.name}`,
    `actor_rollout_ref.actor.optim.lr=${o.lr}`,
    `actor_rollout_ref.actor.optim.weight_decay=${o.weight_decay}`,
    `actor_rollout_ref.actor.grad_clip=${o.max_grad_norm}`,
    `trainer.total_training_steps=${config.max_steps}`,
    ...(config.save_every > 0 ? [`trainer.save_freq=${config.save_every}`] : []),
    `trainer.nnodes=${r.nodes}`,
    `trainer.n_gpus_per_node=${Math.max(1, r.gpus_per_node)}`,
    "reward_model.reward_manager=naive",
    `custom_reward_function.path=${join(repoRoot, "trainers", "shims", "verl_reward.py")}`,
    "custom_reward_function.name=compute_score",
    `+custom_reward_function.reward_kwargs.schema=${reward.schema ?? "binary"}`,
    `+custom_reward_function.reward_kwargs.deadline=${reward.timeout_s ?? 120}`,
    "+custom_reward_function.reward_kwargs.on_missing=raise",
  ];
  if (config.adapter === "tinylora") unsupported.push("adapter: tinylora (verl trains full weights or LoRA; TinyLoRA is this package's)");
  if (algo === "grpo-tinylora") {
    const g = withDefaults(section(config, "grpo"), GRPO_DEFAULTS);
    if (g.scale_rewards === "batch") unsupported.push("grpo.scale_rewards: batch (verl normalises per group or not at all)");
    return {
      overrides: [
        "algorithm.adv_estimator=grpo",
        `algorithm.norm_adv_by_std_in_grpo=${g.scale_rewards !== "none"}`,
        `data.train_batch_size=${g.prompts_per_step}`,
        `data.max_response_length=${g.max_completion_length}`,
        `actor_rollout_ref.rollout.n=${g.num_generations}`,
        `actor_rollout_ref.rollout.temperature=${g.temperature}`,
        `actor_rollout_ref.actor.ppo_mini_batch_size=${g.prompts_per_step}`,
        `actor_rollout_ref.actor.ppo_epochs=${g.num_iterations}`,
        `actor_rollout_ref.actor.clip_ratio_low=${g.epsilon}`,
        `actor_rollout_ref.actor.clip_ratio_high=${g.epsilon_high ?? g.epsilon}`,
        `actor_rollout_ref.actor.loss_agg_mode=${LOSS_AGG[g.loss_type as string]}`,
        `actor_rollout_ref.actor.use_kl_loss=${(g.beta as number) > 0}`,
        `actor_rollout_ref.actor.kl_loss_coef=${g.beta}`,
        "algorithm.use_kl_in_reward=false",
        ...common,
      ],
      unsupported,
    };
  }
  const p = withDefaults(section(config, "ppo"), PPO_DEFAULTS);
  return {
    overrides: [
      "algorithm.adv_estimator=gae",
      `algorithm.gamma=${p.gamma}`,
      `algorithm.lam=${p.lam}`,
      "algorithm.use_kl_in_reward=true",
      `algorithm.kl_ctrl.type=${p.kl_ctl}`,
      `algorithm.kl_ctrl.kl_coef=${p.kl_coef}`,
      `algorithm.kl_ctrl.target_kl=${p.target_kl}`,
      `algorithm.kl_ctrl.horizon=${p.kl_horizon}`,
      `data.train_batch_size=${p.prompts_per_step}`,
      `data.max_response_length=${p.max_completion_length}`,
      `actor_rollout_ref.rollout.n=${p.samples_per_prompt}`,
      `actor_rollout_ref.rollout.temperature=${p.temperature}`,
      `actor_rollout_ref.actor.ppo_mini_batch_size=${p.mini_batch_size}`,
      `actor_rollout_ref.actor.ppo_epochs=${p.ppo_epochs}`,
      `actor_rollout_ref.actor.clip_ratio=${p.cliprange}`,
      `critic.model.path=${config.model.name}`,
      `critic.optim.lr=${o.lr}`,
      `critic.cliprange_value=${p.cliprange_value}`,
      `critic.ppo_mini_batch_size=${p.mini_batch_size}`,
      ...common,
    ],
    unsupported,
  };
}

export function exportVerl(algo: AlgoName, config: TrainConfig, outDir: string, trainParquet: string, repoRoot: string): LaunchExport {
  const { overrides, unsupported } = verlOverrides(algo, config, trainParquet, repoRoot);
  const script = ["#!/bin/bash", "# Generated by bun run train --export verl. Needs the harness reward server (bun run serve --rewards).", "set -euo pipefail", `python3 -m verl.trainer.main_ppo \\`, ...overrides.map((o, i) => `  ${o}${i < overrides.length - 1 ? " \\" : ""}`), ""].join("\n");
  writeFileSync(join(outDir, "verl.sh"), script, { mode: 0o755 });
  writeFileSync(join(outDir, "verl-overrides.txt"), `${overrides.join("\n")}\n`);
  return { files: ["verl.sh", "verl-overrides.txt", "data/train.parquet"], command: `REWARD_SERVER_URL=http://127.0.0.1:8321 bash ${join(outDir, "verl.sh")}`, unsupported };
}
