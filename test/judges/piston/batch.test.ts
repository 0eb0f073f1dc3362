/**
 * Compile once, run many: C++ tests of one program batched into one execute through `--judge
 * piston` against `serve --piston` (real HTTP, the local sandbox behind it, the batch runner compiled
 * and run there). Verdicts, passed counts and per-test limits match the local backend's; fewer
 * executes are sent than tests; a program that tries to forge the runner's report, read its files
 * or kill it gets the local verdict, never AC.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { CPP_FLAGS } from "../../../judges/local/compile.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { BATCH_CPP_FLAGS, newBatchPlan, readBatchReport } from "../../../judges/piston/batch.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import type { GradeTask, Judgement, RunLimits, Sandbox, SourceFile } from "../../../judges/types.ts";
import { startPistonProxy, type PistonProxy } from "../../support/piston-proxy.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { HACK_COMPILE_LIMITS } from "../hacks/catalogue.ts";

setDefaultTimeout(240_000);

const LIMITS: RunLimits = { cpuMs: 1000, wallMs: 5000, memoryMb: 128, outputBytes: 4096, processes: 8, fileBytes: 1 << 20 };
/** Sums of pairs; the 4th input (7 …) makes the programs below misbehave. */
const TASK: GradeTask = {
  mode: "stdio",
  tests: ["1 2", "40 2", "5 5", "7 0", "9 9", "3 4"].map((input) => {
    const [a, b] = input.split(" ").map(Number) as [number, number];
    return { input: `${input}\n`, output: `${a + b}\n` };
  }),
  limits: LIMITS,
};

const cpp = (body: string): SourceFile => ({
  language: "cpp",
  code: `#include <bits/stdc++.h>\n#include <unistd.h>\n#include <fcntl.h>\n#include <signal.h>\nusing namespace std;\nint main() { long a, b; cin >> a >> b; ${body} cout << a + b << "\\n"; }\n`,
});

const PROGRAMS: Record<string, SourceFile> = {
  "a right program": cpp(""),
  "a program that loops forever on test 4": cpp("if (a == 7) for (volatile long i = 0;; i++);"),
  "a program that exits 3 on test 4": cpp("if (a == 7) return 3;"),
  "a program wrong on test 4": cpp("if (a == 7) { cout << 0 << '\\n'; return 0; }"),
  "a program that touches 300 MB on test 4": cpp("if (a == 7) { vector<char> v(300 << 20, 1); cout << (int)v[12345]; }"),
  "a program that writes 1 MB on test 4": cpp("if (a == 7) cout << string(1 << 20, 'x');"),
  "a program that segfaults on test 4": cpp("if (a == 7) { volatile int* p = nullptr; *p = 1; }"),
  "a program that forges report frames on stdout and through its parent's fds": cpp(
    `char path[64]; snprintf(path, sizeof path, "/proc/%d/fd/1", getppid());
     int fd = open(path, O_WRONLY);
     string fake = "00000000000000000000000000000000 R 0 x 0 0 0 0 0 2 0\\n3\\n";
     if (fd >= 0) write(fd, fake.data(), fake.size());
     cout << fake; if (a != 1) { cout << 0 << "\\n"; return 0; }`,
  ),
  // Right unless it finds something: then it prints what it found, which is WA.
  "a right program that looks for the runner's batch.in and memory": cpp(
    `ifstream in("batch.in"); string all((istreambuf_iterator<char>(in)), {}); if (!all.empty()) { cout << all; return 0; }
     char path[64]; snprintf(path, sizeof path, "/proc/%d/mem", getppid()); if (open(path, O_RDONLY) >= 0) { cout << "mem open\\n"; return 0; }`,
  ),
  "a program that kills its parent on test 4": cpp("if (a == 7) { kill(getppid(), SIGKILL); usleep(100000); }"),
};

const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
let server: PistonServer;
let proxy: PistonProxy;
let piston: Sandbox;
beforeAll(async () => {
  server = await startTestPistonServer();
  proxy = startPistonProxy(server.url);
  // Our server caches compiles, where the backend does not batch by default: batching is asked for.
  piston = createPistonSandbox({ endpoints: [{ url: proxy.url, concurrency: 4 }], batchTests: 32 });
  await piston.selfTest();
});
afterAll(async () => {
  proxy.stop();
  await server.stop();
});

/** Executes `proxy` forwarded while `work` ran. */
async function countExecutes(proxy: PistonProxy, work: () => Promise<unknown>): Promise<number> {
  const before = proxy.counts.get("POST /api/v2/execute") ?? 0;
  await work();
  return (proxy.counts.get("POST /api/v2/execute") ?? 0) - before;
}

async function judge(sandbox: Sandbox, source: SourceFile): Promise<Judgement> {
  const checker = await createChecker({ type: "tokens" }, { sandbox });
  return gradeSubmission({ sandbox, task: TASK, source, checker, compileLimits: HACK_COMPILE_LIMITS });
}

