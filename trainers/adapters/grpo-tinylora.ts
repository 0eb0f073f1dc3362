/** GRPO on a TinyLoRA adapter, rewards from the harness reward server (codejudge_train.grpo_trainer). */
import { z } from "zod";
import type { Language } from "../../judges/types.ts";
import { baseConfigShape } from "../config.ts";
import { prepareRlPrompts } from "../data.ts";
import type { TrainConfig, TrainerAdapter } from "../types.ts";
import { packageCommand } from "./command.ts";

// Strict: a misspelt key is an error (keys: codejudge_train.grpo_trainer.GRPO_DEFAULTS).
const grpoSection = z.strictObject({
  num_generations: z.number().int().min(2).optional(),
  prompts_per_step: z.number().int().positive().optional(),
  max_completion_length: z.number().int().positive().optional(),
  temperature: z.number().positive().optional(),
  epsilon: z.number().positive().optional(),
  epsilon_high: z.number().positive().nullable().optional(),
  beta: z.number().nonnegative().optional(),
  loss_type: z.enum(["grpo", "dr_grpo", "dapo"]).optional(),
  scale_rewards: z.enum(["group", "batch", "none"]).optional(),
  num_iterations: z.number().int().positive().optional(),
  mask_truncated_completions: z.boolean().optional(),
  merge_for_generation: z.boolean().optional(),
  disable_dropout: z.boolean().optional(),
  role_baseline_decay: z.number().min(0).max(1).nullable().optional(),
  micro_batch: z.number().int().positive().nullable().optional(),
});

const schema = z.strictObject({ ...baseConfigShape, adapter: z.enum(["full", "tinylora"]).default("tinylora"), grpo: grpoSection.default({}) }) as unknown as z.ZodType<TrainConfig>;

export const grpoTinylora: TrainerAdapter = {
  algo: "grpo-tinylora",
  description: "GRPO on TinyLoRA's trainable vector, rewarded by the harness reward server",
  schema,
  needsRewardServer: true,
  prepareData: (config, ctx) => prepareRlPrompts(ctx.problems, ctx.dataDir, config.data.language as Language | undefined),
  renderCommand: (paths) => packageCommand("grpo-tinylora", paths),
};
