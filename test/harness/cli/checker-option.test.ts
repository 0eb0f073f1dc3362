/**
 * `--checker` and the checker policy through the CLI, on a real rllm codeforces row (the clock
 * problem, whose statement accepts YES/NO in any case) and real code_contests rows.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../../support/cli.ts";

const REAL = join(import.meta.dir, "..", "..", "datasets", "fixtures", "real");
const CLOCK_SOLUTION = `import sys
data = sys.stdin.read().split()
for i in range(int(data[0])):
    a, b, c, d = map(int, data[1 + 4 * i: 5 + 4 * i])
    lo, hi = min(a, b), max(a, b)
    print("yes" if (lo < c < hi) != (lo < d < hi) else "no")
`;

let dir: string;
let problem: string;
let source: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "checker-cli-"));
  const rows = readFileSync(join(REAL, "rllm-codeforces-rows.jsonl"), "utf8").trim().split("\n");
  problem = join(dir, "clock.jsonl");
  writeFileSync(problem, `${rows[2]}\n`);
  source = join(dir, "clock.py");
  writeFileSync(source, CLOCK_SOLUTION);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("judge --checker", () => {
  test("by default (auto) a correct answer in lower case is AC on a row whose statement accepts any case", async () => {
    const r = await runCli(["judge", "--problem", problem, "--source", source, "--json"]);
    expect(parseOneJson<{ verdict: string }>(r).verdict).toBe("AC");
  }, 120_000);

  test("--checker tokens compares tokens exactly, and the same answer is WA", async () => {
    const r = await runCli(["judge", "--problem", problem, "--source", source, "--checker", "tokens", "--json"]);
    expect(parseOneJson<{ verdict: string }>(r).verdict).toBe("WA");
  }, 120_000);

  test("an unknown checker name is a usage error (exit 2) naming the known ones", async () => {
    const r = await runCli(["judge", "--problem", problem, "--source", source, "--checker", "fuzzy"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown checker "fuzzy"');
    expect(r.stderr).toContain("livecodebench");
  }, 120_000);
});

test("datasets inspect counts the problems that need a checker", async () => {
  const r = await runCli(["datasets", "inspect", join(REAL, "rllm-code-contests-rows.jsonl")]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("needs a checker: 1");
}, 120_000);

test("serve --rewards and datasets filter-by-reward refuse an unknown checker with exit 2", async () => {
  const serve = await runCli(["serve", "--rewards", "--checker", "fuzzy", "--port", "0"]);
  expect(serve.code).toBe(2);
  expect(serve.stderr).toContain('unknown checker "fuzzy"');
  const out = join(dir, "kept.jsonl");
  const report = join(dir, "report.json");
  const filter = await runCli(["datasets", "filter-by-reward", problem, "--solutions-from", "solutions", "--out", out, "--report", report, "--checker", "fuzzy"]);
  expect(filter.code).toBe(2);
  expect(filter.stderr).toContain('unknown checker "fuzzy"');
}, 120_000);
