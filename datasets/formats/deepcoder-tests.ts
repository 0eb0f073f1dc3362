/** The test shapes of DeepCoder/rllm rows (see deepcoder.ts), each turned into a TestBlock. */
import type { TestCase } from "../../judges/types.ts";
import type { RowLocation } from "../types.ts";
import { readAppsTestBlock, type TestBlock } from "./apps-tests.ts";
import { buildCallHarness } from "./call-harness.ts";
import { describeValue, isRecord, jsonTextOf, readJsonField, readTestText } from "./field-values.ts";
import { failField } from "./parse-row.ts";
import { isPythonIdentifier } from "./python-literal.ts";
import type { PreludeSource } from "./source-preludes.ts";

/**
 * Stdio tests, or function-mode tests with the tester whose prelude they run after (the shape
 * tells which: rllm's leetcode code, LiveCodeBench functional tests, TACO call-based lists). The
 * function name is unknown for leetcode code, which calls it itself.
 */
export type DeepcoderBlock =
  | (Extract<TestBlock, { mode: "stdio" }> & { tester: PreludeSource })
  | { mode: "function"; fnName: string | undefined; testCode: string; tester: PreludeSource };

/**
 * An APPS-style block, run after TACO's prelude: rllm judges taco, apps, code_contests, codeforces
 * and PrimeIntellect rows with its copy of TACO's tester, which adds it to stdin and call-based code.
 */
function readTacoBlock(value: unknown, at: RowLocation, field: string): DeepcoderBlock {
  return { ...readAppsTestBlock(value, at, field), tester: "taco" };
}

/** Reads `tests` (or PrimeIntellect's `verification_info.test_cases`) in whichever shape it has. */
export function readDeepcoderTests(tests: unknown, verification: unknown, metadata: unknown, at: RowLocation): DeepcoderBlock {
  if (tests == null || tests === "") {
    if (verification == null) return failField(at, "tests", "missing (expected the tests or verification_info)");
    const info = readJsonField(verification, at, "verification_info");
    if (!isRecord(info)) return failField(at, "verification_info", `expected an object, got ${describeValue(info)}`);
    return readTestList(info.test_cases, metadata, at, "verification_info.test_cases");
  }
  const value = readJsonField(tests, at, "tests");
  if (isRecord(value)) {
    if (typeof value.functional === "string") {
      if (value.functional.trim() === "") return failField(at, "tests.functional", "empty test code");
      return { mode: "function", fnName: undefined, testCode: value.functional, tester: "rllm-leetcode" };
    }
    return readTacoBlock(typeof tests === "string" ? tests : value, at, "tests");
  }
  return readTestList(value, metadata, at, "tests");
}

function readTestList(value: unknown, metadata: unknown, at: RowLocation, field: string): DeepcoderBlock {
  if (!Array.isArray(value)) return failField(at, field, `expected a list of tests or an {inputs, outputs} object, got ${describeValue(value)}`);
  if (value.length === 0) return failField(at, field, "no tests");
  const items = value.map((t, i) => {
    if (!isRecord(t)) return failField(at, `${field}[${i}]`, `expected a test object, got ${describeValue(t)}`);
    return t;
  });
  const first = items[0] ?? {};
  if ("type" in first) return readPrimeIntellect(items, at, field);
  if ("testtype" in first) return readLiveCodeBench(items, metadata, at, field);
  return { mode: "stdio", tests: readStdio(items, at, field), tester: "taco" };
}

function readStdio(items: Record<string, unknown>[], at: RowLocation, field: string): TestCase[] {
  return items.map((t, i) => ({
    input: readTestText(t.input, at, `${field}[${i}].input`),
    output: readTestText(t.output, at, `${field}[${i}].output`),
  }));
}

/** `stdin_stdout` tests are stdio; `function_call` tests are APPS-style argument lists. */
function readPrimeIntellect(items: Record<string, unknown>[], at: RowLocation, field: string): DeepcoderBlock {
  const kinds = new Set(items.map((t) => t.type));
  if (kinds.size !== 1) failField(at, `${field}[0].type`, "mixes test types; a problem is stdin_stdout or function_call");
  const kind = items[0]?.type;
  if (kind === "stdin_stdout") return { mode: "stdio", tests: readStdio(items, at, field), tester: "taco" };
  if (kind !== "function_call") return failField(at, `${field}[0].type`, `unknown test type ${JSON.stringify(kind)}`);
  const fnName = items[0]?.fn_name;
  const block = { fn_name: fnName, inputs: items.map((t) => t.input), outputs: items.map((t) => t.output) };
  return readTacoBlock(block, at, field);
}

/** LiveCodeBench tests: stdin, or functional with one JSON argument per input line. */
function readLiveCodeBench(items: Record<string, unknown>[], metadata: unknown, at: RowLocation, field: string): DeepcoderBlock {
  const kinds = new Set(items.map((t) => t.testtype));
  if (kinds.size !== 1) failField(at, `${field}[0].testtype`, "mixes stdin and functional tests");
  // rllm's copy of LiveCodeBench's tester imports rllm's BASE_IMPORTS, not LiveCodeBench's list.
  if (items[0]?.testtype === "stdin") return { mode: "stdio", tests: readStdio(items, at, field), tester: "rllm" };
  if (items[0]?.testtype !== "functional") return failField(at, `${field}[0].testtype`, `unknown test type ${JSON.stringify(items[0]?.testtype)}`);
  const fromTest = isRecord(items[0]?.metadata) ? items[0]?.metadata.func_name : undefined;
  const fnName = typeof fromTest === "string" ? fromTest : readMetadataFuncName(metadata, at);
  if (!fnName || !isPythonIdentifier(fnName)) return failField(at, "metadata", "functional tests need metadata.func_name");
  const cases = items.map((t, i) => ({
    input: typeof t.input === "string" ? t.input : failField(at, `${field}[${i}].input`, "expected a string"),
    output: typeof t.output === "string" ? t.output : failField(at, `${field}[${i}].output`, "expected a string"),
  }));
  return { mode: "function", fnName, testCode: buildCallHarness(fnName, jsonTextOf(cases), "lcb"), tester: "rllm" };
}

/** `metadata.func_name` (metadata as JSON text or object), or undefined. */
function readMetadataFuncName(metadata: unknown, at: RowLocation): string | undefined {
  if (metadata == null || metadata === "") return undefined;
  const meta = readJsonField(metadata, at, "metadata");
  return isRecord(meta) && typeof meta.func_name === "string" ? meta.func_name : undefined;
}
