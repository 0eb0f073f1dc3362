/** zod pieces shared by the row formats: languages and checker specs as datasets write them. */
import { z } from "zod";
import type { CheckerSpec, Language } from "../../judges/types.ts";
import { describeUnknownLanguage, parseLanguage } from "../../judges/languages.ts";

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
const programChecker = z
  .strictObject({
    type: z.enum(["testlib", "cms"]),
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
  z.discriminatedUnion("type", [simpleChecker, floatChecker, programChecker]),
);

export type CheckerInput = z.output<typeof checkerSchema>;

/** Turns a parsed checker into a CheckerSpec, loading `source_file` with the given reader. */
export function toCheckerSpec(input: CheckerInput, readSource: (relPath: string) => string): CheckerSpec {
  if (input.type === "float") return input;
  if (input.type !== "testlib" && input.type !== "cms") return { type: input.type };
  const source = input.source ?? readSource(input.source_file ?? "");
  return input.language ? { type: input.type, source, language: input.language } : { type: input.type, source };
}
