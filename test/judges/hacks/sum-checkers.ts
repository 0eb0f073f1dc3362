/** Well-written checker programs of the sum task (sum-task.ts), one per protocol. */
import type { CheckerSpec } from "../../../judges/types.ts";

/** testlib protocol (input, output, answer) without testlib.h: 0 ok, 1 WA, 2 PE, 3 FAIL. */
export const SUM_TESTLIB_CHECKER: CheckerSpec = {
  type: "testlib",
  language: "cpp",
  source: `#include <cstdio>
#include <fstream>
int main(int argc, char** argv) {
  if (argc != 4) { std::fputs("FAIL usage: checker input output answer\\n", stderr); return 3; }
  std::ifstream out(argv[2]), ans(argv[3]);
  long long want, got;
  if (!(ans >> want)) { std::fputs("FAIL answer file has no integer\\n", stderr); return 3; }
  if (!(out >> got)) { std::fputs("wrong output format expected an integer\\n", stderr); return 2; }
  if (got != want) { std::fprintf(stderr, "wrong answer expected %lld, found %lld\\n", want, got); return 1; }
  std::fprintf(stderr, "ok %lld\\n", got);
  return 0;
}
`,
};

/** cms protocol (input, correct, contestant): the score on stdout, the message on stderr. */
export const SUM_CMS_CHECKER: CheckerSpec = {
  type: "cms",
  language: "python",
  source: `import sys
want = open(sys.argv[2]).read().split()
got = open(sys.argv[3], errors="replace").read().split()
print(1 if got[:1] == want[:1] and len(got) == 1 else 0)
print("ok" if got == want else "wrong", file=sys.stderr)
`,
};
