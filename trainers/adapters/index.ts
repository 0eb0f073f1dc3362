/** The adapters, by algorithm name. */
import { UsageError } from "../../judges/errors.ts";
import type { AlgoName, TrainerAdapter } from "../types.ts";
import { grpoTinylora } from "./grpo-tinylora.ts";
import { ppo } from "./ppo.ts";
import { sftReweight } from "./sft-reweight.ts";

export const ADAPTERS: Readonly<Record<AlgoName, TrainerAdapter>> = {
  "sft-reweight": sftReweight,
  "grpo-tinylora": grpoTinylora,
  ppo,
};

export function getAdapter(name: string): TrainerAdapter {
  if (Object.hasOwn(ADAPTERS, name)) return ADAPTERS[name as AlgoName];
  throw new UsageError(`unknown algorithm ${JSON.stringify(name)}; known: ${Object.keys(ADAPTERS).join(", ")}`);
}
