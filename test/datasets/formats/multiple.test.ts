import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { multipleFormat } from "../../../datasets/formats/multiple.ts";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { PURE_CHECKERS } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { catchDatasetError } from "../temp-files.ts";
import { runWithTestCode } from "./python-run.ts";

// Sandboxed compiles (the C++ precompiled header above all) take longer than bun's 5 s default.
setDefaultTimeout(120_000);

const FIXTURE = new URL("../fixtures/multipl-e.jsonl", import.meta.url).pathname;
const at = { file: "multipl-e.jsonl", line: 2 };
// The shared cache holds the precompiled <bits/stdc++.h> header, built once per test run.
const sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
afterAll(async () => {
  await sandbox.close?.();
});
const limits = { cpuMs: 5000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 16 };

/** Grades a C++ solution of a function problem in the real sandbox, as the harness would. */
function gradeCpp(problem: Problem, code: string) {
  return gradeSubmission({
    sandbox,
    task: { mode: "function", tests: [], testCode: problem.test_code, entryPoint: problem.entry_point, prelude: problem.solution_prefix, limits },
    source: { language: "cpp", code },
    checker: PURE_CHECKERS.tokens,
  });
}

describe("multipl-e format", async () => {
  const dataset = await loadAll({ path: FIXTURE });
  const [add, isEven, addPy] = dataset.problems as [Problem, Problem, Problem];

  test("auto-detects MultiPL-E rows and keeps C++ and Python ones in their language", () => {
    expect(dataset.format).toBe("multipl-e");
    expect(dataset.problems.map((p) => [p.id, p.languages, p.entry_point])).toEqual([
      ["HumanEval_53_add", ["cpp"], "add"],
      ["mbpp_904_is_Even", ["cpp"], "is_Even"],
      ["HumanEval_153_add", ["python"], "add"],
    ]);
    expect(add.mode).toBe("function");
    expect(add.solution_prefix).toEndWith("long add(long x, long y) {\n");
  });

  test("drops the brace that closes the function from the C++ tests, keeping main", () => {
    expect(add.test_code).toStartWith("int main() {\n    auto candidate = add;");
    expect(addPy.test_code).toStartWith("def check(candidate):");
  });

  test("a whole C++ function passes the tests in the sandbox", async () => {
    const judgement = await gradeCpp(add, `${add.solution_prefix}    return x + y;\n}\n`);
    expect(judgement.verdict).toBe("AC");
    expect((await gradeCpp(isEven, `${isEven.solution_prefix}    return n % 2 == 0;\n}\n`)).verdict).toBe("AC");
  });

  test("a wrong C++ function fails its asserts in the sandbox", async () => {
    const judgement = await gradeCpp(add, `${add.solution_prefix}    return x - y;\n}\n`);
    expect(judgement.verdict).toBe("WA");
    expect(judgement.tests[0]?.checkerMessage).toContain("assert");
  });

  test("the Python variant's tests run check() on the entry point", () => {
    expect(runWithTestCode(addPy, `${addPy.solution_prefix}    return x + y\n`).exitCode).toBe(0);
    expect(runWithTestCode(addPy, `${addPy.solution_prefix}    return x * y\n`).exitCode).toBe(1);
  });

  test("rejects a language the judge does not run, naming the field", async () => {
    const row = { name: "HumanEval_53_add", language: "java", prompt: "class Problem {", tests: "}", stop_tokens: [] };
    const err = await catchDatasetError(() => multipleFormat.convert(row, at));
    expect([err.field, err.line]).toEqual(["language", 2]);
    expect(err.message).toContain("MultiPL-E language 'java' is not one the judge runs");
  });

  test("rejects empty tests and finds the entry point in the prompt when the name has none", async () => {
    const row = { name: "custom", language: "cpp", prompt: "#include<assert.h>\nint twice(int x) {\n", tests: "", stop_tokens: [] };
    expect((await catchDatasetError(() => multipleFormat.convert(row, at))).field).toBe("tests");
    expect(multipleFormat.convert({ ...row, tests: "}\nint main(){}\n" }, at).entry_point).toBe("twice");
  });
});
