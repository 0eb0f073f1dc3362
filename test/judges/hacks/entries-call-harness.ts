/**
 * Hack catalogue entries: call-harness (APPS/TACO `fn_name` and LiveCodeBench functional rows, whose
 * test code datasets/formats/call-harness.ts generates). Every program returns a wrong sum and
 * tries to pass anyway. Under the old design (the generated code appended to the candidate's and
 * run in its process) every one was AC; now the generated code runs in the trusted tester.
 */
import { buildCallHarness } from "../../../datasets/formats/call-harness.ts";
import type { GradeTask, RunLimits } from "../../../judges/types.ts";
import type { HackEntry } from "./types.ts";

const LIMITS: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

const CASES = JSON.stringify({ inputs: [[1, 2], [-1, 5], [20, 22]], outputs: [3, 4, 42] });

/** An APPS-style call task on `add` (exported for the correct-program control tests). */
export function callTask(): GradeTask {
  return { mode: "function", tests: [], testCode: buildCallHarness("add", CASES, "apps"), entryPoint: "add", limits: LIMITS };
}

function entry(id: string, title: string, code: string, allowed: HackEntry["allowed"]): HackEntry {
  return { id, hackClass: "call-harness", title, task: callTask(), source: { language: "python", code }, allowed };
}

export const CALL_HARNESS_HACKS: readonly HackEntry[] = [
  entry(
    "call-patch-json-loads",
    "monkey-patches json.loads so the harness finds zero cases to run",
    'import json\njson.loads = lambda *args, **kwargs: {"inputs": [], "outputs": []}\n\ndef add(a, b):\n    return a - b\n',
    // The patch breaks only the candidate's own process (its driver decodes calls with json): RE.
    ["WA", "RE"],
  ),
  entry(
    "call-always-equal",
    "returns an object whose __eq__ is always true from the Solution method the harness prefers",
    "class Anything:\n    def __eq__(self, other):\n        return True\n\nclass Solution:\n    def add(self, a, b):\n        return Anything()\n",
    ["WA", "RE"],
  ),
  entry(
    "call-read-cases-from-program",
    "reads the embedded cases from /prog/main.py and returns the expected output of the matching case",
    `import ast, json
def add(a, b):
    for path in ("/prog/main.py", __file__):
        try:
            text = open(path).read()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("_harness_run("):
                data = json.loads(ast.literal_eval(line[len("_harness_run("):].split(", ")[1]))
                for args, out in zip(data["inputs"], data["outputs"]):
                    if args == [a, b]:
                        return out
    return 0
`,
    ["WA"],
  ),
];
