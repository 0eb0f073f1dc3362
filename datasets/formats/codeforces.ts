/**
 * open-r1/codeforces rows: a Codeforces problem with its statement in parts, `examples` and
 * `official_tests` as `{input, output}` lists, limits in seconds and megabytes, and for problems
 * with several right answers a Python `generated_checker` that follows the cms argument order
 * (input, expected answer, contestant output). Generated tests live in separate Parquet files;
 * see codeforces-generated.ts. Interactive problems (a non-empty `interaction_format`) are marked
 * `interactive`; open-r1 publishes no interactor for them, so they are excluded from scores unless
 * one is supplied in the canonical schema (datasets/judgeable.ts).
 */
import { z } from "zod";
import type { CheckerSpec, TestCase } from "../../judges/types.ts";
import { autoChecker } from "../checker-policy.ts";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem } from "../types.ts";
import { failField, parseRow } from "./parse-row.ts";
import { resolveLimits } from "./source-limits.ts";

const testList = z.array(z.looseObject({ input: z.string(), output: z.string() }));
const schema = z.looseObject({
  id: z.string().min(1),
  contest_id: z.union([z.string(), z.number()]),
  index: z.string(),
  title: z.string().nullish(),
  description: z.string(),
  input_format: z.string().nullish(),
  output_format: z.string().nullish(),
  note: z.string().nullish(),
  examples: testList.nullish(),
  official_tests: testList.nullish(),
  official_tests_complete: z.boolean().nullish(),
  generated_checker: z.string().nullish(),
  time_limit: z.number().positive().nullish(),
  memory_limit: z.number().positive().nullish(),
  input_mode: z.enum(["stdio", "file"]).nullish(),
  interaction_format: z.string().nullish(),
  rating: z.number().nullish(),
  tags: z.array(z.string()).nullish(),
  contest_start: z.number().nullish(),
});
type Row = z.output<typeof schema>;

/** Codeforces problems as published by open-r1 (open-r1/codeforces). */
export const codeforcesFormat: DatasetFormat = {
  id: "codeforces",
  detect: (row) => ["id", "contest_id", "index", "description"].every((k) => k in row) && ("official_tests" in row || "examples" in row),
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const tests = collectTests(r);
    if (tests.length === 0) failField(at, "official_tests", "no tests: official_tests and examples are both empty");
    const checker: CheckerSpec = r.generated_checker?.trim()
      ? { type: "cms", source: r.generated_checker, language: "python", protocol: "openr1" }
      : autoChecker("openr1");
    const statement = composeStatement(r);
    const problem: Problem = {
      id: r.id,
      statement,
      mode: "stdio",
      tests,
      ...resolveLimits(statement, {
        timeMs: r.time_limit ? Math.round(r.time_limit * 1000) : undefined,
        memoryMb: r.memory_limit ? Math.ceil(r.memory_limit) : undefined,
      }),
      checker,
      languages: [...defaults.DEFAULT_STDIO_LANGUAGES],
      source: "codeforces",
      tags: [...(r.tags ?? []), ...(r.official_tests_complete === false ? ["official_tests_incomplete"] : [])],
    };
    if (r.rating != null) problem.rating = r.rating;
    if (r.interaction_format?.trim() || (r.tags ?? []).includes("interactive")) problem.interactive = true;
    if (r.contest_start != null) problem.contest_date = new Date(r.contest_start * 1000).toISOString();
    if (r.input_mode === "file") {
      // Codeforces' file problems read input.txt and write output.txt.
      problem.input_file = "input.txt";
      problem.output_file = "output.txt";
    }
    return problem;
  },
};

/** Examples are public; official tests are private, minus the ones that repeat an example. */
function collectTests(r: Row): TestCase[] {
  const examples = (r.examples ?? []).map((t) => ({ input: t.input, output: t.output, kind: "public" as const }));
  const shown = new Set(examples.map((t) => t.input));
  const official = (r.official_tests ?? [])
    .filter((t) => !shown.has(t.input))
    .map((t) => ({ input: t.input, output: t.output, kind: "private" as const }));
  return [...examples, ...official];
}

/** The statement as one text: title, legend, input and output sections, examples and note. */
function composeStatement(r: Row): string {
  const parts = [`# ${r.title ?? r.id}`, r.description.trim()];
  if (r.input_format?.trim()) parts.push(`## Input\n\n${r.input_format.trim()}`);
  if (r.output_format?.trim()) parts.push(`## Output\n\n${r.output_format.trim()}`);
  for (const [i, t] of (r.examples ?? []).entries()) {
    parts.push(`## Example ${i + 1}\n\nInput:\n\`\`\`\n${t.input.trimEnd()}\n\`\`\`\nOutput:\n\`\`\`\n${t.output.trimEnd()}\n\`\`\``);
  }
  if (r.interaction_format?.trim()) parts.push(`## Interaction\n\n${r.interaction_format.trim()}`);
  if (r.note?.trim()) parts.push(`## Note\n\n${r.note.trim()}`);
  return `${parts.join("\n\n")}\n`;
}
