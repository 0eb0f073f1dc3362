/**
 * DeepCoder / rllm rows (agentica-org/DeepCoder-Preview-Dataset): `problem` (the statement),
 * `tests` (JSON text or the value), optional `solutions`, `starter_code`, `metadata` and
 * `data_source`. The shape of `tests` depends on where the problem came from:
 * - taco / apps / code_contests: `{inputs: [...], outputs: [...], fn_name?}` (APPS semantics);
 * - codeforces: `[{input, output}]`, stdin tests;
 * - livecodebench: `[{input, output, testtype}]`, functional ones calling `metadata.func_name`;
 * - primeintellect: `[{type: "stdin_stdout" | "function_call", input, output, fn_name?}]`, also
 *   found as `verification_info.test_cases` in PrimeIntellect's own rows (`prompt` as statement);
 * - leetcode: `{functional: "<python test code>"}`, appended to the solution as is.
 * The shape is read from the value itself; `data_source` only names the problem's source.
 */
import { z } from "zod";
import type { SourceTester } from "../../judges/checkers/source-testers.ts";
import { autoChecker } from "../checker-policy.ts";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem, RowLocation } from "../types.ts";
import { readDeepcoderTests } from "./deepcoder-tests.ts";
import { readJsonField } from "./field-values.ts";
import { resolveLimits, SOURCE_TIME_LIMIT_MS } from "./source-limits.ts";
import { looksInteractive } from "./interactive.ts";
import { failField, parseRow } from "./parse-row.ts";
import { preludeFor, prefixForStarterCode } from "./source-preludes.ts";

const schema = z.looseObject({
  problem: z.string().nullish(),
  prompt: z.string().nullish(),
  tests: z.unknown().optional(),
  verification_info: z.unknown().optional(),
  solutions: z.unknown().optional(),
  starter_code: z.string().nullish(),
  data_source: z.string().nullish(),
  source: z.string().nullish(),
  problem_id: z.union([z.string().min(1), z.number()]).nullish(),
  id: z.union([z.string().min(1), z.number()]).nullish(),
  metadata: z.unknown().optional(),
});

/** DeepCoder-style rows: a statement and tests in one of rllm's per-source shapes. */
export const deepcoderFormat: DatasetFormat = {
  id: "deepcoder",
  detect: (row) => ("problem" in row && "tests" in row) || ("verification_info" in row && ("prompt" in row || "problem" in row)),
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const statement = r.problem ?? r.prompt;
    if (statement == null) failField(at, "problem", "missing (expected the statement in 'problem' or 'prompt')");
    const block = readDeepcoderTests(r.tests, r.verification_info, r.metadata, at);
    const source = r.data_source ?? r.source ?? "deepcoder";
    const problem: Problem = {
      id: r.problem_id != null ? String(r.problem_id) : r.id != null ? String(r.id) : `${source}/${at.line}`,
      statement,
      mode: block.mode,
      tests: block.mode === "stdio" ? block.tests : [],
      ...resolveLimits(statement, {}, SOURCE_TIME_LIMIT_MS.rllm),
      checker: autoChecker(Object.hasOwn(RLLM_TESTERS, source) ? RLLM_TESTERS[source] : undefined),
      languages: block.mode === "stdio" ? [...defaults.DEFAULT_STDIO_LANGUAGES] : ["python"],
      source,
      tags: [],
      prelude: preludeFor(block.tester),
    };
    // rllm rows have no field for it; their statements carry an "Interaction" section or the tag.
    if (block.mode === "stdio" && looksInteractive(statement)) problem.interactive = true;
    const solutions = readSolutions(r.solutions, at);
    if (solutions.length > 0) {
      problem.solutions = solutions.map((code) => ({ language: "python" as const, code }));
    }
    if (block.mode === "function") {
      problem.test_code = block.testCode;
      if (block.fnName) problem.entry_point = block.fnName;
      const prefix = prefixForStarterCode(r.starter_code);
      if (prefix) problem.solution_prefix = prefix;
    }
    return problem;
  },
};

/**
 * The comparison rllm's reward (`rllm/rewards/code_reward.py`) uses per `data_source`: taco.py's for
 * taco, apps, code_contests and primeintellect; codeforces.py's (APPS' rules) for codeforces;
 * LiveCodeBench's own for livecodebench. Rows without a known source are resolved from the statement.
 */
const RLLM_TESTERS: Record<string, SourceTester> = {
  taco: "rllm",
  apps: "rllm",
  code_contests: "rllm",
  primeintellect: "rllm",
  codeforces: "apps",
  livecodebench: "livecodebench",
};

/**
 * Python reference solutions: a list of code strings, possibly as JSON text, or (rllm's leetcode
 * files) one plain code string.
 */
function readSolutions(value: unknown, at: RowLocation): string[] {
  if (value == null || value === "") return [];
  if (typeof value === "string" && !value.trimStart().startsWith("[")) return [value];
  const list = readJsonField(value, at, "solutions");
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) {
    return failField(at, "solutions", "expected a list of solution strings");
  }
  return list.filter((s) => s.trim() !== "");
}
