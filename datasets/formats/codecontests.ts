/**
 * DeepMind CodeContests rows as published on Hugging Face: tests and solutions are stored as
 * parallel lists (`{input: [...], output: [...]}`), enums as integers. Rows exported from the
 * original protos (lists of `{input, output}` objects, enum names, "2s" durations) load too.
 */
import { z } from "zod";
import type { Language, TestCase } from "../../judges/types.ts";
import { autoChecker } from "../checker-policy.ts";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem, RowLocation } from "../types.ts";
import { decodeDifficulty, decodeSolutionLanguage, decodeSource } from "./codecontests-enums.ts";
import { readPlainFileName } from "./file-names.ts";
import { looksInteractive } from "./interactive.ts";
import { failField, parseRow } from "./parse-row.ts";
import { bytesToMegabytes, resolveLimits } from "./source-limits.ts";

const enumValue = z.union([z.number().int().nonnegative(), z.string()]);
const schema = z.looseObject({
  name: z.string().min(1),
  description: z.string(),
  time_limit: z
    .union([z.looseObject({ seconds: z.number().nullish(), nanos: z.number().nullish() }), z.string()])
    .nullish(),
  memory_limit_bytes: z.number().nonnegative().nullish(),
  source: enumValue.nullish(),
  difficulty: enumValue.nullish(),
  cf_tags: z.array(z.string()).nullish(),
  cf_rating: z.number().nullish(),
  input_file: z.string().nullish(),
  output_file: z.string().nullish(),
});
const columns = <T extends z.ZodType>(item: T) => z.looseObject({ input: z.array(item), output: z.array(item) });
const testRows = z.array(z.looseObject({ input: z.string(), output: z.string() }));
const solutionColumns = z.looseObject({ language: z.array(enumValue), solution: z.array(z.string()) });
const solutionRows = z.array(z.looseObject({ language: enumValue, solution: z.string() }));

const TEST_GROUPS = [
  ["public_tests", "public"],
  ["private_tests", "private"],
  ["generated_tests", "generated"],
] as const;

/** CodeContests (deepmind/code_contests) problems: stdio, tests of three kinds, C++/Python 3 solutions. */
export const codecontestsFormat: DatasetFormat = {
  id: "codecontests",
  detect: (row) => "name" in row && "description" in row && ("public_tests" in row || "private_tests" in row),
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const tests = TEST_GROUPS.flatMap(([field, kind]) => readTests(row[field], field, kind, at));
    if (tests.length === 0) {
      failField(at, "public_tests", "no tests: public_tests, private_tests and generated_tests are all empty");
    }
    const problem: Problem = {
      id: r.name,
      statement: r.description,
      mode: "stdio",
      tests,
      ...resolveLimits(r.description, {
        timeMs: readTimeLimitMs(r.time_limit, at),
        memoryMb: r.memory_limit_bytes ? bytesToMegabytes(r.memory_limit_bytes) : undefined,
      }),
      checker: autoChecker("codecontests"),
      languages: [...defaults.DEFAULT_STDIO_LANGUAGES],
      tags: r.cf_tags ?? [],
      solutions: readSolutions(row.solutions, at),
    };
    const source = r.source == null ? undefined : decodeSource(r.source);
    if (source === null) failField(at, "source", `unknown source ${JSON.stringify(r.source)}`);
    if (source) problem.source = source;
    const difficulty = r.difficulty == null ? undefined : decodeDifficulty(r.difficulty);
    if (difficulty === null) failField(at, "difficulty", `unknown difficulty ${JSON.stringify(r.difficulty)}`);
    if (difficulty) problem.difficulty = difficulty;
    // 0 is what CodeContests writes for problems Codeforces never rated.
    if (r.cf_rating) problem.rating = r.cf_rating;
    // Most rows leave these empty; a name means the program reads/writes that file, not stdio.
    if (r.input_file?.trim()) problem.input_file = readPlainFileName(r.input_file, at, "input_file");
    if (r.output_file?.trim()) problem.output_file = readPlainFileName(r.output_file, at, "output_file");
    // CodeContests has no field for it: the statement's "Interaction" section (or the tag) says so.
    if (looksInteractive(r.description, problem.tags)) problem.interactive = true;
    return problem;
  },
};

function readTests(value: unknown, field: string, kind: TestCase["kind"], at: RowLocation): TestCase[] {
  if (value == null) return [];
  if (Array.isArray(value)) {
    return parseRow(testRows, value, at, [field]).map((t) => ({ input: t.input, output: t.output, kind }));
  }
  const cols = parseRow(columns(z.string()), value, at, [field]);
  checkSameLength(cols.input.length, cols.output.length, `${field}.input`, `${field}.output`, at);
  return cols.input.map((input, i) => ({ input, output: cols.output[i] ?? "", kind }));
}

function readSolutions(value: unknown, at: RowLocation): { language: Language; code: string }[] {
  if (value == null) return [];
  let pairs: { language: number | string; solution: string }[];
  if (Array.isArray(value)) {
    pairs = parseRow(solutionRows, value, at, ["solutions"]);
  } else {
    const cols = parseRow(solutionColumns, value, at, ["solutions"]);
    checkSameLength(cols.language.length, cols.solution.length, "solutions.language", "solutions.solution", at);
    pairs = cols.language.map((language, i) => ({ language, solution: cols.solution[i] ?? "" }));
  }
  const kept: { language: Language; code: string }[] = [];
  for (const [i, { language, solution }] of pairs.entries()) {
    const lang = decodeSolutionLanguage(language);
    if (lang === null) failField(at, `solutions.language[${i}]`, `unknown solution language ${JSON.stringify(language)}`);
    if (lang) kept.push({ language: lang, code: solution });
  }
  return kept;
}

function checkSameLength(a: number, b: number, fieldA: string, fieldB: string, at: RowLocation): void {
  if (a !== b) failField(at, fieldB, `has ${b} entries but ${fieldA} has ${a}`);
}

/** Milliseconds of a `{seconds, nanos}` or `"2.5s"` duration; undefined when absent or zero. */
function readTimeLimitMs(value: z.output<typeof schema>["time_limit"], at: RowLocation): number | undefined {
  if (value == null) return undefined;
  let ms: number;
  if (typeof value === "string") {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    if (!m) return failField(at, "time_limit", `cannot read duration ${JSON.stringify(value)} (expected e.g. "2s")`);
    ms = Number(m[1]) * 1000;
  } else {
    ms = (value.seconds ?? 0) * 1000 + (value.nanos ?? 0) / 1e6;
  }
  return ms > 0 ? Math.round(ms) : undefined;
}
