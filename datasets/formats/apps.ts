/**
 * APPS rows (codeparrot/apps: `problem_id, question, solutions, input_output, starter_code,
 * difficulty, url`) and TACO rows in the same layout. `input_output` holds stdin/stdout pairs, or
 * with `fn_name` call-based tests, which become function mode with generated Python test code.
 */
import { z } from "zod";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem, RowLocation } from "../types.ts";
import { readAppsTestBlock } from "./apps-tests.ts";
import { readJsonField } from "./field-values.ts";
import { readStatedLimits, resolveLimits, SOURCE_TIME_LIMIT_MS, type StatedLimits } from "./source-limits.ts";
import { looksInteractive } from "./interactive.ts";
import { failField, parseRow } from "./parse-row.ts";
import { preludeFor, prefixForStarterCode } from "./source-preludes.ts";

const schema = z.looseObject({
  problem_id: z.union([z.number().int(), z.string().min(1)]).nullish(),
  question: z.string(),
  solutions: z.union([z.string(), z.array(z.string())]).nullish(),
  input_output: z.union([z.string(), z.record(z.string(), z.unknown())]),
  starter_code: z.string().nullish(),
  difficulty: z.string().nullish(),
  url: z.string().nullish(),
  // TACO's extra fields: its limits as text ("2.0 seconds", "256.0 megabytes"), origin and tags.
  time_limit: z.union([z.string(), z.number()]).nullish(),
  memory_limit: z.union([z.string(), z.number()]).nullish(),
  source: z.string().nullish(),
  tags: z.union([z.array(z.string()), z.string()]).nullish(),
});

/** APPS (and TACO): stdio problems, or Python call-based problems when the tests name `fn_name`. */
export const appsFormat: DatasetFormat = {
  id: "apps",
  detect: (row) => "question" in row && "input_output" in row,
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const block = readAppsTestBlock(r.input_output, at, "input_output");
    const problem: Problem = {
      // TACO rows carry no id; their position in the file is stable.
      id: r.problem_id != null ? `APPS/${r.problem_id}` : `APPS/row-${at.line}`,
      statement: r.question,
      mode: block.mode,
      tests: block.mode === "stdio" ? block.tests : [],
      ...resolveLimits(r.question, readTacoLimits(r.time_limit, r.memory_limit), SOURCE_TIME_LIMIT_MS.apps),
      checker: defaults.DEFAULT_CHECKER,
      languages: block.mode === "stdio" ? [...defaults.DEFAULT_STDIO_LANGUAGES] : ["python"],
      source: r.source?.trim() ? r.source.trim() : "apps",
      tags: readTags(r.tags),
      solutions: readSolutions(r.solutions, at).map((code) => ({ language: "python" as const, code })),
    };
    if (block.mode === "function") {
      problem.test_code = block.testCode;
      problem.entry_point = block.fnName;
      const prefix = prefixForStarterCode(r.starter_code);
      if (prefix) problem.solution_prefix = prefix;
    }
    if (r.difficulty) problem.difficulty = r.difficulty;
    // Codeforces problems in APPS/TACO keep their "-----Interaction-----" section; their tests are transcripts.
    if (block.mode === "stdio" && looksInteractive(r.question, problem.tags)) problem.interactive = true;
    // APPS/TACO testers import these before call-based and stdin programs alike.
    problem.prelude = preludeFor("taco");
    return problem;
  },
};

/** TACO's `time_limit`/`memory_limit` text, read with the statement rules ("None" and blanks give nothing). */
function readTacoLimits(time: string | number | null | undefined, memory: string | number | null | undefined): StatedLimits {
  const seconds = typeof time === "number" ? `${time} seconds` : (time ?? "");
  const megabytes = typeof memory === "number" ? `${memory} megabytes` : (memory ?? "");
  return readStatedLimits(`time limit: ${seconds}\nmemory limit: ${megabytes}`);
}

/** TACO's tags: a list, or a Python-style list as text ("['Sorting', 'Greedy']"). */
function readTags(value: string[] | string | null | undefined): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  return [...value.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? "").filter((t) => t !== "");
}

/** APPS stores its Python solutions as a JSON list inside a string (empty when there are none). */
function readSolutions(value: string | string[] | null | undefined, at: RowLocation): string[] {
  if (value == null || value === "") return [];
  const list = readJsonField(value, at, "solutions");
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) {
    return failField(at, "solutions", "expected a JSON list of solution strings");
  }
  return list;
}
