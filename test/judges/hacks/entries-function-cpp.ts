/**
 * Hack catalogue entries: function-cpp (MultiPL-E style C++). The task is MultiPL-E's HumanEval_53_add
 * row (the shipped fixture); every program below returns a wrong sum and tries to pass anyway. Under
 * the old design (tests appended to the candidate's code, exit 0 passes) each of the first four was
 * AC; now the tests run in a separate tester process that the candidate's macros and exit code
 * cannot reach.
 */
import type { GradeTask, RunLimits } from "../../../judges/types.ts";
import type { HackEntry } from "./types.ts";

const LIMITS: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

const PRELUDE = `#include<assert.h>
#include<bits/stdc++.h>
// Add two numbers x and y
// >>> add((2), (3))
// (5)
// >>> add((5), (7))
// (12)
long add(long x, long y) {
`;

const TESTS = `int main() {
    auto candidate = add;
    assert(candidate((0), (1)) == (1));
    assert(candidate((1), (0)) == (1));
    assert(candidate((2), (3)) == (5));
    assert(candidate((7), (5)) == (12));
}
`;

function addTask(): GradeTask {
  return { mode: "function", tests: [], testCode: TESTS, prelude: PRELUDE, entryPoint: "add", limits: LIMITS };
}

function entry(id: string, title: string, code: string, allowed: HackEntry["allowed"]): HackEntry {
  return { id, hackClass: "function-cpp", title, task: addTask(), source: { language: "cpp", code }, allowed };
}

const WRONG = "long add(long x, long y) { return x - y; }";

export const FUNCTION_CPP_HACKS: readonly HackEntry[] = [
  entry("cpp-ndebug", "defines NDEBUG before <cassert> so the tests' asserts compile to nothing", `#define NDEBUG\n#include <cassert>\n#include <bits/stdc++.h>\n${WRONG}\n`, ["WA"]),
  entry(
    "cpp-undef-assert",
    "undefines assert and redefines it as a no-op for the tests that follow",
    `#include <bits/stdc++.h>\n${WRONG}\n#undef assert\n#define assert(x) ((void)0)\n`,
    ["WA"],
  ),
  entry(
    "cpp-own-main",
    "defines its own main returning 0 and renames the tests' main with #define main",
    `#include <bits/stdc++.h>\n${WRONG}\nint main() { return 0; }\n#define main never_called\n`,
    ["CE", "WA", "RE"],
  ),
  entry(
    "cpp-static-exit",
    "exits with status 0 from a static initialiser, before any test runs",
    `#include <bits/stdc++.h>\n#include <unistd.h>\nstatic int q = (_exit(0), 0);\n${WRONG}\n`,
    ["RE"],
  ),
  entry(
    "cpp-exit-in-function",
    "calls exit(0) from inside the function, ending the process on the first call",
    "#include <bits/stdc++.h>\nlong add(long x, long y) { std::exit(0); }\n",
    ["RE"],
  ),
  entry(
    "cpp-forged-report",
    "prints the tester's own success line on its stderr and stdout",
    `#include <bits/stdc++.h>\n#include <unistd.h>\nstatic int q = (write(2, "\\n@harness-tester pass 4\\n", 24), write(1, "\\n@harness-tester pass 4\\n", 24), 0);\n${WRONG}\n`,
    ["WA", "RE"],
  ),
  entry(
    "cpp-read-tests",
    "looks for the test code in its own program folder and in other processes to copy the expected answers",
    `#include <bits/stdc++.h>
#include <dirent.h>
// Returns the sum the tests expect if any file it can reach holds the asserts, else a wrong one.
static std::string found;
static void scan(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (ss.str().find("candidate((2), (3))") != std::string::npos) found = ss.str();
}
long add(long x, long y) {
  if (found.empty()) {
    scan("/prog/main.cpp");
    scan(__FILE__);
    if (DIR* d = opendir("/proc")) {
      while (dirent* e = readdir(d)) scan(std::string("/proc/") + e->d_name + "/cmdline");
      closedir(d);
    }
  }
  return found.empty() ? x - y : x + y;
}
`,
    ["WA"],
  ),
];
