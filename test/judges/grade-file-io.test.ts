import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createChecker } from "../../judges/checkers/index.ts";
import { gradeSubmission } from "../../judges/grade.ts";
import { createLocalSandbox, type LocalSandbox } from "../../judges/local/index.ts";
import type { GradeTask, Sandbox, SourceFile } from "../../judges/types.ts";
import { sharedTestCacheDir } from "../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "./hacks/catalogue.ts";
import { fileIoTask } from "./support/file-io-task.ts";

// Sandboxed compiles and runs on a busy 2-core machine.
setDefaultTimeout(120_000);

let sandbox: LocalSandbox;
beforeAll(() => {
  sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
});
afterAll(async () => {
  await sandbox.close?.();
});

async function grade(task: GradeTask, source: SourceFile) {
  return gradeSubmission({ sandbox, task, source, checker: await createChecker({ type: "tokens" }, { sandbox }), compileLimits: HACK_COMPILE_LIMITS });
}

describe("file-IO problems", () => {
  test("a Python program that opens input.txt and writes output.txt is AC", async () => {
    const code = "with open('input.txt') as f:\n    a, b = map(int, f.read().split())\nwith open('output.txt', 'w') as f:\n    f.write(str(a + b) + '\\n')\n";
    const j = await grade(fileIoTask(), { language: "python", code });
    expect(j.error).toBeUndefined();
    expect(j.verdict).toBe("AC");
  });

  test("a C++ program using fopen on the files is AC, and a wrong sum in the file is WA", async () => {
    const code = (expr: string) => `#include <cstdio>
int main() {
  FILE* in = std::fopen("input.txt", "r");
  FILE* out = std::fopen("output.txt", "w");
  long long a, b;
  if (!in || !out || std::fscanf(in, "%lld %lld", &a, &b) != 2) return 1;
  std::fprintf(out, "%lld\\n", ${expr});
}
`;
    expect((await grade(fileIoTask(), { language: "cpp", code: code("a + b") })).verdict).toBe("AC");
    expect((await grade(fileIoTask(), { language: "cpp", code: code("a - b") })).verdict).toBe("WA");
  });

  test("a program that reads stdin and writes stdout is judged on its stdout when it writes no output file", async () => {
    const j = await grade(fileIoTask(), { language: "python", code: "a, b = map(int, input().split())\nprint(a + b)\n" });
    expect(j.verdict).toBe("AC");
  });

  test("the output file wins over stdout when the program writes both", async () => {
    const code = "print(0)\nwith open('input.txt') as f:\n    a, b = map(int, f.read().split())\nopen('output.txt', 'w').write(str(a + b))\n";
    expect((await grade(fileIoTask(), { language: "python", code })).verdict).toBe("AC");
  });

  test("an output file that is a link to a host file is not read: the judge sees no file and falls back to stdout", async () => {
    const code = "import os\nos.symlink('/etc/passwd', 'output.txt')\nprint('nothing')\n";
    const j = await grade(fileIoTask(), { language: "python", code });
    expect(j.verdict).toBe("WA");
    expect(j.tests[0]?.checkerMessage ?? "").not.toContain("root:");
  });

  test("a backend that does not read files back makes a file-IO problem SE with that cause, never a silent WA", async () => {
    const blind: Sandbox = {
      name: "blind",
      prepare: (source, limits) => sandbox.prepare(source, limits),
      run: async (program, input, limits) => {
        const { files: _dropped, ...outcome } = await sandbox.run(program, input, limits);
        return outcome;
      },
      versions: () => sandbox.versions(),
      selfTest: () => sandbox.selfTest(),
    };
    const code = "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(str(a + b))\n";
    const j = await gradeSubmission({ sandbox: blind, task: fileIoTask(), source: { language: "python", code }, checker: await createChecker({ type: "tokens" }, { sandbox }), compileLimits: HACK_COMPILE_LIMITS });
    expect(j.verdict).toBe("SE");
    expect(j.error).toContain("does not read files back");
  });

  test("a stdio problem gets no input file: its folder holds nothing the harness wrote", async () => {
    const task = { ...fileIoTask(), inputFile: undefined, outputFile: undefined };
    const code = "import os\na, b = map(int, input().split())\nprint(a + b if not os.path.exists('input.txt') else -1)\n";
    expect((await grade(task, { language: "python", code })).verdict).toBe("AC");
  });
});
