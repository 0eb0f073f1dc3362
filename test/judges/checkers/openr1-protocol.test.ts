/**
 * open-r1 generated checkers (cms argument order: input, answer, output) read as open-r1's grader
 * reads them: right when the checker exits 0 and prints 1 or 100. The checkers here are built to
 * that published protocol (guipenedo/piston packages/codeforces/1.0.0/run); no real open-r1
 * checker source is shipped in the repository.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChecker } from "../../../judges/checkers/index.ts";
import { readOpenr1Outcome } from "../../../judges/checkers/protocols.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { RunOutcome, Sandbox } from "../../../judges/types.ts";

const outcome = (o: Partial<RunOutcome>): RunOutcome => ({
  termination: "exited",
  exitCode: 0,
  signal: null,
  timeMs: 1,
  wallMs: 1,
  memoryKb: 0,
  stdout: "",
  stderr: "",
  ...o,
});

describe("reading an open-r1 checker's run", () => {
  test("1 and 100 on exit 0 are right, whitespace ignored", () => {
    expect(readOpenr1Outcome(outcome({ stdout: "100\n" }))).toMatchObject({ kind: "decision", result: { verdict: "AC" } });
    expect(readOpenr1Outcome(outcome({ stdout: " 1 \n" }))).toMatchObject({ kind: "decision", result: { verdict: "AC" } });
  });

  test("0 or any other print is wrong, not a checker failure", () => {
    expect(readOpenr1Outcome(outcome({ stdout: "0\n" }))).toMatchObject({ kind: "decision", result: { verdict: "WA" } });
    expect(readOpenr1Outcome(outcome({ stdout: "50\n" }))).toMatchObject({ kind: "decision", result: { verdict: "WA" } });
  });

  test("a non-zero exit is wrong even after printing 1, as open-r1 requires exit code 0", () => {
    const r = readOpenr1Outcome(outcome({ termination: "nonzero", exitCode: 1, stdout: "1\n", stderr: "Traceback" }));
    expect(r).toMatchObject({ kind: "decision", result: { verdict: "WA" } });
    expect(r.kind === "decision" ? r.result.message : "").toContain("exited with code 1");
  });

  test("a run stopped by our limits is left undecided, to be settled against the reference", () => {
    expect(readOpenr1Outcome(outcome({ termination: "wall_time", exitCode: null })).kind).toBe("undecided");
  });
});

const PRINTS_100 = `import sys
inp, ans, out = sys.argv[1:4]
n = int(open(inp).read().split()[0])
a, b = map(int, open(out).read().split())
print(100 if a > 0 and b > 0 and a + b == n else 0)
`;

describe("open-r1 checkers run in the sandbox", () => {
  let workDir: string;
  let sandbox: Sandbox;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), "checkers-openr1-"));
    sandbox = createLocalSandbox({ cacheDir: join(workDir, "cache") });
  });
  afterAll(async () => {
    await sandbox.close?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a checker that prints 100 gives AC for another valid pair and WA for a wrong one", async () => {
    const check = await createChecker({ type: "cms", source: PRINTS_100, language: "python", protocol: "openr1" }, { sandbox });
    expect((await check("2 3\n", "1 4\n", { input: "5\n" })).verdict).toBe("AC");
    expect((await check("2 2\n", "1 4\n", { input: "5\n" })).verdict).toBe("WA");
  }, 60_000);

  test("a checker that raises on malformed output gives WA, not SE", async () => {
    const check = await createChecker({ type: "cms", source: PRINTS_100, language: "python", protocol: "openr1" }, { sandbox });
    const r = await check("two three\n", "1 4\n", { input: "5\n" });
    expect(r.verdict).toBe("WA");
    expect(r.message).toContain("exited with code 1");
  }, 60_000);

  test("the checker reads both outputs without their empty lines, as open-r1 hands them over", async () => {
    const source = `import sys
inp, ans, out = sys.argv[1:4]
print(1 if "" not in open(out).read().split("\\n")[:-1] and "\\r" not in open(ans).read() else 0)
`;
    const check = await createChecker({ type: "cms", source, language: "python", protocol: "openr1" }, { sandbox });
    expect((await check("\n1\n\n2\n", "1\r\n\r\n2\r\n", { input: "" })).verdict).toBe("AC");
  }, 60_000);
});
