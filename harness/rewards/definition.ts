/**
 * The data form of a reward schema and its validation. A schema is an ordered list of rules
 * (first match wins), multipliers (every match multiplies), then modifiers:
 *
 *   reward = clip( rule.reward × Π multipliers + format + length ),  or null when masked.
 *
 * Field names are checked against FEATURE_TYPES, and a schema is probed on extreme samples, so a
 * typo or an overflow is rejected when the schema is loaded, not in the middle of training.
 */
import { HarnessError } from "../../judges/errors.ts";
import { z } from "zod";
import { FEATURE_TYPES, type FeatureType } from "./features.ts";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const matcherOps = z
  .object({
    eq: scalar,
    ne: scalar,
    in: z.array(scalar).min(1),
    not_in: z.array(scalar).min(1),
    gt: z.number(),
    gte: z.number(),
    lt: z.number(),
    lte: z.number(),
    /** Case-insensitive regular expression, for string fields. */
    matches: z.string(),
  })
  .partial()
  .strict();

const matcher = z.union([scalar, matcherOps]);
export type Matcher = z.infer<typeof matcher>;

/** Field → matcher; every entry must hold. An empty condition matches every sample. */
const condition = z.record(z.string(), matcher);
export type Condition = z.infer<typeof condition>;

/** A constant, or base + Σ weight × field (booleans count 0/1). */
const rewardValue = z.union([
  z.number(),
  z.object({ base: z.number().default(0), add: z.record(z.string(), z.number()) }).strict(),
]);
export type RewardValue = z.infer<typeof rewardValue>;

const rule = z
  .object({ when: condition.default({}), reward: rewardValue, note: z.string().optional() })
  .strict();

const multiplier = z.object({ when: condition, factor: z.number(), note: z.string().optional() }).strict();

/** Zod schema of a reward schema definition (JSON/YAML file, TS object, or request body). */
export const rewardSchemaDefinition = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9+._-]*$/, "lower-case letters, digits and - + . _"),
    description: z.string().default(""),
    /** Where the scheme comes from (paper, framework), shown with the schema. */
    origin: z.string().default("user-defined"),
    rules: z.array(rule).min(1),
    multipliers: z.array(multiplier).default([]),
    /** Added when format_ok holds (bonus) or does not (penalty, usually negative). */
    format: z.object({ bonus: z.number().default(0), penalty: z.number().default(0) }).strict().optional(),
    /**
     * Soft overlong penalty (DAPO): 0 up to limit − buffer characters, growing linearly to −penalty at
     * `limit`, −penalty beyond.
     */
    length: z
      .object({ limit: z.number().positive(), buffer: z.number().nonnegative(), penalty: z.number().nonnegative() })
      .strict()
      .refine((l) => l.buffer <= l.limit, { message: "buffer must not exceed limit", path: ["buffer"] })
      .optional(),
    /** Truncated completions get no reward (null, masked out of the loss) instead of a number. */
    overlong_mask: z.boolean().default(false),
    clip: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo <= hi, { message: "clip must be [min, max] with min <= max" })
      .optional(),
  })
  .strict();

/** A validated schema definition. */
export type RewardSchema = z.infer<typeof rewardSchemaDefinition>;
/** What a user may write (defaults not yet filled in). */
export type RewardSchemaInput = z.input<typeof rewardSchemaDefinition>;

/** One problem with a schema, located by its path inside the definition. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

/** A schema that does not validate. `file`/`line` are set when it came from a file. */
export class RewardSchemaError extends HarnessError {
  constructor(
    readonly schemaName: string,
    readonly issues: SchemaIssue[],
    readonly file: string | null = null,
    readonly lines: (number | null)[] = [],
  ) {
    const where = (i: number) => `${file ?? `schema '${schemaName}'`}${lines[i] ? `:${lines[i]}` : ""}`;
    super(
      issues
        .map((iss, i) => `${where(i)}: ${iss.path.length > 0 ? `field '${formatPath(iss.path)}': ` : ""}${iss.message}`)
        .join("\n"),
      "usage",
    );
    this.name = "RewardSchemaError";
  }
}

/** Renders a path as `rules[2].when.verdict`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(root)";
}

/** Checks field names and matcher types; returns the issues found (empty when fine). */
export function checkFields(def: RewardSchema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  def.rules.forEach((r, i) => {
    checkCondition(r.when, ["rules", i, "when"], issues);
    if (typeof r.reward !== "number") {
      for (const field of Object.keys(r.reward.add)) {
        const t = lookupField(field, ["rules", i, "reward", "add", field], issues);
        if (t === "string") issues.push({ path: ["rules", i, "reward", "add", field], message: "a string field cannot be added" });
      }
    }
  });
  def.multipliers.forEach((m, i) => checkCondition(m.when, ["multipliers", i, "when"], issues));
  const last = def.rules.length - 1;
  if (Object.keys(def.rules[last]?.when ?? {}).length > 0) {
    issues.push({ path: ["rules", last, "when"], message: "the last rule must match every sample (leave 'when' empty)" });
  }
  return issues;
}

function lookupField(field: string, path: (string | number)[], issues: SchemaIssue[]): FeatureType | undefined {
  const t = (FEATURE_TYPES as Record<string, FeatureType | undefined>)[field];
  if (!t) issues.push({ path, message: `unknown field '${field}'; known fields: ${Object.keys(FEATURE_TYPES).join(", ")}` });
  return t;
}

function checkCondition(cond: Condition, base: (string | number)[], issues: SchemaIssue[]): void {
  for (const [field, m] of Object.entries(cond)) {
    const path = [...base, field];
    const t = lookupField(field, path, issues);
    if (!t) continue;
    const literals = typeof m === "object" ? [m.eq, m.ne, ...(m.in ?? []), ...(m.not_in ?? [])] : [m];
    for (const lit of literals) {
      if (lit !== undefined && typeof lit !== t) issues.push({ path, message: `'${field}' is a ${t}, not a ${typeof lit}` });
    }
    if (typeof m === "object") {
      const numeric = m.gt !== undefined || m.gte !== undefined || m.lt !== undefined || m.lte !== undefined;
      if (numeric && t !== "number") issues.push({ path, message: `'${field}' is a ${t}: gt/gte/lt/lte need a number field` });
      if (m.matches !== undefined) {
        if (t !== "string") issues.push({ path, message: `'${field}' is a ${t}: 'matches' needs a string field` });
        try {
          new RegExp(m.matches, "i");
        } catch (e: unknown) {
          issues.push({ path: [...path, "matches"], message: `bad regular expression: ${(e as Error).message}` });
        }
      }
    }
  }
}
