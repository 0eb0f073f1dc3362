/**
 * An interactive task for tests: Codeforces 2032? "Ruler (easy version)" as published in rllm's
 * codeforces test file (row cut into test/datasets/fixtures/rllm-interactive.jsonl). A secret x in
 * [2, 999]; the ruler reads a length y as y when y < x and as y + 1 otherwise; the query "? a b"
 * is answered with the measured area, "! x" names x; at most 10 queries per case.
 *
 * rllm ships no interactor, so this one is written here, in plain C++ without testlib, following
 * testlib's interactor protocol: `interactor <input> <output> <answer>`, the program's lines on
 * stdin, replies on stdout, exit 0 OK, 1 WA, 2 PE, 3 FAIL, a summary in <output>.
 */
import type { GradeTask, RunLimits } from "../../../judges/types.ts";

export const RULER_INTERACTOR = `#include <cstdio>
#include <cstdlib>
#include <cstring>
static void quit(int code, const char* msg) { std::fprintf(stderr, "%s\\n", msg); std::exit(code); }
static long long measured(long long y, long long x) { return y < x ? y : y + 1; }
int main(int argc, char** argv) {
  if (argc < 3) quit(3, "usage: interactor <input> <output> [answer]");
  FILE* in = std::fopen(argv[1], "r");
  FILE* out = std::fopen(argv[2], "w");
  if (!in || !out) quit(3, "cannot open the input or output file");
  int t;
  if (std::fscanf(in, "%d", &t) != 1) quit(3, "bad test input");
  std::printf("%d\\n", t);
  std::fflush(stdout);
  for (int c = 1; c <= t; c++) {
    long long x;
    if (std::fscanf(in, "%lld", &x) != 1) quit(3, "bad test input");
    int queries = 0;
    for (;;) {
      char op[8];
      if (std::scanf("%7s", op) != 1) quit(1, "unexpected end of the program's output");
      if (std::strcmp(op, "?") == 0) {
        long long a, b;
        if (std::scanf("%lld %lld", &a, &b) != 2) quit(2, "a query needs two integers");
        if (a < 1 || a > 1000 || b < 1 || b > 1000) quit(1, "query out of range");
        if (++queries > 10) quit(1, "more than 10 queries");
        std::printf("%lld\\n", measured(a, x) * measured(b, x));
        std::fflush(stdout);
      } else if (std::strcmp(op, "!") == 0) {
        long long guess;
        if (std::scanf("%lld", &guess) != 1) quit(2, "an answer needs an integer");
        if (guess != x) { std::fprintf(stderr, "case %d: expected %lld, found %lld\\n", c, x, guess); std::exit(1); }
        break;
      } else {
        quit(2, "expected ? or !");
      }
    }
  }
  std::fprintf(out, "%d cases solved\\n", t);
  std::fclose(out);
  quit(0, "ok");
}
`;

/** A right answer: ternary search over [2, 999] with 7 queries per case. */
export const RULER_SOLUTION = `import sys
def ask(a, b):
    print("?", a, b, flush=True)
    return int(sys.stdin.readline())
t = int(sys.stdin.readline())
for _ in range(t):
    lo, hi = 2, 999  # x in [lo, hi]
    while lo < hi:
        a = lo + (hi - lo) // 3
        b = lo + 2 * (hi - lo) // 3
        if a == b:
            b = a + 1
        r = ask(a, b)
        if r == a * b:
            lo = b + 1
        elif r == a * (b + 1):
            lo, hi = a + 1, b
        else:
            hi = a
    print("!", lo, flush=True)
`;

/** Wrong by one: names the last length the ruler measured right instead of the missing one. */
export const RULER_OFF_BY_ONE = RULER_SOLUTION.replace('print("!", lo, flush=True)', 'print("!", lo - 1, flush=True)');

/** Generous wall time: pairs run beside other work on a busy machine. */
export const RULER_LIMITS: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

/** The secret x of each case, as the interactor's input; the answer file repeats them. */
export const RULER_TESTS = [
  { input: "3\n4\n100\n999\n", output: "4\n100\n999\n" },
  { input: "2\n2\n500\n", output: "2\n500\n" },
] as const;

/** A fresh copy of the ruler task, judged with the interactor above. */
export function makeRulerTask(limits: RunLimits = RULER_LIMITS): GradeTask {
  return {
    mode: "stdio",
    tests: RULER_TESTS.map((t) => ({ ...t, kind: "private" as const })),
    interactor: { source: { language: "cpp", code: RULER_INTERACTOR }, checked: false },
    limits,
  };
}
