/** What the TRL and verl launch exports share: where things go and the config's numbers. */
import type { TrainConfig } from "../types.ts";

export interface LaunchExport {
  /** Files written, relative to the output folder. */
  files: string[];
  /** The command that starts training, run from the repository root. */
  command: string;
  /** Settings of this config that the target trainer has no equivalent for. */
  unsupported: string[];
}

export const section = (config: TrainConfig, name: string): Record<string, unknown> => (config[name] as Record<string, unknown> | undefined) ?? {};

/** Section values with the package's defaults (codejudge_train's *_DEFAULTS), so exports state every number. */
export function withDefaults(values: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  return { ...defaults, ...values };
}

export const GRPO_DEFAULTS = { num_generations: 8, prompts_per_step: 4, max_completion_length: 256, temperature: 1.0, epsilon: 0.2, epsilon_high: null, beta: 0.0, loss_type: "dapo", scale_rewards: "group", num_iterations: 1, mask_truncated_completions: false };
export const PPO_DEFAULTS = { prompts_per_step: 8, samples_per_prompt: 1, max_completion_length: 256, temperature: 1.0, ppo_epochs: 4, mini_batch_size: 4, gamma: 1.0, lam: 0.95, cliprange: 0.2, cliprange_value: 0.2, vf_coef: 0.1, kl_coef: 0.05, kl_ctl: "fixed", target_kl: 6.0, kl_horizon: 10000 };
export const SFT_DEFAULTS = { w_code: 1.0, w_noncode: 1.0, mask_noncode: false, batch_size: 8, gradient_accumulation_steps: 1, max_length: 1024 };
export const OPTIM_DEFAULTS = { lr: 1e-5, weight_decay: 0.0, warmup_steps: 0, schedule: "cosine", max_grad_norm: 1.0 };
