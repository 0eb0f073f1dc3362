/**
 * The Python function-mode kit. The candidate runs under driver.py (program side); the trusted
 * tester.py (peer side) runs the task's prelude and test code, calling the candidate through the
 * pipe; both use fm_protocol.py, the restricted wire format. The driver and the tester are the same
 * for every task (prepared once, then cached); the candidate and the task travel as run-time files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GradeTask, SourceFile } from "../../types.ts";
import type { FunctionKit, FunctionRunPlan } from "../types.ts";
import { interpretPythonPair } from "./interpret.ts";

let programs: { driver: SourceFile; tester: SourceFile } | null = null;

/**
 * The driver and the tester, the same for every task: built once and frozen, so the sandbox may
 * remember their cache keys instead of hashing their code for every sample (judges/local/prepare.ts).
 */
function kitPrograms(): { driver: SourceFile; tester: SourceFile } {
  const read = (name: string) => readFileSync(join(import.meta.dir, name), "utf8");
  if (!programs) {
    const extraFiles = Object.freeze({ "fm_protocol.py": read("fm_protocol.py") });
    // Both scripts restore what `site` gives (fm_protocol.complete_startup), so they may skip its start-up.
    const program = (code: string): SourceFile => Object.freeze({ language: "python", code, extraFiles, noSite: true });
    programs = { driver: program(read("driver.py")), tester: program(read("tester.py")) };
  }
  return programs;
}

function plan(task: GradeTask, source: SourceFile): FunctionRunPlan {
  const { driver, tester } = kitPrograms();
  const spec = { test_code: task.testCode ?? "", prelude: task.prelude ?? "", entry_point: task.entryPoint ?? "" };
  return {
    program: driver,
    peer: tester,
    programFiles: { "solution.py": source.code },
    peerFiles: { "task.json": JSON.stringify(spec) },
    // The tester reads one bounded line at a time (fm_protocol.MAX_LINE) and never needs stdout captured.
    directPipe: true,
  };
}

export const pythonFunctionKit: FunctionKit = { plan, interpret: interpretPythonPair };
