/** Problems of the fixture datasets, in the canonical Problem shape the eval stores in problems.body. */
import type { Problem } from "../../../datasets/types.ts";

const base: Pick<Problem, "time_limit_ms" | "memory_limit_mb" | "checker" | "languages" | "tags"> = {
  time_limit_ms: 2000,
  memory_limit_mb: 256,
  checker: { type: "tokens" },
  languages: ["cpp", "python"],
  tags: [],
};

/** A long input, to check that test previews are cut and "show all" shows everything. */
export const LONG_INPUT = `${"9 ".repeat(1500)}\n`;

/** The built-in-like dataset: stdio and function problems, ids with slashes. */
export const MAIN_PROBLEMS: Problem[] = [
  {
    ...base,
    checker: { type: "tokens" },
    languages: ["cpp", "python"],
    tags: ["math"],
    id: "builtin/sum",
    statement: "Read two integers a and b and print a + b.",
    mode: "stdio",
    tests: [
      { input: "1 2\n", output: "3\n", kind: "public" },
      { input: "5 7\n", output: "12\n", kind: "private" },
    ],
    source: "builtin",
    difficulty: "easy",
    solutions: [{ language: "python", code: "a, b = map(int, input().split())\nprint(a + b)\n" }],
  },
  {
    ...base,
    checker: { type: "lines" },
    languages: ["cpp", "python"],
    tags: [],
    id: "builtin/echo-lines",
    statement: "Print the input lines in order. Statement with markup: <b>bold</b> & <i>ok</i>.",
    mode: "stdio",
    tests: [{ input: "alpha\nbeta\ngamma\n", output: "alpha\nbeta\ngamma\n", kind: "public" }],
    source: "builtin",
    difficulty: "medium",
  },
  {
    ...base,
    checker: { type: "exact" },
    languages: ["python"],
    tags: ["strings"],
    id: "HumanEval/0",
    statement: "def has_close_elements(numbers, threshold):\n    \"\"\"Check if any two numbers are closer than threshold.\"\"\"\n",
    mode: "function",
    tests: [],
    test_code: "assert has_close_elements([1.0, 2.0], 0.5) is False\n",
    solution_prefix: "def has_close_elements(numbers, threshold):\n",
    prelude: "from typing import *\nfrom math import inf\n",
    entry_point: "has_close_elements",
    source: "humaneval",
    difficulty: "easy",
  },
  {
    ...base,
    checker: { type: "float", abs: 1e-6 },
    languages: ["cpp"],
    tags: ["many-tests"],
    id: "builtin/many tests",
    statement: "Print the number of integers on the line.",
    mode: "stdio",
    tests: Array.from({ length: 14 }, (_, i) => ({ input: `${"1 ".repeat(i + 1)}\n`, output: `${i + 1}\n`, kind: "generated" as const })).concat([
      { input: LONG_INPUT, output: "1500\n", kind: "generated" as const },
    ]),
    source: "builtin",
    difficulty: "hard",
  },
];

/** A second dataset, so the leaderboard has two boards and compare sees a dataset mismatch. */
export const OTHER_PROBLEMS: Problem[] = [
  { ...base, id: "other/one", statement: "Print 1.", mode: "stdio", tests: [{ input: "", output: "1\n" }], source: "other", difficulty: "easy" },
  // An id with every character that means something in a URL.
  { ...base, id: "other/odd %2F id?#&=+", statement: "Print 2.", mode: "stdio", tests: [{ input: "", output: "2\n" }] },
];

/** A completion that would run script if any page rendered it as HTML. */
export const XSS_COMPLETION =
  "Here is my answer:\n```python\n# <script>alert(1)</script>\nprint('<img src=x onerror=alert(1)>')\n```\n<script>alert(1)</script> <img src=x onerror=alert(1)>";
