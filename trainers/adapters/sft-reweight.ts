/** SFT with per-token loss weights: code tokens `w_code`, prose `w_noncode` (codejudge_train.sft). */
import { z } from "zod";
import type { Language } from "../../judges/types.ts";
import { baseConfigShape } from "../config.ts";
import { prepareSftRecords } from "../data.ts";
import type { TrainConfig, TrainerAdapter } from "../types.ts";
import { packageCommand } from "./command.ts";

// Strict: a misspelt key is an error, not a silently ignored setting (keys: codejudge_train.sft.SFT_DEFAULTS).
const sftSection = z.strictObject({
  w_code: z.number().nonnegative().optional(),
  w_noncode: z.number().nonnegative().optional(),
  mask_noncode: z.boolean().optional(),
  batch_size: z.number().int().positive().optional(),
  gradient_accumulation_steps: z.number().int().positive().optional(),
  max_length: z.number().int().positive().optional(),
  add_eos: z.boolean().optional(),
  packing: z.boolean().optional(),
});

const schema = z.strictObject({ ...baseConfigShape, sft: sftSection.default({}) }) as unknown as z.ZodType<TrainConfig>;

export const sftReweight: TrainerAdapter = {
  algo: "sft-reweight",
  description: "SFT on reference solutions with code-token loss re-weighting",
  schema,
  needsRewardServer: false,
  prepareData: (config, ctx) => prepareSftRecords(ctx.problems, ctx.dataDir, config.data.language as Language | undefined),
  renderCommand: (paths) => packageCommand("sft-reweight", paths),
};
