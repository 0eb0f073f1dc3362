/**
 * The grader with sandboxes that offer sessions (Sandbox.openSession): first its rules against a
 * scripted double (one session per lane, opened at the first test, closed after the last, early exit
 * kept, a failed open an SE), then the same verdicts from real programs through the local sandbox
 * with sessions on and off.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { checkTokens } from "../../judges/checkers/tokens.ts";
import { gradeSubmission } from "../../judges/grade.ts";
import { createLocalSandbox, type LocalSandbox } from "../../judges/local/index.ts";
import { type GradeTask, type PreparedProgram, type RunInput, type RunOutcome, type Sandbox, SandboxError } from "../../judges/types.ts";
import { sharedTestCacheDir } from "../support/test-cache.ts";

const program: PreparedProgram = { language: "cpp", key: "k", handle: null };
const limits = { cpuMs: 1000, wallMs: 2000, memoryMb: 256, outputBytes: 1 << 16, processes: 1, fileBytes: 1 << 16 };
const tests = ["1", "2", "3", "4"].map((n) => ({ input: `${n}\n`, output: `${n}\n` }));
const task: GradeTask = { mode: "stdio", tests, limits };
const source = { language: "cpp" as const, code: "int main(){}" };

function outcome(stdout: string): RunOutcome {
  return { termination: "exited", exitCode: 0, signal: null, timeMs: 5, wallMs: 6, memoryKb: 100, stdout, stderr: "" };
}

/**
 * A double whose sessions echo the input (and into each file asked for), except the inputs in
 * `wrong`; it records opens, runs and closes, and the upcoming inputs each open was told.
 */
function sessionSandbox(options: { wrong?: string[]; openFails?: boolean; firstOpenFails?: boolean } = {}) {
  const log: string[] = [];
  const announced: (readonly RunInput[] | undefined)[] = [];
  const sandbox: Sandbox = {
    name: "sessions",
    prepare: async () => ({ ok: true, program, log: "", timeMs: 1, cached: false }),
    run: async (_program, input) => {
      log.push(`run ${input.stdin?.trim()}`);
      return outcome(input.stdin ?? "");
    },
    openSession: async (_program, _limits, upcoming) => {
      announced.push(upcoming);
      if (options.openFails || (options.firstOpenFails && announced.length === 1)) throw new SandboxError("no sandbox today", "sandbox_unavailable");
      const id = log.filter((line) => line.startsWith("open")).length + 1;
      log.push(`open ${id}`);
      return {
        run: async (input: RunInput) => {
          log.push(`session ${id} run ${input.stdin?.trim()}`);
          const ran = outcome(options.wrong?.includes(input.stdin ?? "") ? "0\n" : (input.stdin ?? ""));
          return input.collect ? { ...ran, files: Object.fromEntries(input.collect.map((name) => [name, ran.stdout])) } : ran;
        },
        close: async () => {
          log.push(`close ${id}`);
        },
      };
    },
    versions: async () => ({}),
    selfTest: async () => {},
  };
  return { sandbox, log, announced };
}

describe("gradeSubmission with sessions", () => {
  test("a sample's tests run in one session, opened at the first test and closed after the last", async () => {
    const { sandbox, log } = sessionSandbox();
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement).toMatchObject({ verdict: "AC", passed: 4 });
    expect(log).toEqual(["open 1", "session 1 run 1", "session 1 run 2", "session 1 run 3", "session 1 run 4", "close 1"]);
  });

  test("the first failure still ends the walk, and the session is closed", async () => {
    const { sandbox, log } = sessionSandbox({ wrong: ["2\n"] });
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement).toMatchObject({ verdict: "WA", passed: 1 });
    expect(log).toEqual(["open 1", "session 1 run 1", "session 1 run 2", "close 1"]);
  });

  test("each lane of a sample's tests gets its own session", async () => {
    const { sandbox, log } = sessionSandbox();
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens, testConcurrency: 2 });
    expect(judgement.verdict).toBe("AC");
    expect(log.filter((line) => line.startsWith("open")).length).toBe(2);
    expect(log.filter((line) => line.startsWith("close")).length).toBe(2);
    expect(log.filter((line) => line.startsWith("run"))).toEqual([]);
  });

  test("a session that cannot open makes the test it was opened for SE, with the cause", async () => {
    const { sandbox } = sessionSandbox({ openFails: true });
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(judgement.verdict).toBe("SE");
    expect(judgement.error).toBe("sandbox failed on test 1: no sandbox today");
  });
});

