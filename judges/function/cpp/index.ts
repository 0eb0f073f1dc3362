/**
 * The C++ function-mode kit (MultiPL-E style): the candidate's function runs in its own process
 * behind a small server; the dataset's test main runs in a trusted tester that calls it through the
 * pipe. Neither shares the other's macros, memory or exit code. See judges/README.md.
 */
import type { GradeTask, SourceFile } from "../../types.ts";
import type { FunctionKit, FunctionRunPlan } from "../types.ts";
import { interpretCppPair } from "./interpret.ts";
import { parseCppSignature, UnsupportedCppTask } from "./signature.ts";
import { buildProgramSource, buildTesterSource, buildUnsupportedTester } from "./sources.ts";

/**
 * The function the tests bind to `candidate`. MultiPL-E renames C++ keywords and library names
 * (HumanEval_23_strlen's function is `string_length`), so this, not the row's name, is what the
 * prompt declares.
 */
function testedName(testCode: string): string | undefined {
  return /\bauto\s+candidate\s*=\s*([A-Za-z_]\w*)\s*;/.exec(testCode)?.[1];
}

function plan(task: GradeTask, source: SourceFile): FunctionRunPlan {
  const testCode = task.testCode ?? "";
  try {
    if (!task.prelude || !task.entryPoint) throw new UnsupportedCppTask("the task gives no prelude (signature) or entry point");
    if (!testCode.trim()) throw new UnsupportedCppTask("the task has no test code");
    const sig = parseCppSignature(task.prelude, testedName(testCode) ?? task.entryPoint);
    return {
      program: { language: "cpp", code: buildProgramSource(sig, source.code) },
      peer: { language: "cpp", code: buildTesterSource(sig, testCode) },
    };
  } catch (error) {
    if (!(error instanceof UnsupportedCppTask)) throw error;
    // The task, not the candidate, is at fault: the tester says so and the verdict is SE with this cause.
    return {
      program: { language: "cpp", code: `${source.code}\n\nint main() { return 0; }\n` },
      peer: { language: "cpp", code: buildUnsupportedTester(error.message) },
    };
  }
}

export const cppFunctionKit: FunctionKit = { plan, interpret: interpretCppPair };
