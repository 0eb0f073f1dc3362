/**
 * C++ function mode (MultiPL-E) on the WASM judge: the kit builds without exceptions for
 * wasm32-wasi, and the cases of test/judges/function/cpp.test.ts get the local judge's verdicts.
 * The one difference: a candidate that throws does not build for the target (CE, with a note).
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { checkTokens } from "../../../judges/checkers/tokens.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { CORRECT } from "../function/cpp-completions.ts";
import { COMPILE_LIMITS, completeCppRow, cppRow, cppTask, judgeCpp, LIMITS } from "../function/cpp-support.ts";
import { makeWasmSandbox } from "./make-sandbox.ts";

// Two clang compiles and a pair of guests per case on a busy 2-core machine.
setDefaultTimeout(180_000);

const sandbox = makeWasmSandbox(2);
afterAll(() => sandbox.close());

const judge = (id: string, code: string, task = cppRow(id)) => judgeCpp(sandbox, task, code);
const add = (body: string, extra = "") => `#include <bits/stdc++.h>\n#include <unistd.h>\n${extra}\nlong add(long x, long y) {\n${body}\n}\n`;

describe("C++ function mode on the WASM judge, real MultiPL-E rows", () => {
  for (const [id, body] of Object.entries(CORRECT)) {
    test(`a correct completion of ${id} is AC`, async () => {
      const result = await judge(id, completeCppRow(id, body));
      expect(`${result.verdict} ${result.message ?? ""}`.trim()).toBe("AC");
    });
  }

  test("graded by gradeSubmission as an eval grades it, a correct completion is AC with its peak memory and a wrong one WA", async () => {
    const grade = (body: string) =>
      gradeSubmission({ sandbox, task: cppRow("HumanEval_53_add"), source: { language: "cpp", code: completeCppRow("HumanEval_53_add", body) }, checker: checkTokens, compileLimits: COMPILE_LIMITS });
    const [right, wrong] = [await grade("    return x + y;"), await grade("    return x - y;")];
    expect([right.verdict, right.passed, right.total]).toEqual(["AC", 1, 1]);
    expect(right.memoryKb).toBeGreaterThan(0);
    expect([wrong.verdict, wrong.passed]).toEqual(["WA", 0]);
  });

  test("a wrong completion of HumanEval_53_add is WA, naming the failed assert", async () => {
    const result = await judge("HumanEval_53_add", completeCppRow("HumanEval_53_add", "    return x * y;"));
    expect(result.verdict).toBe("WA");
    expect(result.message).toContain("candidate((0), (1)) == (1)");
  });

  test("a std::any completion that checks for long instead of int is WA", async () => {
    const body = "    std::vector<long> out;\n    for (auto& v : values) if (v.type() == typeid(long)) out.push_back(std::any_cast<long>(v));\n    return out;";
    expect((await judge("HumanEval_22_filter_integers", completeCppRow("HumanEval_22_filter_integers", body))).verdict).toBe("WA");
  });

  test("a completion that prints debugging output on stdout is still AC; the output goes to its stderr", async () => {
    const result = await judge("HumanEval_53_add", completeCppRow("HumanEval_53_add", '    std::cout << "adding " << x << " and " << y << std::endl;\n    return x + y;'));
    expect(result.verdict).toBe("AC");
    expect(result.programStderr).toContain("adding 2 and 3");
  });
});

describe("C++ function mode failures on the WASM judge", () => {
  test("a function that crashes (an integer division by zero) is RE", async () => {
    expect((await judge("HumanEval_53_add", add("    volatile long zero = 0; return (x + y) / zero;"))).verdict).toBe("RE");
  });

  test("a function that never returns is TLE", async () => {
    const task = { ...cppRow("HumanEval_53_add"), limits: { ...LIMITS, cpuMs: 500, wallMs: 3000 } };
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

  const rangeTask = () =>
    cppTask(
      "#include<assert.h>\n#include<bits/stdc++.h>\nstd::vector<long> upto(long n) {\n",
      "upto",
      "int main() {\n    auto candidate = upto;\n    assert(candidate(3).at(2) == 2);\n    assert(candidate(3)[100000000] == 0);\n}\n",
    );

  test("an answer on which the test code would throw (at() past the end, an abort here) is WA, not SE", async () => {
    const result = await judgeCpp(sandbox, rangeTask(), "#include <bits/stdc++.h>\nstd::vector<long> upto(long n) { return {}; }\n");
    expect(result.verdict).toBe("WA");
    expect(result.message).toContain("threw an exception");
  });

  test("an answer on which the test code traps (reading far past the end) is WA, not SE", async () => {
    const result = await judgeCpp(sandbox, rangeTask(), "#include <bits/stdc++.h>\nstd::vector<long> upto(long n) { return {0, 1, 2}; }\n");
    expect(result.verdict).toBe("WA");
    expect(result.message).toContain("crashed on the function's answers");
  });

  test("a candidate with its own main does not compile: CE", async () => {
    expect((await judge("HumanEval_53_add", add("    return x + y;", "int main() { return 0; }"))).verdict).toBe("CE");
  });

  test("a function that throws does not build for wasm32-wasi: CE, with a note naming exceptions", async () => {
    const result = await judge("HumanEval_53_add", add('    throw std::runtime_error("no");'));
    expect(result.verdict).toBe("CE");
    expect(result.message).toContain("C++ exceptions");
  });
});

describe("a candidate whose return type differs from the prompt's, on the WASM judge", () => {
  test("double for long is AC when every value is whole", async () => {
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