describe("the upcoming tests a session is told (Sandbox.openSession's upcoming)", () => {
  test("a lone lane's session is told every test's input, in order, when it opens", async () => {
    const { sandbox, announced } = sessionSandbox();
    await gradeSubmission({ sandbox, task, source, checker: checkTokens });
    expect(announced).toEqual([tests.map((t) => ({ stdin: t.input }))]);
  });

  test("a file-IO task's upcoming inputs carry the input file and name the output file to read back", async () => {
    const { sandbox, announced } = sessionSandbox();
    const judgement = await gradeSubmission({ sandbox, task: { ...task, inputFile: "in.txt", outputFile: "out.txt" }, source, checker: checkTokens });
    expect(judgement.verdict).toBe("AC");
    expect(announced[0]?.[1]).toEqual({ stdin: "2\n", files: { "in.txt": "2\n" }, collect: ["out.txt"] });
  });

  test("lanes that share a sample's tests are told nothing of what comes next", async () => {
    const { sandbox, announced } = sessionSandbox();
    await gradeSubmission({ sandbox, task, source, checker: checkTokens, testConcurrency: 2 });
    expect(announced).toEqual([undefined, undefined]);
  });

  test("a session reopened after a failed open is told the tests from the one it runs first", async () => {
    const { sandbox, announced } = sessionSandbox({ firstOpenFails: true });
    const judgement = await gradeSubmission({ sandbox, task, source, checker: checkTokens, allTests: true });
    expect(judgement.tests.map((t) => t.verdict)).toEqual(["SE", "AC", "AC", "AC"]);
    expect(announced.map((inputs) => inputs?.map((i) => i.stdin))).toEqual([tests.map((t) => t.input), ["2\n", "3\n", "4\n"]]);
  });
});

describe("gradeSubmission through the local sandbox, sessions on and off", () => {
  let on: LocalSandbox | null = null;
  let off: LocalSandbox | null = null;
  beforeAll(() => {
    on = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
    off = createLocalSandbox({ cacheDir: sharedTestCacheDir(), sessions: false });
  });
  afterAll(async () => {
    await on?.close?.();
    await off?.close?.();
  });

  test("every verdict and every test's output are the same with and without sessions", async () => {
    const code = `#include <cstdio>
int main() {
  int n = 0;
  if (std::scanf("%d", &n) != 1) return 1;
  if (n == 3) { volatile unsigned x = 0; for (;;) x = x + 1; }
  std::printf("%d\\n", n == 4 ? 0 : n);
}
`;
    const realLimits = { ...limits, wallMs: 10_000, processes: 4 };
    const realTask: GradeTask = { mode: "stdio", tests, limits: realLimits };
    const sandboxes = [on, off].map((s) => {
      if (!s) throw new Error("sandboxes are created in beforeAll");
      return s;
    });
    const judgements = [];
    for (const sandbox of sandboxes) {
      for (const allTests of [false, true]) {
        const judgement = await gradeSubmission({ sandbox, task: realTask, source: { language: "cpp", code }, checker: checkTokens, allTests });
        judgements.push(judgement.tests.map((t) => `${t.verdict} ${t.stdout.trim()}`));
      }
    }
    expect(judgements[0]).toEqual(["AC 1", "AC 2", "TLE "]);
    expect(judgements[1]).toEqual(["AC 1", "AC 2", "TLE ", "WA 0"]);
    expect(judgements.slice(2)).toEqual(judgements.slice(0, 2));
  }, 120_000);
});
