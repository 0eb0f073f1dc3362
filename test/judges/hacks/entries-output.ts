/**
 * Hack catalogue entries: output. Classic ways of making a judge believe output it never got:
 * verdict words, checker protocol lines, output written where the judge does not read, output
 * written after the program has ended, and exit codes that mean something to a checker.
 */
import { expect } from "bun:test";
import type { HackEntry } from "./types.ts";
import { SUM_CMS_CHECKER, SUM_TESTLIB_CHECKER } from "./sum-checkers.ts";
import { makeSumTask } from "./sum-task.ts";

const python = (code: string) => ({ language: "python" as const, code });
const cpp = (code: string) => ({ language: "cpp" as const, code });

export const OUTPUT_HACKS: readonly HackEntry[] = [
  {
    id: "output-prints-accepted",
    hackClass: "output",
    title: "prints the word Accepted instead of an answer",
    task: makeSumTask(),
    source: python('print("Accepted")\n'),
    allowed: ["WA"],
  },
  {
    id: "output-prints-ac-ok",
    hackClass: "output",
    title: "prints AC and OK on stdout and stderr",
    task: makeSumTask(),
    source: python('import sys\nprint("AC")\nprint("OK")\nprint("AC OK", file=sys.stderr)\n'),
    allowed: ["WA"],
  },
  {
    id: "output-testlib-ok-line",
    hackClass: "output",
    title: "prints testlib's ok line and points 100 on both streams to a testlib-checked task",
    task: makeSumTask(),
    checker: SUM_TESTLIB_CHECKER,
    source: python('import sys\nline = "ok 1 number(s): \\"3\\"\\npoints 100"\nprint(line)\nprint(line, file=sys.stderr)\n'),
    allowed: ["WA", "PE"],
  },
  {
    id: "output-cms-score-line",
    hackClass: "output",
    title: "prints a cms checker's score line 1 to a cms-checked task",
    task: makeSumTask(),
    checker: SUM_CMS_CHECKER,
    source: python('import sys\nprint("1")\nprint("Output is correct", file=sys.stderr)\n'),
    allowed: ["WA"],
  },
  {
    id: "output-closes-stdout-reopens-file",
    hackClass: "output",
    title: "closes stdout and writes the right answer to a file that lands on fd 1",
    task: makeSumTask(),
    source: cpp(`#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  close(1);
  int fd = open("stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);  // the lowest free fd: 1
  dprintf(fd, "%lld\\n", a + b);
  return 0;
}
`),
    allowed: ["WA"],
  },
  {
    id: "output-closes-stdout-dups-stderr",
    hackClass: "output",
    title: "closes stdout, puts stderr on fd 1 and prints the right answer there",
    task: makeSumTask(),
    source: cpp(`#include <cstdio>
#include <unistd.h>
int main() {
  long long a, b;
  if (std::scanf("%lld %lld", &a, &b) != 2) return 0;
  close(1);
  dup2(2, 1);
  std::printf("%lld\\n", a + b);
  return 0;
}
`),
    allowed: ["WA"],
  },
  {
    id: "output-child-prints-after-parent-exits",
    hackClass: "output",
    title: "exits at once and leaves a child that burns CPU past the limit, then prints the right answer",
    task: makeSumTask(),
    source: python(`import os, sys, time
a, b = map(int, sys.stdin.read().split())
if os.fork() == 0:
    end = time.process_time() + 2.5  # 2.5 s of CPU against a 1 s limit
    while time.process_time() < end:
        pass
    print(a + b, flush=True)
    os._exit(0)
os._exit(0)
`),
    allowed: ["WA", "TLE"],
    verify: (judgement) => expect(judgement.passed).toBe(0),
    timeoutMs: 120_000,
  },
  {
    id: "output-test-one-everywhere",
    hackClass: "output",
    title: "prints the expected output of test 1 (the visible sample) for every test",
    task: makeSumTask(),
    source: python('print(3)\n'),
    allowed: ["WA"],
    allTests: true,
    verify: (judgement) => {
      expect(judgement.passed).toBe(1);
      expect(judgement.score).toBeCloseTo(1 / 3);
    },
  },
  {
    id: "output-stderr-only",
    hackClass: "output",
    title: "prints the right answer on stderr only",
    task: makeSumTask(),
    source: python('import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b, file=sys.stderr)\n'),
    allowed: ["WA"],
  },
  {
    id: "output-exit-code-testlib-fail",
    hackClass: "output",
    title: "prints a wrong answer and exits 3 with FAIL on stderr, testlib's checker-failure code",
    task: makeSumTask(),
    checker: SUM_TESTLIB_CHECKER,
    source: python('import sys\nprint(0)\nprint("FAIL jury answer is broken", file=sys.stderr)\nsys.exit(3)\n'),
    allowed: ["RE"],
  },
  {
    id: "output-exit-code-testlib-points",
    hackClass: "output",
    title: "prints a wrong answer and exits 7 with points 100 on stderr, testlib's points code",
    task: makeSumTask(),
    checker: SUM_TESTLIB_CHECKER,
    source: python('import sys\nprint(0)\nprint("points 100", file=sys.stderr)\nsys.exit(7)\n'),
    allowed: ["RE"],
  },
  {
    id: "output-exit-code-zero-after-garbage",
    hackClass: "output",
    title: "prints ok and exits 0 with no answer, as an accepting checker would",
    task: makeSumTask(),
    checker: SUM_TESTLIB_CHECKER,
    source: cpp('#include <cstdio>\nint main() { std::fputs("ok\\n", stderr); std::puts("ok"); return 0; }\n'),
    allowed: ["PE", "WA"],
  },
];
