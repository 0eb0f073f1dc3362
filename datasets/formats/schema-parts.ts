/** zod pieces shared by the row formats: languages and checker specs as datasets write them. */
import { z } from "zod";
import type { CheckerSpec, Language } from "../../judges/types.ts";
import { describeUnknownLanguage, parseLanguage } from "../../judges/languages.ts";
import { SOURCE_TESTERS } from "../../judges/checkers/source-testers.ts";

/** A language name or alias (`c++`, `python3`...), normalised to a Language. */
export const languageSchema = z.string().transform((name, ctx): Language => {
  const lang = parseLanguage(name);
  if (lang) return lang;
  ctx.addIssue({ code: "custom", message: describeUnknownLanguage(name) });
  return z.NEVER;
});

const simpleChecker = z.strictObject({ type: z.enum(["exact", "lines", "tokens", "yesno", "unordered"]) });
const floatChecker = z.strictObject({
  type: z.literal("float"),
  abs: z.number().nonnegative().optional(),
  rel: z.number().nonnegative().optional(),
});
const sourceChecker = z.strictObject({
  type: z.enum(SOURCE_TESTERS),
  fold_case: z.boolean().optional(),
  abs: z.number().nonnegative().optional(),
  rel: z.number().nonnegative().optional(),
});
/** No checker chosen: resolved per problem by the checker policy (datasets/checker-policy.ts). */
const autoCheckerSchema = z.strictObject({ type: z.literal("auto"), tester: z.enum(SOURCE_TESTERS).optional() });
const programChecker = z
  .strictObject({
    type: z.enum(["testlib", "cms"]),
    /** `openr1`: the checker prints 1 or 100 for a right output (open-r1's generated checkers). */
    protocol: z.literal("openr1").optional(),
    source: z.string().min(1).optional(),
    /** Path of the checker's source, relative to the dataset file; read at load time. */
    source_file: z.string().min(1).optional(),
    language: languageSchema.optional(),
  })
  .refine((c) => (c.source === undefined) !== (c.source_file === undefined), {
    message: "a program checker needs exactly one of 'source' and 'source_file'",
  });

/** A checker as written in a dataset: a name (`"tokens"`) or an object (`{type: "float", abs: 1e-6}`). */
export const checkerSchema = z.preprocess(
  (value) => (typeof value === "string" ? { type: value } : value),
  z.discriminatedUnion("type", [simpleChecker, floatChecker, sourceChecker, autoCheckerSchema, programChecker]),
);

export type CheckerInput = z.output<typeof checkerSchema>;

/** Turns a parsed checker into a CheckerSpec, loading `source_file` with the given reader. */
export function toCheckerSpec(input: CheckerInput, readSource: (relPath: string) => string): CheckerSpec {
  // Everything but a program checker is already a CheckerSpec (zod checked its fields).
  if (input.type !== "testlib" && input.type !== "cms") return input as CheckerSpec;
  const source = input.source ?? readSource(input.source_file ?? "");
  return {
    type: input.type,
    source,
    ...(input.language ? { language: input.language } : {}),
    ...(input.protocol ? { protocol: input.protocol } : {}),
  };
}
