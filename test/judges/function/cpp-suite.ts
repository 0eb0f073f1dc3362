/**
 * The C++ function-mode suite every backend with a C++ kit runs (local, wasm): real MultiPL-E rows
 * (the shipped fixture and published HumanEval-cpp rows), correct and wrong completions, and the ways
 * a candidate can fail. A backend states only where its target differs (what a throw and a crash
 * in the test code look like there).
 */
import { describe, expect, test } from "bun:test";
import { checkTokens } from "../../../judges/checkers/tokens.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import type { Sandbox } from "../../../judges/types.ts";
import { CORRECT } from "./cpp-completions.ts";
import { COMPILE_LIMITS, completeCppRow as complete, cppRow as row, cppTask, judgeCpp, LIMITS, type PairResult } from "./cpp-support.ts";

export interface CppFunctionBackend {
  /** Suite titles name it. */
  label: string;
  sandbox: () => Sandbox;
  /** A function body that crashes on this target (a null read natively; wasm traps on division by zero). */
  crashBody: string;
  /** What a candidate that throws gets: RE natively; CE where the target has no exceptions. */
  checkThrowing: (result: PairResult) => void;
  /** Words of the WA message when the trusted test code crashes on the candidate's answer. */
  testCodeCrashWords: string;
  /** The backend measures peak memory (checked on an AC). */
  measuresMemory: boolean;
}

const add = (body: string, extra = "") => `#include <bits/stdc++.h>\n#include <unistd.h>\n${extra}\nlong add(long x, long y) {\n${body}\n}\n`;

