/**
 * Outputs longer than the server's output cap, read back in slices (judges/piston/slices.ts):
 * against `serve --piston` with a 4 KiB cap and runs allowed 64 KiB of output, a C++ or Python
 * program printing ~11 KB is judged AC with the tokens checker (one execute per slice after the run
 * the cap cut), a wrong one WA, one printing past the run's own limit OLE, and one whose output
 * differs between runs (a different whitespace layout each run, which the tokens checker would
 * accept run by run but which cannot be spliced) RE saying why, never AC; one that writes a forged
 * report into the runner's stdout through /proc gets its own verdict.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import { sliceBytes } from "../../../judges/piston/slices.ts";
import type { GradeTask, Judgement, Language, Sandbox, SourceFile } from "../../../judges/types.ts";
import { startPistonProxy, type PistonProxy } from "../../support/piston-proxy.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { HACK_COMPILE_LIMITS } from "../hacks/catalogue.ts";

setDefaultTimeout(300_000);

const CAP = 4096;
const N = 2500;
const EXPECTED = Array.from({ length: N }, (_, i) => `${i}\n`).join("");
const TASK: GradeTask = {
  mode: "stdio",
  tests: [{ input: `${N}\n`, output: EXPECTED }],
  limits: { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 64 << 10, processes: 8, fileBytes: 1 << 20 },
};

const PROGRAMS: Record<Language, Record<"right" | "wrong" | "endless" | "varying" | "forger", string>> = {
  cpp: {
    right: "#include <cstdio>\nint main() { int n; scanf(\"%d\", &n); for (int i = 0; i < n; i++) printf(\"%d\\n\", i); }\n",
    wrong: "#include <cstdio>\nint main() { int n; scanf(\"%d\", &n); for (int i = 0; i < n; i++) printf(\"%d\\n\", i == 2000 ? 7 : i); }\n",
    endless: "#include <cstdio>\nint main() { for (long i = 0;; i++) printf(\"%ld\\n\", i); }\n",
    // The right tokens, separated by one space or one newline as the clock's bits say: each run alone is AC.
    varying:
      "#include <chrono>\n#include <cstdio>\nint main() { int n; scanf(\"%d\", &n); unsigned long t = std::chrono::steady_clock::now().time_since_epoch().count();\n" +
      "for (int i = 0; i < n; i++) printf(\"%d%c\", i, (t >> (i % 40)) & 1 ? ' ' : '\\n'); }\n",
    // Writes a forged report into the runner's own stdout, then a wrong answer.
    forger:
      "#include <cstdio>\n#include <unistd.h>\nint main() { char p[64]; snprintf(p, sizeof p, \"/proc/%d/fd/1\", getppid()); if (FILE* f = fopen(p, \"w\")) { fputs(\"0 S x 0 0 0 0 0 2 0 0 0\\n\", f); fclose(f); }\n" +
      "int n; scanf(\"%d\", &n); for (int i = 0; i < n; i++) printf(\"%d\\n\", i + 1); }\n",
  },
  python: {
    right: "n = int(input())\nfor i in range(n):\n    print(i)\n",
    wrong: "n = int(input())\nfor i in range(n):\n    print(7 if i == 2000 else i)\n",
    endless: "i = 0\nwhile True:\n    print(i)\n    i += 1\n",
    varying: "import time\nt = time.time_ns()\nn = int(input())\nfor i in range(n):\n    print(i, end=' ' if (t >> (i % 40)) & 1 else '\\n')\n",
    forger:
      "import os\ntry:\n    open(f'/proc/{os.getppid()}/fd/1', 'w').write('0 S x 0 0 0 0 0 2 0 0 0\\n')\nexcept OSError:\n    pass\n" +
      "n = int(input())\nfor i in range(n):\n    print(i + 1)\n",
  },
};

let server: PistonServer;
let proxy: PistonProxy;
let piston: Sandbox;
beforeAll(async () => {
  server = await startTestPistonServer({ limits: { outputCapBytes: CAP } });
  proxy = startPistonProxy(server.url);
  piston = createPistonSandbox({ endpoints: [{ url: proxy.url, concurrency: 2 }] });
  await piston.selfTest();
});
afterAll(async () => {
  proxy.stop();
  await server.stop();
});

async function judge(language: Language, code: string, task: GradeTask = TASK): Promise<{ judgement: Judgement; executes: number }> {
  const before = proxy.counts.get("POST /api/v2/execute") ?? 0;
  const source: SourceFile = { language, code };
  const checker = await createChecker({ type: "tokens" }, { sandbox: piston });
  const judgement = await gradeSubmission({ sandbox: piston, task, source, checker, compileLimits: HACK_COMPILE_LIMITS });
  return { judgement, executes: (proxy.counts.get("POST /api/v2/execute") ?? 0) - before };
}

/**
 * Prints the right output, but when its stdin is the slice runner's memfd, stops the runner (same
 * uid: SIGSTOP cannot be refused) and sleeps past the wall limit first, with a child that lets the
 * runner go on once the program has exited. The first run, under the server's own sandbox, is quick
 * and is cut at the cap.
 */
const STOPS_SLICE_RUNNER = `import os, signal, time
if "memfd:stdin" in os.readlink("/proc/self/fd/0"):
    runner, me = os.getppid(), os.getpid()
    if os.fork() == 0:
        while os.getppid() == me:
            time.sleep(0.001)
        os.kill(runner, signal.SIGCONT)
        os._exit(0)
    os.kill(runner, signal.SIGSTOP)
    time.sleep(3.5)
n = int(input())
for i in range(n):
    print(i)
`;

for (const language of ["cpp", "python"] as const) {
  describe(`${language}: outputs longer than the server's ${CAP}-byte cap`, () => {
    test("a program printing ~11 KB is AC, read back in one execute per slice", async () => {
      const { judgement, executes } = await judge(language, PROGRAMS[language].right);
      expect(judgement.verdict).toBe("AC");
      // One compile check, the run the cap cut, then the slices.
      expect(executes).toBe(2 + Math.ceil(EXPECTED.length / sliceBytes(CAP)));
    });

    test("a program wrong far past the cap is WA", async () => {
      expect((await judge(language, PROGRAMS[language].wrong)).judgement.verdict).toBe("WA");
    });

    test("a program printing past the run's own output limit is OLE", async () => {
      expect((await judge(language, PROGRAMS[language].endless)).judgement.verdict).toBe("OLE");
    });

    test("a program writing a forged report into the runner's stdout still gets its own verdict (WA)", async () => {
      expect((await judge(language, PROGRAMS[language].forger)).judgement.verdict).toBe("WA");
    });

    test("a program whose output differs between runs is not spliced into an AC: RE, saying why", async () => {
      const { judgement } = await judge(language, PROGRAMS[language].varying);
      expect(judgement.verdict).toBe("RE");
      expect(JSON.stringify(judgement)).toContain("output differed between runs");
    });
  });
}

test("python: a program that stops the slice runner and sleeps past the wall limit in its slice runs is TLE, not AC", async () => {
  const task: GradeTask = { ...TASK, limits: { ...TASK.limits, cpuMs: 1000, wallMs: 3000 } };
  expect((await judge("python", STOPS_SLICE_RUNNER, task)).judgement.verdict).toBe("TLE");
});
