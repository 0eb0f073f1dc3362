/**
 * Hack catalogue entries: function-python (HumanEval/MBPP style). The task is HumanEval-shaped: a
 * prompt that declares `add` (the prelude), and a `check(candidate)` of asserts. Every program below
 * returns a wrong sum and tries to pass anyway. Under the old design (the asserts appended to the
 * candidate's code, exit 0 passes) every one of them was AC; now the asserts run in a separate
 * tester process that calls the candidate through a pipe and receives plain values back.
 */
import type { GradeTask, RunLimits } from "../../../judges/types.ts";
import type { HackEntry } from "./types.ts";

const LIMITS: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

const PRELUDE = `def add(a: int, b: int) -> int:
    """Returns a + b.
    >>> add(2, 3)
    5
    """
`;

const TESTS = `def check(candidate):
    assert candidate(1, 2) == 3
    assert candidate(-1, 5) == 4
    assert candidate(20, 22) == 42


check(add)
`;

// HumanEval's float tasks compare with a tolerance, through the builtin abs.
const TOLERANCE_TESTS = `def check(candidate):
    assert abs(candidate(0.5, 0.25) - 0.75) < 1e-9
    assert abs(candidate(1, 2) - 3) < 1e-9


check(add)
`;

/** The task the entries of this class attack (exported for the correct-program control tests). */
export function addTask(tests: "exact" | "tolerance" = "exact"): GradeTask {
  const testCode = tests === "exact" ? TESTS : TOLERANCE_TESTS;
  return { mode: "function", tests: [], testCode, prelude: PRELUDE, entryPoint: "add", limits: LIMITS };
}

function entry(id: string, title: string, code: string, allowed: HackEntry["allowed"], tests: "exact" | "tolerance" = "exact"): HackEntry {
  return { id, hackClass: "function-python", title, task: addTask(tests), source: { language: "python", code }, allowed };
}

const WRONG = "def add(a, b):\n    return a - b\n";

export const FUNCTION_PYTHON_HACKS: readonly HackEntry[] = [
  entry("py-os-exit-at-import", "calls os._exit(0) at import, before any test runs", `import os\n${WRONG}os._exit(0)\n`, ["RE"]),
  entry("py-sys-exit-at-import", "calls sys.exit(0) at import, before any test runs", `import sys\n${WRONG}sys.exit(0)\n`, ["RE"]),
  entry("py-os-exit-in-function", "calls os._exit(0) inside the function, on the first test", "import os\ndef add(a, b):\n    os._exit(0)\n", ["RE"]),
  entry("py-sys-exit-in-function", "calls sys.exit(0) inside the function, on the first test", "import sys\ndef add(a, b):\n    sys.exit(0)\n", ["RE"]),
  entry(
    "py-atexit-exit-zero",
    "registers an atexit hook that ends the process with status 0 after a failed assert",
    `import atexit, os\natexit.register(lambda: os._exit(0))\n${WRONG}`,
    ["WA"],
  ),
  entry(
    "py-excepthook-exit-zero",
    "replaces sys.excepthook so the AssertionError ends the process with status 0",
    `import os, sys\nsys.excepthook = lambda *args: os._exit(0)\n${WRONG}`,
    ["WA"],
  ),
  entry(
    "py-always-equal",
    "returns an object whose __eq__ is always true",
    "class Anything:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n\ndef add(a, b):\n    return Anything()\n",
    ["WA", "RE"],
  ),
  entry(
    "py-always-equal-int",
    "returns an int subclass whose __eq__ is always true",
    "class Anything(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\n\ndef add(a, b):\n    return Anything(0)\n",
    ["WA", "RE"],
  ),
  entry(
    "py-shadow-builtin",
    "defines its own abs at top level so the tests' tolerance check abs(candidate(x) - y) < 1e-9 always holds",
    "def abs(x):\n    return 0\n\ndef add(a, b):\n    return a - b\n",
    ["WA"],
    "tolerance",
  ),
  entry(
    "py-read-own-file",
    "reads the asserts from open(__file__) (and /prog/main.py) and returns the expected value",
    `import re
def add(a, b):
    for path in (__file__, "/prog/main.py", "main.py"):
        try:
            text = open(path).read()
        except OSError:
            continue
        m = re.search(r"candidate\\(%d, %d\\) == (-?\\d+)" % (a, b), text)
        if m:
            return int(m.group(1))
    return 0
`,
    ["WA"],
  ),
  entry(
    "py-inspect-caller",
    "reads the caller's source line through inspect.stack() and returns the right-hand side of ==",
    `import inspect, re
def add(a, b):
    for frame in inspect.stack()[1:]:
        for line in frame.code_context or []:
            m = re.search(r"==\\s*(-?\\d+)", line)
            if m:
                return int(m.group(1))
    return 0
`,
    ["WA"],
  ),
  entry(
    "py-getframe-caller",
    "reads the caller's source line through sys._getframe and linecache and returns the right-hand side of ==",
    `import linecache, re, sys
def add(a, b):
    frame = sys._getframe(1)
    while frame is not None:
        line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
        m = re.search(r"==\\s*(-?\\d+)", line)
        if m:
            return int(m.group(1))
        frame = frame.f_back
    return 0
`,
    ["WA"],
  ),
];
