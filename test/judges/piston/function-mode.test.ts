/**
 * Function mode (HumanEval-shaped) through `--judge piston` against our `serve --piston`: real HTTP
 * on loopback, the local sandbox behind the server. The backend finds the server's execute-pair
 * extension at its self-test and offers runPair, so verdicts match the local backend's; against a
 * server without the extension (stock Piston's shape) the grader keeps its clear "no runPair" error.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openJudgeBackend } from "../../../harness/cli/backends.ts";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { Sandbox, SourceFile } from "../../../judges/types.ts";
import { addTask } from "../hacks/entries-function-python.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

const COMPILE = { cpuMs: 20_000, wallMs: 60_000, memoryMb: 1024, logBytes: 1 << 16 };
const PROGRAMS: Record<string, SourceFile> = {
  correct: { language: "python", code: "def add(a, b):\n    return a + b\n" },
  wrong: { language: "python", code: "def add(a, b):\n    return a - b\n" },
  "os._exit(0) hack": { language: "python", code: "import os\ndef add(a, b):\n    os._exit(0)\n" },
};

const servers: PistonServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** `--judge piston --judge-opt piston=URL`, opened as every judging command opens it (self-test included). */
function openPiston(url: string): Promise<Sandbox> {
  return openJudgeBackend("piston", { judgeOpt: [`piston=${url}*4`] }, {});
}

async function verdictOf(sandbox: Sandbox, source: SourceFile): Promise<string> {
  const checker = await createChecker({ type: "tokens" }, { sandbox });
  return (await gradeSubmission({ sandbox, task: addTask(), source, checker, compileLimits: COMPILE })).verdict;
}

describe("function mode through --judge piston against serve --piston", () => {
  let piston: Sandbox;
  const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
  beforeAll(async () => {
    const server = await startTestPistonServer();
    servers.push(server);
    piston = await openPiston(server.url);
  });

  for (const [name, source] of Object.entries(PROGRAMS)) {
    test(`gives the local backend's verdict for the ${name} program`, async () => {
      const [viaPiston, viaLocal] = [await verdictOf(piston, source), await verdictOf(local, source)];
      expect(viaPiston).toBe(viaLocal);
      expect(viaPiston).toBe(name === "correct" ? "AC" : name === "wrong" ? "WA" : "RE");
    }, 60_000);
  }
});

describe("function mode through --judge piston against a server without the extension", () => {
  test("stops with the grader's clear no-runPair error", async () => {
    const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
    // Stock Piston's shape: the same server over a sandbox that cannot pair runs, so it advertises nothing.
    const unpaired: Sandbox = {
      name: "unpaired",
      prepare: (s, l) => local.prepare(s, l),
      run: (p, i, l) => local.run(p, i, l),
      versions: () => local.versions(),
      selfTest: () => local.selfTest(),
    };
    const server = await startTestPistonServer({ sandbox: unpaired });
    servers.push(server);
    const piston = await openPiston(server.url);
    expect(piston.runPair).toBeUndefined();
    await expect(verdictOf(piston, PROGRAMS.correct!)).rejects.toThrow("cannot judge function mode (it has no runPair)");
  }, 60_000);
});
