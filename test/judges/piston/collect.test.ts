/**
 * Files read back through `--judge piston` against `serve --piston` (its collect extension): an
 * interactive problem (the interactor's output file) and a file-IO problem (the program's output
 * file) get the local backend's verdicts, and against a server without the extension (stock
 * Piston's shape) the same samples are SE saying files cannot be read back.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import type { GradeTask, Sandbox, SourceFile } from "../../../judges/types.ts";
import { startPistonProxy, type PistonProxy } from "../../support/piston-proxy.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "../hacks/catalogue.ts";
import { makeRulerTask, RULER_OFF_BY_ONE, RULER_SOLUTION } from "../hacks/ruler-task.ts";
import { fileIoTask } from "../support/file-io-task.ts";

setDefaultTimeout(180_000);

const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
const servers: PistonServer[] = [];
let piston: Sandbox;
let stockShaped: Sandbox;

async function pistonOver(server: PistonServer): Promise<Sandbox> {
  servers.push(server);
  const sandbox = createPistonSandbox({ endpoints: [{ url: server.url, concurrency: 4 }] });
  await sandbox.selfTest();
  return sandbox;
}

beforeAll(async () => {
  piston = await pistonOver(await startTestPistonServer());
  // Stock Piston's shape: no runPair behind it and the collect extension taken off its header.
  const unpaired: Sandbox = { name: "unpaired", prepare: (s, l) => local.prepare(s, l), run: (p, i, l) => local.run(p, i, l), versions: () => local.versions(), selfTest: () => local.selfTest() };
  const server = await startTestPistonServer({ sandbox: unpaired });
  proxy = startPistonProxy(server.url, { stripExtensions: true });
  stockShaped = createPistonSandbox({ endpoints: [{ url: proxy.url, concurrency: 4 }] });
  servers.push(server);
  await stockShaped.selfTest();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  proxy?.stop();
});

let proxy: PistonProxy | null = null;

async function judge(sandbox: Sandbox, task: GradeTask, source: SourceFile) {
  const checker = await createChecker({ type: "tokens" }, { sandbox });
  return gradeSubmission({ sandbox, task, source, checker, compileLimits: HACK_COMPILE_LIMITS });
}

const FILE_TASK = fileIoTask();
const FILE_PROGRAMS: Record<string, SourceFile> = {
  "writes the sum to output.txt": { language: "python", code: "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(f'{a + b}\\n')\n" },
  "writes a wrong sum to output.txt and the right one to stdout": { language: "python", code: "a, b = map(int, input().split())\nprint(a + b)\nopen('output.txt', 'w').write(f'{a - b}\\n')\n" },
};

describe("files read back through serve --piston (collect extension)", () => {
  test("an interactive problem: a right program is AC and an off-by-one one WA, as judged locally", async () => {
    for (const code of [RULER_SOLUTION, RULER_OFF_BY_ONE]) {
      const source: SourceFile = { language: "python", code };
      const [viaPiston, viaLocal] = [await judge(piston, makeRulerTask(), source), await judge(local, makeRulerTask(), source)];
      expect(viaPiston.error).toBeUndefined();
      expect([viaPiston.verdict, viaPiston.passed]).toEqual([viaLocal.verdict, viaLocal.passed]);
    }
    expect((await judge(piston, makeRulerTask(), { language: "python", code: RULER_SOLUTION })).verdict).toBe("AC");
  });

  for (const [name, source] of Object.entries(FILE_PROGRAMS)) {
    test(`a file-IO problem: the program that ${name} gets the local verdict`, async () => {
      const [viaPiston, viaLocal] = [await judge(piston, FILE_TASK, source), await judge(local, FILE_TASK, source)];
      expect(viaPiston.error).toBeUndefined();
      expect(viaPiston.verdict).toBe(viaLocal.verdict);
      expect(viaPiston.verdict).toBe(name.startsWith("writes the sum") ? "AC" : "WA");
    });
  }

  test("against a server without the extension, a file-IO sample is SE naming the missing read-back", async () => {
    const j = await judge(stockShaped, FILE_TASK, FILE_PROGRAMS["writes the sum to output.txt"]!);
    expect(j.verdict).toBe("SE");
    expect(j.error).toContain("cannot read files back");
  });
});
