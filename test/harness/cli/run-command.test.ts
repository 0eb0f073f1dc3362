import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliResult, parseOneJson, REPO_ROOT, runCli } from "../../support/cli.ts";

interface ErrorJson {
  error: { category: string; message: string };
}

let dir: string;
let testlibProblem: string;
let sumSource: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-errors-"));
  // A problem whose checker includes testlib.h, next to its checker source (as the canonical fixture has it).
  const fixtures = join(REPO_ROOT, "test", "datasets", "fixtures");
  mkdirSync(join(dir, "checkers"));
  copyFileSync(join(fixtures, "checkers", "sum-checker.cpp"), join(dir, "checkers", "sum-checker.cpp"));
  const row = readFileSync(join(fixtures, "canonical.jsonl"), "utf8").split("\n").find((l) => l.includes('"sum-any"'));
  testlibProblem = join(dir, "sum-any.jsonl");
  writeFileSync(testlibProblem, `${row}\n`);
  sumSource = join(dir, "sum.py");
  writeFileSync(sumSource, "a, b = map(int, input().split())\nprint(a + b)\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A user error: exactly one line on stderr, no stack trace. */
function expectOneLine(r: CliResult): string {
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toContain("    at ");
  expect(r.stderr).not.toContain("internal error");
  return lines[0]!;
}

describe("exit codes and messages of failing commands", () => {
  test("serve with a --db file that does not exist exits 2 with one line saying how to get a database", async () => {
    const r = await runCli(["serve", "--db", join(dir, "missing.db"), "--port", "0"]);
    expect(r.code).toBe(2);
    const line = expectOneLine(r);
    expect(line).toContain("missing.db");
    expect(line).toContain("bun run eval");
  });

  test("a testlib checker without --testlib exits 2 with one line naming --testlib", async () => {
    const r = await runCli(["judge", "--problem", testlibProblem, "--source", sumSource], { env: { HARNESS_TESTLIB_DIR: "" } });
    expect(r.code).toBe(2);
    expect(expectOneLine(r)).toContain("--testlib");
  });

  test("with --json, a testlib checker without --testlib also prints a usage error object on stdout", async () => {
    const r = await runCli(["judge", "--problem", testlibProblem, "--source", sumSource, "--json"], { env: { HARNESS_TESTLIB_DIR: "" } });
    expect(r.code).toBe(2);
    const out = parseOneJson<ErrorJson>(r);
    expect(out.error.category).toBe("usage");
    expect(out.error.message).toContain("--testlib");
  });

  test("a malformed problem file exits 2 naming the file and line, and --json prints a dataset error object", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, '{"id": "x", "statement": "s", "tests": [\n');
    const r = await runCli(["judge", "--problem", bad, "--source", sumSource, "--json"]);
    expect(r.code).toBe(2);
    expect(expectOneLine(r)).toContain(`${bad}:1`);
    expect(parseOneJson<ErrorJson>(r).error.category).toBe("dataset");
  });

  test("a sample naming an unknown problem id exits 2, and --json prints a dataset error object naming the id", async () => {
    const dataset = join(dir, "one.json");
    writeFileSync(dataset, JSON.stringify({ id: "one", statement: "Print 1.", tests: [{ input: "", output: "1\n" }] }));
    const samples = join(dir, "unknown.jsonl");
    writeFileSync(samples, `${JSON.stringify({ problem_id: "two", completion: "print(1)" })}\n`);
    const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--db", join(dir, "u.db"), "--json", "--quiet"]);
    expect(r.code).toBe(2);
    expectOneLine(r);
    const out = parseOneJson<ErrorJson>(r);
    expect(out.error.category).toBe("dataset");
    expect(out.error.message).toContain("'two'");
  });

  test("a judge whose python3 is a broken binary fails its self-test at start-up: one line, exit 1, a sandbox error object", async () => {
    const dataset = join(dir, "one-broken.json");
    writeFileSync(dataset, JSON.stringify({ id: "one", statement: "Print 1.", tests: [{ input: "", output: "1\n" }] }));
    const samples = join(dir, "one.jsonl");
    writeFileSync(samples, `${JSON.stringify({ problem_id: "one", completion: "print(1)", language: "python" })}\n`);
    const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--db", join(dir, "broken.db"), "--json", "--quiet"], {
      env: { HARNESS_PYTHON3: "/bin/false" },
    });
    expect(r.code).toBe(1);
    const line = expectOneLine(r);
    expect(line).toContain("self-test for python");
    expect(line).toContain("HARNESS_PYTHON3");
    expect(parseOneJson<ErrorJson>(r).error.category).toBe("sandbox");
  });

  test("--judge-opt sets a backend setting the same way: judge with python3=/usr/bin/false fails its self-test with exit 1", async () => {
    const r = await runCli(["judge", "--problem", testlibProblem, "--source", sumSource, "--judge-opt", "python3=/usr/bin/false"]);
    expect(r.code).toBe(1);
    expect(expectOneLine(r)).toContain("failed its self-test for python");
  });

  test("a --judge-opt key the backend does not take exits 2 listing the keys it takes", async () => {
    const r = await runCli(["judge", "--problem", testlibProblem, "--source", sumSource, "--judge-opt", "pool=4"]);
    expect(r.code).toBe(2);
    expect(expectOneLine(r)).toContain("gxx, python3, bwrap, cache-dir");
  });

  test("a malformed option value exits 2 with one line pointing at --help, and --json prints a usage error object", async () => {
    const r = await runCli(["eval", "--ks", "0", "--json"]);
    expect(r.code).toBe(2);
    expect(expectOneLine(r)).toBe("error: option '--ks <list>' argument '0' is invalid. expected a positive integer (see --help)");
    expect(parseOneJson<ErrorJson>(r).error).toEqual({ category: "usage", message: "option '--ks <list>' argument '0' is invalid. expected a positive integer" });
  });

  test("a --since that is not a date exits 2 with one line giving an example date", async () => {
    const dataset = join(dir, "dated.json");
    writeFileSync(dataset, JSON.stringify({ id: "d", statement: "Print 1.", tests: [{ input: "", output: "1\n" }], contest_date: "2024-09-01" }));
    const samples = join(dir, "dated.jsonl");
    writeFileSync(samples, `${JSON.stringify({ problem_id: "d", completion: "print(1)" })}\n`);
    const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--since", "2024-13-45", "--db", join(dir, "d.db"), "--quiet"]);
    expect(r.code).toBe(2);
    expect(expectOneLine(r)).toBe(`error: --since: not an ISO 8601 date: "2024-13-45" (expected e.g. 2024-08-01)`);
  });

  test("leaderboard --json on a database that does not exist prints a usage error object and exits 2", async () => {
    const r = await runCli(["leaderboard", "--db", join(dir, "none.db"), "--json"]);
    expect(r.code).toBe(2);
    expectOneLine(r);
    expect(parseOneJson<ErrorJson>(r).error.category).toBe("usage");
  });
});
