/**
 * LiveCodeBench code_generation_lite rows (`question_title, question_content, platform,
 * question_id, contest_id, contest_date, starter_code, difficulty, public_test_cases,
 * private_test_cases, metadata`). stdin tests make a stdio problem; functional tests (LeetCode)
 * make a Python function problem whose generated tests call `Solution().<func_name>(*args)`, with
 * each line of a test's input one JSON argument, as LiveCodeBench's own runner does.
 * `contest_date` is kept so evaluations can be restricted to problems published after a model's
 * training cut-off (see date-window.ts).
 */
import { z } from "zod";
import type { TestCase } from "../../judges/types.ts";
import { autoChecker } from "../checker-policy.ts";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, Problem, RowLocation } from "../types.ts";
import { buildCallHarness } from "./call-harness.ts";
import { isRecord, readJsonField } from "./field-values.ts";
import { resolveLimits, SOURCE_TIME_LIMIT_MS } from "./source-limits.ts";
import { type LcbTest, readLcbTests } from "./livecodebench-tests.ts";
import { failField, parseRow } from "./parse-row.ts";
import { isPythonIdentifier } from "./python-literal.ts";
import { preludeFor, prefixForStarterCode } from "./source-preludes.ts";
import { readContestDate } from "./utc-date.ts";

const schema = z.looseObject({
  question_title: z.string(),
  question_content: z.string(),
  platform: z.string(),
  question_id: z.union([z.string().min(1), z.number()]),
  contest_id: z.union([z.string(), z.number()]).nullish(),
  contest_date: z.string(),
  starter_code: z.string().nullish(),
  difficulty: z.string().nullish(),
  public_test_cases: z.unknown(),
  private_test_cases: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

/** LiveCodeBench code generation problems (stdin or functional). */
export const livecodebenchFormat: DatasetFormat = {
  id: "livecodebench",
  detect: (row) => "question_content" in row && "public_test_cases" in row,
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const publicTests = readLcbTests(r.public_test_cases, at, "public_test_cases");
    const privateTests = r.private_test_cases == null ? [] : readLcbTests(r.private_test_cases, at, "private_test_cases");
    const all = [...publicTests, ...privateTests];
    if (all.length === 0) failField(at, "public_test_cases", "no tests: public and private test lists are both empty");
    const functional = all.filter((t) => t.testtype === "functional").length;
    if (functional !== 0 && functional !== all.length) {
      failField(at, "private_test_cases", "mixes stdin and functional tests; a problem is one or the other");
    }
    const statement = `# ${r.question_title}\n\n${r.question_content.trim()}\n`;
    const problem: Problem = {
      id: String(r.question_id),
      statement,
      mode: "stdio",
      tests: [],
      ...resolveLimits(statement, {}, SOURCE_TIME_LIMIT_MS.livecodebench),
      checker: autoChecker("livecodebench"),
      languages: [...defaults.DEFAULT_STDIO_LANGUAGES],
      source: r.platform,
      tags: [],
      // LiveCodeBench's tester imports these before functional and stdin programs alike.
      prelude: preludeFor("livecodebench"),
      contest_date: readContestDate(r.contest_date, at),
    };
    if (r.difficulty) problem.difficulty = r.difficulty;
    if (functional === 0) {
      problem.tests = [...toStdio(publicTests, "public"), ...toStdio(privateTests, "private")];
      return problem;
    }
    const fnName = readFuncName(r.metadata, at);
    problem.mode = "function";
    problem.languages = ["python"];
    problem.entry_point = fnName;
    problem.test_code = buildCallHarness(fnName, JSON.stringify(all.map(({ input, output }) => ({ input, output }))), "lcb");
    const prefix = prefixForStarterCode(r.starter_code);
    if (prefix) problem.solution_prefix = prefix;
    return problem;
  },
};

function toStdio(tests: LcbTest[], kind: TestCase["kind"]): TestCase[] {
  return tests.map((t) => ({ input: t.input, output: t.output, kind }));
}

/** The function the functional tests call, from `metadata` (JSON text) `{"func_name": ...}`. */
function readFuncName(metadata: unknown, at: RowLocation): string {
  const meta = metadata == null ? null : readJsonField(metadata, at, "metadata");
  const name = isRecord(meta) ? meta.func_name : undefined;
  if (typeof name !== "string" || !isPythonIdentifier(name)) {
    return failField(at, "metadata", "functional tests need metadata.func_name, the method the tests call");
  }
  return name;
}
