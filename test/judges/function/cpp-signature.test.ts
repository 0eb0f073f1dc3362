import { describe, expect, test } from "bun:test";
import { cppFunctionKit } from "../../../judges/function/cpp/index.ts";
import { parseCppSignature, UnsupportedCppTask } from "../../../judges/function/cpp/signature.ts";
import { cppTask } from "./cpp-support.ts";

const HEAD = "#include<assert.h>\n#include<bits/stdc++.h>\n// Doc comment that mentions add(x, y) {\n";

describe("parseCppSignature", () => {
  test("reads the return type and parameter types of the prompt's last line, keeping template commas together", () => {
    const sig = parseCppSignature(`${HEAD}std::map<std::string,long> f(std::vector<std::tuple<long, long>> a, std::map<long,long> b, float c) {\n`, "f");
    expect(sig.returnType).toBe("std::map<std::string,long>");
    expect(sig.params.map((p) => p.type)).toEqual(["std::vector<std::tuple<long, long>>", "std::map<long,long>", "float"]);
    expect(sig.head).toBe(HEAD.trimEnd());
  });

  test("a function without parameters has none", () => {
    expect(parseCppSignature(`${HEAD}long answer() {\n`, "answer").params).toEqual([]);
  });

  test("a prompt without the entry point's signature is refused", () => {
    expect(() => parseCppSignature(`${HEAD}long other(long x) {\n`, "add")).toThrow(UnsupportedCppTask);
  });

  test("a prompt that declares a C union keeps it in the head", () => {
    const prelude = `${HEAD}union Union_long_float{\n    long f0;\n    float f1;\n};\nUnion_long_float g(long x) {\n`;
    const sig = parseCppSignature(prelude, "g");
    expect(sig.returnType).toBe("Union_long_float");
    expect(sig.head).toContain("union Union_long_float{");
  });
});

describe("cppFunctionKit.plan", () => {
  const task = cppTask(`${HEAD}long add(long x, long y) {\n`, "add", "int main() {\n    auto candidate = add;\n    assert(candidate(1, 2) == 3);\n}\n");

  test("the tester holds the tests and a proxy in place of the function, and none of the candidate's code", () => {
    const plan = cppFunctionKit.plan(task, { language: "cpp", code: "long add(long x, long y) { return 42424242; }" });
    expect(plan.peer.code).toContain("assert(candidate(1, 2) == 3);");
    expect(plan.peer.code).toContain("harness::remote_call<long>(harness_arg0, harness_arg1)");
    expect(plan.peer.code).not.toContain("42424242");
  });

  test("the program holds the candidate after the server and none of the tests", () => {
    const plan = cppFunctionKit.plan(task, { language: "cpp", code: "#define main never_called\nlong add(long x, long y) { return x + y; }" });
    const code = plan.program.code;
    expect(code).not.toContain("candidate(1, 2) == 3");
    expect(code.indexOf("int main() { return harness::serve(&harness_entry); }")).toBeLessThan(code.indexOf("#define main never_called"));
  });

  test("a task without a prelude gets a tester that reports the cause (verdict SE)", () => {
    const plan = cppFunctionKit.plan({ ...task, prelude: undefined }, { language: "cpp", code: "long add(long x, long y) { return x + y; }" });
    expect(plan.peer.code).toContain("@harness-tester unsupported");
  });
});