describe("C++ tests batched into one execute (serve --piston behind)", () => {
  test("the runner compiles the candidate with the local judge's flags", () => {
    expect(BATCH_CPP_FLAGS).toEqual(CPP_FLAGS);
  });

  test("batch-tests=1 turns batching off, and by default a server that caches compiles is not batched: one execute per test", async () => {
    for (const batchTests of [1, undefined]) {
      const unbatched = createPistonSandbox({ endpoints: [{ url: proxy.url, concurrency: 4 }], ...(batchTests ? { batchTests } : {}) });
      await unbatched.selfTest();
      expect(await countExecutes(proxy, () => judge(unbatched, PROGRAMS["a right program"]!))).toBe(1 + TASK.tests.length);
    }
  });

  test("before its self-test the backend does not batch, even when asked to", async () => {
    const untested = createPistonSandbox({ endpoints: [{ url: proxy.url, concurrency: 4 }], batchTests: 32 });
    expect(await countExecutes(proxy, () => judge(untested, PROGRAMS["a right program"]!))).toBe(1 + TASK.tests.length);
  });

  test("by default a server without the cached-compile extension (stock Piston's shape) is batched", async () => {
    const stockShaped = startPistonProxy(server.url, { stripExtensions: true });
    try {
      const sandbox = createPistonSandbox({ endpoints: [{ url: stockShaped.url, concurrency: 4 }] });
      await sandbox.selfTest();
      // One execute for prepare's compile check and one for the batch of six.
      expect(await countExecutes(stockShaped, () => judge(sandbox, PROGRAMS["a right program"]!))).toBe(2);
    } finally {
      stockShaped.stop();
    }
  });

  test("file-IO tests are not batched: each runs in an execute of its own, and is judged as locally", async () => {
    const fileIo: GradeTask = { ...TASK, inputFile: "sum.in", outputFile: "sum.out" };
    const source = cpp('freopen("sum.out", "w", stdout);');
    const checker = await createChecker({ type: "tokens" }, { sandbox: piston });
    let j: Judgement | null = null;
    const executes = await countExecutes(proxy, async () => {
      j = await gradeSubmission({ sandbox: piston, task: fileIo, source, checker, compileLimits: HACK_COMPILE_LIMITS });
    });
    expect([j!.verdict, j!.passed]).toEqual(["AC", 6]);
    expect(executes).toBe(1 + TASK.tests.length);
  });

  test("a right program is AC on all six tests in fewer executes than tests", async () => {
    let j: Judgement | null = null;
    const executes = await countExecutes(proxy, async () => {
      j = await judge(piston, PROGRAMS["a right program"]!);
    });
    expect([j!.verdict, j!.passed, j!.error]).toEqual(["AC", 6, undefined]);
    // One execute for prepare's compile check and one for the batch of six.
    expect(executes).toBe(2);
  });

  for (const [name, source] of Object.entries(PROGRAMS)) {
    test(`${name} gets the local verdict, passed count and test figures`, async () => {
      const [viaPiston, viaLocal] = [await judge(piston, source), await judge(local, source)];
      expect([viaPiston.verdict, viaPiston.passed, viaPiston.tests.length]).toEqual([viaLocal.verdict, viaLocal.passed, viaLocal.tests.length]);
      expect(viaPiston.error).toBeUndefined();
      if (name.startsWith("a right program")) expect(viaPiston.verdict).toBe("AC");
      else if (!name.startsWith("a program that kills")) expect(viaPiston.verdict).not.toBe("AC");
      for (const t of viaPiston.tests) expect(t.timeMs).toBeGreaterThanOrEqual(0);
    });
  }
});

describe("reading a batch report", () => {
  const plan = newBatchPlan(["1\n", "2\n", "3\n"], LIMITS, 1 << 16);
  const frame = (token: string, i: number, term: string, out: string) => `${token} R ${i} ${term} 0 0 5 6 700 ${Buffer.byteLength(out)} 0\n${out}`;

  test("takes the frames of the plan's token, in order, with their bodies", () => {
    const r = readBatchReport(frame(plan.token, 0, "x", "a\n") + frame(plan.token, 1, "x", "b\n") + `${plan.token} E 2\n`, plan);
    expect("outcomes" in r && r.outcomes.map((o) => [o.termination, o.stdout, o.timeMs, o.memoryKb])).toEqual([
      ["exited", "a\n", 5, 700],
      ["exited", "b\n", 5, 700],
    ]);
  });

  test("stops at a frame with another token, a skipped index or a body longer than the report", () => {
    const other = "f".repeat(32);
    expect(readBatchReport(frame(other, 0, "x", "a\n"), plan)).toEqual({ none: "no_report" });
    const skipped = readBatchReport(frame(plan.token, 0, "x", "a\n") + frame(plan.token, 2, "x", "c\n"), plan);
    expect("outcomes" in skipped && skipped.outcomes.length).toBe(1);
    expect(readBatchReport(`${plan.token} R 0 x 0 0 5 6 700 99 0\nshort`, plan)).toEqual({ none: "no_report" });
  });

  test("ends the outcomes at the first run that did not exit 0, and reads a compile failure", () => {
    const r = readBatchReport(frame(plan.token, 0, "w", "") + frame(plan.token, 1, "x", "b\n"), plan);
    expect("outcomes" in r && r.outcomes.map((o) => o.termination)).toEqual(["wall_time"]);
    expect(readBatchReport(`${plan.token} C\n`, plan)).toEqual({ none: "compile_failed" });
  });
});
