/** PPO actor-critic with GAE, the harness reward at the last token (codejudge_train.ppo). */
import { z } from "zod";
import type { Language } from "../../judges/types.ts";
import { baseConfigShape } from "../config.ts";
import { prepareRlPrompts } from "../data.ts";
import type { TrainConfig, TrainerAdapter } from "../types.ts";
import { packageCommand } from "./command.ts";

// Strict: a misspelt key is an error (keys: codejudge_train.ppo_trainer.PPO_DEFAULTS).
const ppoSection = z.strictObject({
  prompts_per_step: z.number().int().positive().optional(),
  max_completion_length: z.number().int().positive().optional(),
  temperature: z.number().positive().optional(),
  gamma: z.number().min(0).max(1).optional(),
  lam: z.number().min(0).max(1).optional(),
  cliprange: z.number().positive().optional(),
  cliprange_value: z.number().positive().optional(),
  vf_coef: z.number().nonnegative().optional(),
  kl_coef: z.number().nonnegative().optional(),
  kl_ctl: z.enum(["fixed", "adaptive"]).optional(),
  target_kl: z.number().positive().optional(),
  kl_horizon: z.number().int().positive().optional(),
  samples_per_prompt: z.number().int().positive().optional(),
  whiten_advantages: z.boolean().optional(),
  merge_for_generation: z.boolean().optional(),
  disable_dropout: z.boolean().optional(),
  ppo_epochs: z.number().int().positive().optional(),
  mini_batch_size: z.number().int().positive().optional(),
});

const schema = z.strictObject({ ...baseConfigShape, ppo: ppoSection.default({}) }) as unknown as z.ZodType<TrainConfig>;

export const ppo: TrainerAdapter = {
  algo: "ppo",
  description: "PPO actor-critic (GAE, clipped policy and value losses), rewarded by the harness reward server",
  schema,
  needsRewardServer: true,
  prepareData: (config, ctx) => prepareRlPrompts(ctx.problems, ctx.dataDir, config.data.language as Language | undefined),
  renderCommand: (paths) => packageCommand("ppo", paths),
};
