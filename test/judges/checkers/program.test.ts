/** Program checkers compiled and run through the real local sandbox. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckerError, createChecker } from "../../../judges/checkers/index.ts";
import { buildCheckerSource, inferCheckerLanguage } from "../../../judges/checkers/program.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { Checker, Sandbox } from "../../../judges/types.ts";

const fixtures = join(import.meta.dir, "fixtures");
const testlibSource = await Bun.file(join(fixtures, "pair-sum-testlib.cpp")).text();
const cmsSource = await Bun.file(join(fixtures, "pair-sum-cms.py")).text();

let workDir: string;
let sandbox: Sandbox;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "checkers-program-"));
  sandbox = createLocalSandbox({ cacheDir: join(workDir, "cache") });
});

afterAll(async () => {
  await sandbox.close?.();
  rmSync(workDir, { recursive: true, force: true });
});

describe("testlib checker program", () => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await createChecker({ type: "testlib", source: testlibSource, language: "cpp" }, { sandbox });
  }, 60_000);

  test("accepts any valid pair, not only the jury's", async () => {
    const result = await checker("3 4\n", "1 6\n", { input: "7\n" });
    expect(result).toMatchObject({ verdict: "AC", score: 1 });
    expect(result.message).toContain("ok 3 + 4 = 7");
  });

  test("reports WA for a pair with the wrong sum", async () => {
    const result = await checker("3 5\n", "1 6\n", { input: "7\n" });
    expect(result.verdict).toBe("WA");
    expect(result.message).toContain("3 + 5 != 7");
  });

  test("reports PE for output that is not two integers", async () => {
    expect((await checker("seven\n", "1 6\n", { input: "7\n" })).verdict).toBe("PE");
  });

  test("gives partial credit from the points exit code", async () => {
    expect(await checker("6 1\n", "1 6\n", { input: "7\n" })).toMatchObject({ verdict: "WA", score: 0.5 });
  });

  test("reports SE when the checker FAILs on a broken jury answer", async () => {
    const result = await checker("3 4\n", "1 1\n", { input: "7\n" });
    expect(result.verdict).toBe("SE");
    expect(result.message).toContain("jury answer is not a valid pair");
  });
});

describe("cms checker program", () => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await createChecker({ type: "cms", source: cmsSource }, { sandbox });
  }, 60_000);

  test("passes the correct answer before the contestant's output", async () => {
    expect(await checker("2 5\n", "3 4\n", { input: "7\n" })).toEqual({ verdict: "AC", score: 1, message: "ok" });
  });

  test("reads a zero score as WA and a half score as partial", async () => {
    expect(await checker("2 2\n", "3 4\n", { input: "7\n" })).toMatchObject({ verdict: "WA", score: 0 });
    expect(await checker("5 2\n", "3 4\n", { input: "7\n" })).toEqual({ verdict: "WA", score: 0.5, message: "valid but not sorted" });
  });

  test("reports WA, not SE, when the checker crashes on the output but judges the reference answer", async () => {
    const result = await checker("crash\n", "3 4\n", { input: "7\n" });
    expect(result).toMatchObject({ verdict: "WA", score: 0 });
    expect(result.message).toContain("checker bug triggered on purpose");
    expect(result.message).toContain("the output is at fault");
  });
});

describe("checker that crashes", () => {
  /** The real sandbox, counting the checker runs it is asked for. */
  function countRuns(inner: Sandbox): { sandbox: Sandbox; runs: () => number } {
    let runs = 0;
    const sandbox: Sandbox = {
      name: inner.name,
      prepare: (source, limits) => inner.prepare(source, limits),
      run: (program, input, limits) => {
        runs++;
        return inner.run(program, input, limits);
      },
      versions: () => inner.versions(),
      selfTest: () => inner.selfTest(),
    };
    return { sandbox, runs: () => runs };
  }

  test("reports SE when the checker also crashes on the reference answer", async () => {
    const broken = await createChecker({ type: "cms", source: "import sys\nprint(1 / 0)\n" }, { sandbox });
    const result = await broken("3 4\n", "3 4\n", { input: "7\n" });
    expect(result.verdict).toBe("SE");
    expect(result.message).toContain("checker is broken");
    expect(result.message).toContain("ZeroDivisionError");
  }, 60_000);

  test("reports WA when a C++ testlib checker is killed by a signal on garbage output", async () => {
    const source = `#include <csignal>
#include <fstream>
#include <string>
int main(int argc, char** argv) {
  std::ifstream out(argv[2]), ans(argv[3]);
  std::string got, want;
  out >> got; ans >> want;
  if (got == "garbage") std::raise(SIGSEGV);
  return got == want ? 0 : 1;
}
`;
    const segfaulting = await createChecker({ type: "testlib", source, language: "cpp" }, { sandbox });
    const result = await segfaulting("garbage\n", "3\n", { input: "1 2\n" });
    expect(result).toMatchObject({ verdict: "WA", score: 0 });
    expect(result.message).toContain("SIGSEGV");
    expect(await segfaulting("3\n", "3\n", { input: "1 2\n" })).toMatchObject({ verdict: "AC" });
  }, 60_000);

  test("runs the checker on the reference answer once per test, not once per crash", async () => {
    const counted = countRuns(sandbox);
    const crashing = await createChecker({ type: "cms", source: cmsSource }, { sandbox: counted.sandbox });
    expect((await crashing("crash\n", "3 4\n", { input: "7\n" })).verdict).toBe("WA");
    expect(counted.runs()).toBe(2);
    expect((await crashing("crash\n", "3 4\n", { input: "7\n" })).verdict).toBe("WA");
    expect(counted.runs()).toBe(3);
    expect((await crashing("crash\n", "1 5\n", { input: "6\n" })).verdict).toBe("WA");
    expect(counted.runs()).toBe(5);
  }, 60_000);

  test("asks nothing more of the checker when it decides or FAILs", async () => {
    const counted = countRuns(sandbox);
    const failing = await createChecker({ type: "testlib", source: "import sys\nprint('FAIL no answer', file=sys.stderr)\nsys.exit(3)\n", language: "python" }, { sandbox: counted.sandbox });
    const result = await failing("3 4\n", "3 4\n", { input: "7\n" });
    expect(result.verdict).toBe("SE");
    expect(result.message).toContain("FAIL no answer");
    expect(counted.runs()).toBe(1);
  }, 60_000);
});