export function runCppFunctionSuite(b: CppFunctionBackend): void {
  const judge = (id: string, code: string, task = row(id)) => judgeCpp(b.sandbox(), task, code);

  describe(`C++ function mode on real MultiPL-E rows (${b.label})`, () => {
    for (const [id, body] of Object.entries(CORRECT)) {
      test(`a correct completion of ${id} is AC`, async () => {
        const result = await judge(id, complete(id, body));
        expect(`${result.verdict} ${result.message ?? ""}`.trim()).toBe("AC");
      });
    }

    test("graded by gradeSubmission as an eval grades it, a correct completion is AC and a wrong one WA", async () => {
      const grade = (body: string) =>
        gradeSubmission({ sandbox: b.sandbox(), task: row("HumanEval_53_add"), source: { language: "cpp", code: complete("HumanEval_53_add", body) }, checker: checkTokens, compileLimits: COMPILE_LIMITS });
      const [right, wrong] = [await grade("    return x + y;"), await grade("    return x - y;")];
      expect([right.verdict, right.passed, right.total]).toEqual(["AC", 1, 1]);
      if (b.measuresMemory) expect(right.memoryKb).toBeGreaterThan(0);
      expect([wrong.verdict, wrong.passed]).toEqual(["WA", 0]);
    });

    test("a wrong completion of HumanEval_53_add is WA, naming the failed assert", async () => {
      const result = await judge("HumanEval_53_add", complete("HumanEval_53_add", "    return x * y;"));
      expect(result.verdict).toBe("WA");
      expect(result.message).toContain("candidate((0), (1)) == (1)");
    });

    test("a wrong completion of HumanEval_111_histogram (a map) is WA", async () => {
      expect((await judge("HumanEval_111_histogram", complete("HumanEval_111_histogram", "    return {{test, 1}};"))).verdict).toBe("WA");
    });

    test("a std::any completion that checks for long instead of int is WA, as when the tests ran in one program", async () => {
      const body = "    std::vector<long> out;\n    for (auto& v : values) if (v.type() == typeid(long)) out.push_back(std::any_cast<long>(v));\n    return out;";
      expect((await judge("HumanEval_22_filter_integers", complete("HumanEval_22_filter_integers", body))).verdict).toBe("WA");
    });

    test("a chat answer with its own signature (const reference, int) is still AC", async () => {
      const code = "#include <bits/stdc++.h>\nusing namespace std;\nlong add(const long& x, int y) { return x + y; }\n";
      expect((await judge("HumanEval_53_add", code)).verdict).toBe("AC");
    });

    test("a completion that prints debugging output on stdout is still AC; the output goes to its stderr", async () => {
      const result = await judge("HumanEval_53_add", complete("HumanEval_53_add", '    std::cout << "adding " << x << " and " << y << std::endl;\n    return x + y;'));
      expect(result.verdict).toBe("AC");
      expect(result.programStderr).toContain("adding 2 and 3");
    });

    test("a completion of a row whose prompt uses a C union (HumanEval_103) that returns the wrong member is WA", async () => {
      expect((await judge("HumanEval_103_rounded_avg", complete("HumanEval_103_rounded_avg", '    return std::string("-1");'))).verdict).toBe("WA");
    });

    test("a chat answer that repeats the prompt's union in its own layout is still AC", async () => {
      const code = `#include <bits/stdc++.h>
union Union_std_string_long {
  std::string f0;
  long f1;
  Union_std_string_long(std::string _f0) : f0(_f0) {}
  Union_std_string_long(long _f1) : f1(_f1) {}
  ~Union_std_string_long() {}
};
Union_std_string_long rounded_avg(long n, long m) {
${CORRECT.HumanEval_103_rounded_avg}
}
`;
      expect((await judge("HumanEval_103_rounded_avg", code)).verdict).toBe("AC");
    });
  });

  describe(`C++ function mode failures (${b.label})`, () => {
    test("a function that crashes is RE", async () => {
      expect((await judge("HumanEval_53_add", add(b.crashBody))).verdict).toBe("RE");
    });

    test("a function that throws is judged as the target allows", async () => {
      b.checkThrowing(await judge("HumanEval_53_add", add('    throw std::runtime_error("no");')));
    });

    test("a function that never returns is TLE", async () => {
      const task = { ...row("HumanEval_53_add"), limits: { ...LIMITS, cpuMs: 500, wallMs: 3000 } };
      expect((await judge("HumanEval_53_add", add("    volatile long s = 0; for (;;) s += x; return s;"), task)).verdict).toBe("TLE");
    });

    test("a function that allocates without bound is MLE", async () => {
      const body = "    std::vector<std::vector<char>> hog; for (;;) hog.emplace_back(1 << 20, 'x'); return 0;";
      expect((await judge("HumanEval_53_add", add(body))).verdict).toBe("MLE");
    });

    test("a program that exits mid-call without answering is RE", async () => {
      expect((await judge("HumanEval_53_add", add("    _exit(0);"))).verdict).toBe("RE");
    });

    test("garbage written on the real stdout before any call is a malformed answer: WA", async () => {
      const result = await judge("HumanEval_53_add", add("    return x + y;", 'static int noise = (write(1, "R 3\\nabc", 7), 0);'));
      expect(result.verdict).toBe("WA");
      expect(result.message).toContain("malformed answer");
    });

    // Test code that indexes into the answer: a short answer makes the trusted tests themselves fail.
    const rangeTask = () =>
      cppTask(
        "#include<assert.h>\n#include<bits/stdc++.h>\nstd::vector<long> upto(long n) {\n",
        "upto",
        "int main() {\n    auto candidate = upto;\n    assert(candidate(3).at(2) == 2);\n    assert(candidate(3)[100000000] == 0);\n}\n",
      );

    test("an answer on which the test code throws (at() past the end) is WA, not SE", async () => {
      const result = await judgeCpp(b.sandbox(), rangeTask(), "#include <bits/stdc++.h>\nstd::vector<long> upto(long n) { return {}; }\n");
      expect(result.verdict).toBe("WA");
      expect(result.message).toContain("threw an exception");
    });

    test("an answer on which the test code crashes (reading far past the end) is WA, not SE", async () => {
      const result = await judgeCpp(b.sandbox(), rangeTask(), "#include <bits/stdc++.h>\nstd::vector<long> upto(long n) { return {0, 1, 2}; }\n");
      expect(result.verdict).toBe("WA");
      expect(result.message).toContain(b.testCodeCrashWords);
    });

    test("a candidate with its own main does not compile: CE", async () => {
      expect((await judge("HumanEval_53_add", add("    return x + y;", "int main() { return 0; }"))).verdict).toBe("CE");
    });
  });

  describe(`a candidate whose return type differs from the prompt's (${b.label})`, () => {
    test("double for long is AC when every value is whole, as `candidate(...) == 5` was", async () => {
      expect((await judge("HumanEval_53_add", "#include <bits/stdc++.h>\ndouble add(long x, long y) { return x + y; }\n")).verdict).toBe("AC");
    });

    test("double for long is WA when a value has a fraction the long would drop", async () => {
      const result = await judge("HumanEval_53_add", "#include <bits/stdc++.h>\ndouble add(long x, long y) { return x + y + 0.5; }\n");
      expect(result.verdict).toBe("WA");
      expect(result.message).toContain("does not fit the prompt's return type");
    });

    test("int 2 for bool is WA, as `2 == (true)` was false", async () => {
      expect((await judge("mbpp_904_is_Even", "#include <bits/stdc++.h>\nint is_Even(long n) { return n % 2 == 0 ? 2 : 0; }\n")).verdict).toBe("WA");
    });
  });
}
