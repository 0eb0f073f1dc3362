/** Request bodies of the reward server, validated with zod; errors name the field that is wrong. */
import { HarnessError } from "../../judges/errors.ts";
import { z } from "zod";
import { canonicalFormat } from "../../datasets/formats/canonical.ts";
import { languageSchema } from "../../datasets/formats/schema-parts.ts";
import type { Problem } from "../../datasets/types.ts";
import { formatPath } from "../rewards/definition.ts";

/** Most items one request may carry: bounds the memory a single request can take. */
export const MAX_ITEMS = 4096;

// Any spelling of judges/languages.ts ("Python", "c++", "py3"), as datasets and samples files accept.
const language = languageSchema;

const rewardItem = z
  .object({
    id: z.union([z.string(), z.number()]),
    problem_id: z.string().min(1).optional(),
    problem: z.record(z.string(), z.unknown()).optional(),
    completion: z.string(),
    language: language.optional(),
    /** The generation hit max tokens (finish_reason "length"); overlong masking reads it. */
    truncated: z.boolean().optional(),
    /** The prompt group (GRPO group) the item belongs to; default: its problem. Groups are judged whole first. */
    group: z.union([z.string(), z.number()]).optional(),
  })
  .strict()
  .refine((i) => (i.problem_id === undefined) !== (i.problem === undefined), { message: "give exactly one of problem_id and problem" });

export const rewardsRequest = z
  .object({
    schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    items: z.array(rewardItem).max(MAX_ITEMS),
    tests: z.enum(["all", "public"]).default("all"),
    deadline_ms: z.number().int().positive().optional(),
  })
  .strict();
export type RewardsRequest = z.infer<typeof rewardsRequest>;

export const openRlhfRequest = z
  .object({
    query: z.array(z.string()).max(MAX_ITEMS),
    prompts: z.array(z.string()).optional(),
    // OpenRLHF sends what the dataset's --data.label_key column holds: a string, or an object for a nested JSON column.
    labels: z.array(z.union([z.string(), z.record(z.string(), z.unknown()), z.null()])).optional(),
    /** finish_reason "length" per query, for overlong masking (OpenRLHF knows it; a wrapper may send it). */
    truncated: z.array(z.boolean()).optional(),
    deadline_ms: z.number().int().positive().optional(),
  })
  .passthrough();

const predictionTask = z
  .object({
    kind: z.enum(["stdout", "python_value"]),
    program: z.string(),
    language,
    stdin: z.string().optional(),
    input: z.string().optional(),
    function_name: z.string().optional(),
    time_limit_ms: z.number().positive().max(60_000).optional(),
    memory_limit_mb: z.number().positive().max(4096).optional(),
  })
  .strict();

export const predictionRequest = z
  .object({
    items: z
      .array(z.object({ id: z.union([z.string(), z.number()]), task: predictionTask, prediction: z.string(), role: z.enum(["predictor", "author"]).default("predictor") }).strict())
      .max(MAX_ITEMS),
    deadline_ms: z.number().int().positive().optional(),
  })
  .strict();

/** A request the server refuses (HTTP 400), naming the field. */
export class BadRequest extends HarnessError {
  override name = "BadRequest";
  constructor(message: string) {
    super(message, "usage");
  }
}

/** Parses a body with a zod schema or throws BadRequest naming the first wrong field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = formatPath((issue?.path ?? []).filter((p): p is string | number => typeof p !== "symbol"));
  throw new BadRequest(`${path}: ${issue?.message ?? "invalid request"}`);
}

/**
 * Converts an inline problem (canonical schema). Checkers read from files are refused: a remote
 * client must not make the server open paths on its disk.
 */
export function parseInlineProblem(row: Record<string, unknown>, field: string): Problem {
  const checker = row.checker as Record<string, unknown> | undefined;
  if (checker && typeof checker === "object" && "source_file" in checker) {
    throw new BadRequest(`${field}.checker.source_file: not accepted over HTTP; inline the checker source`);
  }
  try {
    return canonicalFormat.convert(row, { file: field, line: 0 });
  } catch (e: unknown) {
    // The location has no line (it is a request, not a file): drop the ":0" DatasetError adds.
    throw new BadRequest((e as Error).message.replace(`${field}:0`, field));
  }
}