describe("checker setup", () => {
  const usesTestlib = '#include "testlib.h"\nint main() { return FAKE_TESTLIB_VERDICT; }\n';

  test("compiles a checker including testlib.h from the given folder", async () => {
    const dir = join(workDir, "testlib");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "testlib.h"), "#pragma once\n#define FAKE_TESTLIB_VERDICT 1\n");
    const checker = await createChecker({ type: "testlib", source: usesTestlib }, { sandbox, testlibDir: dir });
    expect((await checker("x", "y", { input: "" })).verdict).toBe("WA");
  }, 60_000);

  test("infers C++ from an #include line and Python otherwise", () => {
    expect(inferCheckerLanguage({ type: "cms", source: "#include <cstdio>\nint main() {}" })).toBe("cpp");
    expect(inferCheckerLanguage({ type: "cms", source: "# include the score below\nprint(1)" })).toBe("python");
    expect(inferCheckerLanguage({ type: "testlib", source: "print(1)", language: "cpp" })).toBe("cpp");
  });

  test("leaves a Python checker without extra files", async () => {
    expect(await buildCheckerSource({ type: "cms", source: "print(1)" })).toEqual({ language: "python", code: "print(1)" });
  });

  test("says how to configure testlib when no folder is given", async () => {
    const saved = process.env.HARNESS_TESTLIB_DIR;
    delete process.env.HARNESS_TESTLIB_DIR;
    try {
      const error = await buildCheckerSource({ type: "testlib", source: usesTestlib }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckerError);
      expect((error as CheckerError).code).toBe("missing_testlib");
      expect((error as Error).message).toContain("--testlib DIR");
      expect((error as Error).message).toContain("HARNESS_TESTLIB_DIR");
    } finally {
      if (saved !== undefined) process.env.HARNESS_TESTLIB_DIR = saved;
    }
  });

  test("falls back to HARNESS_TESTLIB_DIR for the testlib folder", async () => {
    const dir = join(workDir, "env-testlib");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "testlib.h"), "// from the environment\n");
    const saved = process.env.HARNESS_TESTLIB_DIR;
    process.env.HARNESS_TESTLIB_DIR = dir;
    try {
      const source = await buildCheckerSource({ type: "testlib", source: usesTestlib });
      expect(source.extraFiles).toEqual({ "testlib.h": "// from the environment\n" });
    } finally {
      if (saved === undefined) delete process.env.HARNESS_TESTLIB_DIR;
      else process.env.HARNESS_TESTLIB_DIR = saved;
    }
  });

  test("names the folder when it has no testlib.h", async () => {
    await expect(buildCheckerSource({ type: "testlib", source: usesTestlib }, workDir)).rejects.toThrow(`testlib.h not found in ${workDir}`);
  });

  test("throws CheckerError with the log when the checker does not compile", async () => {
    const error = await createChecker({ type: "testlib", source: "#include <cstdio>\nint main( {" }, { sandbox }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckerError);
    expect((error as CheckerError).code).toBe("compile_failed");
    expect((error as Error).message).toContain("error");
  }, 60_000);
});
