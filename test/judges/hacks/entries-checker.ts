/**
 * Hack catalogue entries: checker. Output that makes a naively written checker program crash or
 * print something that is not a decision (garbage words, empty output, huge numbers, NaN, binary
 * bytes, overlong tokens), and numbers that a built-in checker must not take for the answer. A
 * checker that crashes on the contestant's output while it judges the reference answer fine is
 * the output's fault: WA, never SE (which the reward schemas score null, "skip me").
 */
import type { CheckerSpec } from "../../../judges/types.ts";
import type { HackEntry } from "./types.ts";
import { makeSumTask } from "./sum-task.ts";

const python = (code: string) => ({ language: "python" as const, code });

/** A cms checker as people write them: int() of the first token, no error handling. */
const NAIVE_CMS_CHECKER: CheckerSpec = {
  type: "cms",
  language: "python",
  source: `import sys
want = int(open(sys.argv[2]).read().split()[0])
got = int(open(sys.argv[3]).read().split()[0])
print(1 if got == want else 0)
`,
};

/** A partial-credit cms checker (closer answers score more) that prints whatever ratio it gets. */
const RATIO_CMS_CHECKER: CheckerSpec = {
  type: "cms",
  language: "python",
  source: `import sys
want = float(open(sys.argv[2]).read().split()[0])
got = float(open(sys.argv[3]).read().split()[0])
print(min(got, want) / max(got, want))
`,
};

/** A C++ cms checker that reads the contestant's token into a small stack buffer. */
const OVERFLOW_CMS_CHECKER: CheckerSpec = {
  type: "cms",
  language: "cpp",
  source: `#include <cstdio>
#include <cstring>
int main(int argc, char** argv) {
  char want[32], got[16];
  std::FILE* correct = std::fopen(argv[2], "r");
  std::FILE* contestant = std::fopen(argv[3], "r");
  if (std::fscanf(correct, "%31s", want) != 1) return 1;
  if (std::fscanf(contestant, "%s", got) != 1) { std::puts("0"); return 0; }
  std::puts(std::strcmp(want, got) == 0 ? "1" : "0");
  return 0;
}
`,
};

/** A testlib-protocol checker (no testlib.h) that allocates as many numbers as the output announces. */
const COUNTING_TESTLIB_CHECKER: CheckerSpec = {
  type: "testlib",
  language: "cpp",
  source: `#include <cstdio>
#include <fstream>
#include <vector>
int main(int argc, char** argv) {
  std::ifstream out(argv[2]), ans(argv[3]);
  long long want, count;
  ans >> want;
  out >> count;
  std::vector<long long> values(count > 0 ? count : 1);
  values[0] = count;
  if (values[0] == want) { std::fputs("ok\\n", stderr); return 0; }
  std::fputs("wrong answer\\n", stderr);
  return 1;
}
`,
};

/** A testlib-protocol checker that converts the output with std::stoll and lets exceptions escape. */
const STOLL_TESTLIB_CHECKER: CheckerSpec = {
  type: "testlib",
  language: "cpp",
  source: `#include <cstdio>
#include <fstream>
#include <string>
int main(int argc, char** argv) {
  std::ifstream out(argv[2]), ans(argv[3]);
  std::string want, got;
  ans >> want;
  out >> got;
  if (std::stoll(got) == std::stoll(want)) { std::fputs("ok\\n", stderr); return 0; }
  std::fputs("wrong answer\\n", stderr);
  return 1;
}
`,
};

const HUGE_NUMBER = `print("9" * 20000)\n`;

export const CHECKER_HACKS: readonly HackEntry[] = [
  {
    id: "checker-cms-garbage-word",
    hackClass: "checker",
    title: "prints a word where a naive cms checker calls int(), crashing it",
    task: makeSumTask(),
    checker: NAIVE_CMS_CHECKER,
    source: python('print("three")\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-empty-output",
    hackClass: "checker",
    title: "prints nothing, so a naive cms checker indexes an empty token list",
    task: makeSumTask(),
    checker: NAIVE_CMS_CHECKER,
    source: python("pass\n"),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-huge-number",
    hackClass: "checker",
    title: "prints a 20000-digit number, past Python's int() digit limit in the checker",
    task: makeSumTask(),
    checker: NAIVE_CMS_CHECKER,
    source: python(HUGE_NUMBER),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-binary-garbage",
    hackClass: "checker",
    title: "prints binary bytes (invalid UTF-8, NUL) that a text-mode cms checker cannot decode",
    task: makeSumTask(),
    checker: NAIVE_CMS_CHECKER,
    source: python('import sys\nsys.stdout.buffer.write(bytes(range(256)) * 4)\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-nan-score",
    hackClass: "checker",
    title: "prints nan so a partial-credit cms checker prints nan instead of a score",
    task: makeSumTask(),
    checker: RATIO_CMS_CHECKER,
    source: python('print("nan")\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-infinite-score",
    hackClass: "checker",
    title: "prints -1e400 so a partial-credit cms checker prints -inf instead of a score",
    task: makeSumTask(),
    checker: RATIO_CMS_CHECKER,
    source: python('print("-1e400")\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-cms-cpp-stack-overflow",
    hackClass: "checker",
    title: "prints a 100000-character token that overflows a C++ cms checker's stack buffer",
    task: makeSumTask(),
    checker: OVERFLOW_CMS_CHECKER,
    source: python('print("7" * 100000)\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-testlib-huge-count",
    hackClass: "checker",
    title: "announces 10^18 values so a testlib checker's allocation aborts",
    task: makeSumTask(),
    checker: COUNTING_TESTLIB_CHECKER,
    source: python("print(10**18)\n"),
    allowed: ["WA", "PE"],
  },
  {
    id: "checker-testlib-uncaught-exception",
    hackClass: "checker",
    title: "prints a 30-digit number so std::stoll throws out of a testlib checker",
    task: makeSumTask(),
    checker: STOLL_TESTLIB_CHECKER,
    source: python(`print("1" * 30)\n`),
    allowed: ["WA", "PE"],
  },
  {
    id: "checker-float-nan",
    hackClass: "checker",
    title: "prints nan to the float checker, which no comparison with nan may accept",
    task: makeSumTask(),
    checker: { type: "float" },
    source: python('print("nan")\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-float-infinity",
    hackClass: "checker",
    title: "prints 1e99999 (infinity) to the float checker with a huge relative tolerance",
    task: makeSumTask(),
    checker: { type: "float", abs: 1e300, rel: 1e300 },
    source: python('print("1e99999")\n'),
    allowed: ["WA"],
  },
  {
    id: "checker-tokens-huge-number",
    hackClass: "checker",
    title: "prints a 20000-digit number to the tokens checker",
    task: makeSumTask(),
    source: python(HUGE_NUMBER),
    allowed: ["WA"],
  },
];
