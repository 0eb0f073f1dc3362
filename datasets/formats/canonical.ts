/** The project's own problem schema (see Problem in ../types.ts), validated strictly. */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem, RowLocation } from "../types.ts";
import { readPlainFileName } from "./file-names.ts";
import { failField, parseRow } from "./parse-row.ts";
import { readContestDate } from "./utc-date.ts";
import { checkerSchema, languageSchema, toCheckerSpec } from "./schema-parts.ts";

const testSchema = z.strictObject({
  input: z.string(),
  output: z.string(),
  kind: z.enum(["public", "private", "generated"]).optional(),
});

// Optional fields accept null too: exporters often write absent values as null.
const schema = z.strictObject({
  id: z.string().min(1),
  statement: z.string(),
  mode: z.enum(["stdio", "function", "answer"]).nullish(),
  tests: z.array(testSchema).nullish(),
  test_code: z.string().nullish(),
  solution_prefix: z.string().nullish(),
  prelude: z.string().nullish(),
  stop_tokens: z.array(z.string()).nullish(),
  entry_point: z.string().nullish(),
  time_limit_ms: z.number().positive().nullish(),
  memory_limit_mb: z.number().positive().nullish(),
  checker: checkerSchema.nullish(),
  checker_rule: z.string().nullish(),
  needs_checker: z.boolean().nullish(),
  languages: z.array(languageSchema).min(1).nullish(),
  source: z.string().nullish(),
  difficulty: z.string().nullish(),
  rating: z.number().nullish(),
  tags: z.array(z.string()).nullish(),
  solutions: z.array(z.strictObject({ language: languageSchema, code: z.string() })).nullish(),
  answer: z.string().nullish(),
  input_file: z.string().min(1).nullish(),
  output_file: z.string().min(1).nullish(),
  contest_date: z.string().nullish(),
  interactive: z.boolean().nullish(),
  interactor: z
    .strictObject({
      source: z.string().min(1).optional(),
      /** Path of the interactor's source, relative to the dataset file; read at load time. */
      source_file: z.string().min(1).optional(),
      language: languageSchema.optional(),
    })
    .refine((c) => (c.source === undefined) !== (c.source_file === undefined), {
      message: "an interactor needs exactly one of 'source' and 'source_file'",
    })
    .nullish(),
});

/** Rows in the canonical schema, recognised by their `id` and `statement` fields. */
export const canonicalFormat: DatasetFormat = {
  id: "canonical",
  detect: (row) => "id" in row && "statement" in row,
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const mode = r.mode ?? "stdio";
    const tests = r.tests ?? [];
    if (mode === "stdio" && tests.length === 0) failField(at, "tests", "a stdio problem needs at least one test");
    if (mode === "function" && !r.test_code?.trim()) failField(at, "test_code", "a function problem needs test_code");
    if (mode === "answer" && !r.answer?.trim()) failField(at, "answer", "an answer problem needs the expected answer");
    const problem: Problem = {
      id: r.id,
      statement: r.statement,
      mode,
      tests,
      time_limit_ms: r.time_limit_ms ?? defaults.DEFAULT_TIME_LIMIT_MS,
      memory_limit_mb: r.memory_limit_mb ?? defaults.DEFAULT_MEMORY_LIMIT_MB,
      checker: r.checker ? toCheckerSpec(r.checker, (rel) => readSourceFile(rel, at, "checker.source_file")) : defaults.DEFAULT_CHECKER,
      languages: r.languages ?? defaultLanguages(mode),
      tags: r.tags ?? [],
    };
    if (r.test_code != null) problem.test_code = r.test_code;
    if (r.solution_prefix != null) problem.solution_prefix = r.solution_prefix;
    if (r.entry_point != null) problem.entry_point = r.entry_point;
    if (r.source != null) problem.source = r.source;
    if (r.difficulty != null) problem.difficulty = r.difficulty;
    if (r.rating != null) problem.rating = r.rating;
    if (r.prelude != null) problem.prelude = r.prelude;
    if (r.stop_tokens != null) problem.stop_tokens = r.stop_tokens;
    if (r.checker_rule != null) problem.checker_rule = r.checker_rule;
    if (r.needs_checker) problem.needs_checker = true;
    if (r.solutions != null) problem.solutions = r.solutions;
    if (r.answer != null) problem.answer = r.answer;
    if (r.input_file != null) problem.input_file = readPlainFileName(r.input_file, at, "input_file");
    if (r.output_file != null) problem.output_file = readPlainFileName(r.output_file, at, "output_file");
    if (r.contest_date != null) problem.contest_date = readContestDate(r.contest_date, at);
    if (r.interactive || r.interactor) problem.interactive = true;
    if (r.interactor) {
      if (mode !== "stdio") failField(at, "interactor", "only stdio problems can have an interactor");
      const source = r.interactor.source ?? readSourceFile(r.interactor.source_file ?? "", at, "interactor.source_file");
      problem.interactor = r.interactor.language ? { source, language: r.interactor.language } : { source };
    }
    return problem;
  },
};

function defaultLanguages(mode: Problem["mode"]): Problem["languages"] {
  if (mode === "answer") return []; // no program is written
  return [...(mode === "function" ? defaults.DEFAULT_FUNCTION_LANGUAGES : defaults.DEFAULT_STDIO_LANGUAGES)];
}

function readSourceFile(relPath: string, at: RowLocation, field: string): string {
  const path = resolve(dirname(at.file), relPath);
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return failField(at, field, `cannot read ${path}: ${reason}`);
  }
}
