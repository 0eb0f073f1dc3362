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

let scripts: { driver: string; tester: string; protocol: string } | null = null;

function readScripts(): { driver: string; tester: string; protocol: string } {
  const read = (name: string) => readFileSync(join(import.meta.dir, name), "utf8");
  scripts ??= { driver: read("driver.py"), tester: read("tester.py"), protocol: read("fm_protocol.py") };
  return scripts;
}

function plan(task: GradeTask, source: SourceFile): FunctionRunPlan {
  const { driver, tester, protocol } = readScripts();
  const extraFiles = { "fm_protocol.py": protocol };
  const spec = { test_code: task.testCode ?? "", prelude: task.prelude ?? "", entry_point: task.entryPoint ?? "" };
  return {
    // Both scripts restore what `site` gives (fm_protocol.complete_startup), so they may skip its start-up.
    program: { language: "python", code: driver, extraFiles, noSite: true },
    peer: { language: "python", code: tester, extraFiles, noSite: true },
    programFiles: { "solution.py": source.code },
    peerFiles: { "task.json": JSON.stringify(spec) },
    // The tester reads one bounded line at a time (fm_protocol.MAX_LINE) and never needs stdout captured.
    directPipe: true,
  };
}

export const pythonFunctionKit: FunctionKit = { plan, interpret: interpretPythonPair };
