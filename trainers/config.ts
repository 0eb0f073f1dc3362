/**
 * Training configs: YAML (or JSON) files checked against an adapter's zod schema. Errors name the
 * file, the line and the key, so a typo in `grpo.epsilonn` says exactly that.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { UsageError } from "../judges/errors.ts";
import type { TrainConfig } from "./types.ts";

const positiveInt = z.number().int().positive();

export const resourcesSchema = z.strictObject({
  nodes: positiveInt.default(1),
  gpus_per_node: z.number().int().nonnegative().default(0),
  cpus_per_task: positiveInt.optional(),
  mem: z.string().regex(/^\d+[KMGT]?$/, "expected Slurm memory like 64G").optional(),
  time: z.string().regex(/^(\d+-)?\d+(:\d\d){0,2}$/, "expected Slurm time like 04:00:00 or 1-00:00:00").optional(),
  partition: z.string().optional(),
  account: z.string().optional(),
});

/** Keys shared by every algorithm; each adapter adds its own section (`sft`, `grpo`, `ppo`). */
export const baseConfigShape = {
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ - only").optional(),
  seed: z.number().int().nonnegative().default(0),
  deterministic: z.boolean().optional(),
  max_steps: positiveInt.default(100),
  save_every: z.number().int().nonnegative().default(0),
  micro_batch: positiveInt.optional(),
  model: z.looseObject({ name: z.string().min(1) }),
  adapter: z.enum(["full", "tinylora"]).optional(),
  tinylora: z
    .strictObject({
      r: positiveInt.optional(),
      u: positiveInt.optional(),
      weight_tying: z.number().min(0).max(1).optional(),
      ntie: positiveInt.nullable().optional(),
      projection_seed: z.number().int().nonnegative().optional(),
      target_modules: z.array(z.string()).optional(),
    })
    .optional(),
  optim: z
    .strictObject({
      lr: z.number().positive().optional(),
      weight_decay: z.number().nonnegative().optional(),
      betas: z.tuple([z.number(), z.number()]).optional(),
      warmup_steps: z.number().int().nonnegative().optional(),
      schedule: z.enum(["cosine", "constant"]).optional(),
      min_lr_ratio: z.number().nonnegative().optional(),
      max_grad_norm: z.number().positive().optional(),
    })
    .optional(),
  data: z
    .strictObject({
      dataset: z.string().optional(),
      format: z.string().optional(),
      language: z.enum(["python", "cpp"]).optional(),
      limit: positiveInt.optional(),
      train: z.string().optional(),
      eval: z.string().optional(),
    })
    .refine((d) => d.dataset !== undefined || d.train !== undefined, "give data.dataset (problems to export) or data.train (prepared records)"),
  reward: z
    .strictObject({
      schema: z.string().optional(),
      url: z.string().url().optional(),
      timeout_s: z.number().positive().optional(),
      batch_size: positiveInt.optional(),
      tests: z.enum(["all", "public"]).optional(),
      function: z.string().optional(),
    })
    .optional(),
  /** Evaluation during the job: the base policy (step 0), every N steps and the final checkpoint. */
  eval: z
    .strictObject({
      dataset: z.string().optional(),
      every_steps: positiveInt.optional(),
      samples: positiveInt.default(1),
      max_new_tokens: positiveInt.default(256),
      temperature: z.number().nonnegative().default(1.0),
      initial: z.boolean().default(true),
    })
    .optional(),
  launcher: z
    .strictObject({ type: z.enum(["local", "slurm"]).default("local"), resources: resourcesSchema.default({ nodes: 1, gpus_per_node: 0 }) })
    .default({ type: "local", resources: { nodes: 1, gpus_per_node: 0 } }),
  /** The interpreter that has torch (and transformers for real models); default $CODEJUDGE_PYTHON, else python3. */
  python: z.string().default(() => process.env.CODEJUDGE_PYTHON || "python3"),
};

/** Parses a config file's text; relative data paths resolve against the file's folder. */
export function loadTrainConfig<C extends TrainConfig>(path: string, schema: z.ZodType<C>): C {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`${path}: cannot read the config (${(e as Error).message})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    throw new UsageError(`${path}:${err.linePos?.[0].line ?? "?"}: invalid YAML (${err.message.split("\n")[0]})`);
  }
  const raw = doc.toJS() as unknown;
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const messages = parsed.error.issues.map((i) => {
      const keyPath = i.path.filter((p): p is string | number => typeof p !== "symbol");
      const unknown = i.code === "unrecognized_keys" ? i.keys : [];
      const keys = unknown.length > 0 ? unknown.map((k) => [...keyPath, k].join(".")) : [keyPath.join(".") || "(top level)"];
      const line = lineOf(doc.getIn(keyPath, true), unknown[0], lines);
      const what = unknown.length > 0 ? "unknown key" : i.message;
      return `${path}${line}: ${keys.join(", ")}: ${what}`;
    });
    throw new UsageError(messages.join("\n"));
  }
  return resolveDataPaths(parsed.data, dirname(resolve(path)));
}

/** `:LINE` of a value, or of an unknown key inside a mapping; "" when the node has no position. */
function lineOf(node: unknown, key: PropertyKey | undefined, lines: LineCounter): string {
  let target = node as { range?: readonly number[] | null } | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key)) target = pair.key;
  }
  return target?.range?.[0] !== undefined ? `:${lines.linePos(target.range[0]).line}` : "";
}

function resolveDataPaths<C extends TrainConfig>(config: C, base: string): C {
  const data = { ...config.data };
  for (const key of ["dataset", "train", "eval"] as const) {
    const v = data[key];
    if (v !== undefined && !isAbsolute(v) && !v.startsWith("hf:")) data[key] = resolve(base, v);
  }
  const evalSection = config.eval as { dataset?: string } | undefined;
  const ev = evalSection?.dataset && !isAbsolute(evalSection.dataset) && !evalSection.dataset.startsWith("hf:") ? { ...evalSection, dataset: resolve(base, evalSection.dataset) } : evalSection;
  return { ...config, data, ...(ev ? { eval: ev } : {}) };
}
