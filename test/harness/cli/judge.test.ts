import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../../support/cli.ts";

let dir: string;
let problem: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "judge-cli-"));
  problem = join(dir, "P.json");
  writeFileSync(
    problem,
    JSON.stringify({
      id: "max",
      statement: "Print the largest of the numbers on the line.",
      tests: [
        { input: "1 5 3\n", output: "5\n", kind: "public" },
        { input: "-1 -7\n", output: "-1\n" },
        { input: "4\n", output: "4\n" },
      ],
      time_limit_ms: 1000,
      memory_limit_mb: 128,
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JudgeJson {
  verdict: string;
  tests: { verdict: string; time_ms: number; memory_kb: number }[];
}

describe("bun run judge", () => {
  test("judges a C++ source file and prints the verdict and per-test results as JSON", async () => {
    const src = join(dir, "sol.cpp");
    writeFileSync(src, "#include <bits/stdc++.h>\nint main(){long long x,b=LLONG_MIN;while(std::cin>>x)b=std::max(b,x);std::cout<<b<<'\\n';}\n");
    const r = await runCli(["judge", "--problem", problem, "--source", src, "--json"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<JudgeJson>(r);
    expect(out.verdict).toBe("AC");
    expect(out.tests).toHaveLength(3);
    for (const t of out.tests) {
      expect(t.verdict).toBe("AC");
      expect(t.time_ms).toBeGreaterThanOrEqual(0);
      expect(t.memory_kb).toBeGreaterThan(0);
    }
  });

  test("--lang takes any alias of the language table (cxx, C++, python3) and refuses an unknown one with exit 2", async () => {
    const src = join(dir, "max.txt");
    writeFileSync(src, "#include <bits/stdc++.h>\nint main(){long long x,b=LLONG_MIN;while(std::cin>>x)b=std::max(b,x);std::cout<<b<<'\\n';}\n");
    for (const lang of ["cxx", "C++"]) {
      const out = parseOneJson<JudgeJson & { language: string }>(await runCli(["judge", "--problem", problem, "--source", src, "--lang", lang, "--json"]));
      expect([out.language, out.verdict]).toEqual(["cpp", "AC"]);
    }
    const py = join(dir, "max-py.txt");
    writeFileSync(py, "print(max(map(int, input().split())))\n");
    const out = parseOneJson<JudgeJson & { language: string }>(await runCli(["judge", "--problem", problem, "--source", py, "--lang", "python3", "--json"]));
    expect([out.language, out.verdict]).toEqual(["python", "AC"]);
    const bad = await runCli(["judge", "--problem", problem, "--source", py, "--lang", "cobol"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--lang: unknown language 'cobol' (known: cpp, python,");
  });

  test("stops at the first failing test by default and runs them all with --all-tests", async () => {
    const src = join(dir, "first.py");
    // Prints the first number: wrong on test 1 only.
    writeFileSync(src, "print(input().split()[0])\n");
    const early = parseOneJson<JudgeJson>(await runCli(["judge", "--problem", problem, "--source", src, "--json", "--judge", "local"]));
    expect(early.verdict).toBe("WA");
    expect(early.tests.map((t) => t.verdict)).toEqual(["WA"]);
    const all = parseOneJson<JudgeJson>(await runCli(["judge", "--problem", problem, "--source", src, "--json", "--all-tests"]));
    expect(all.verdict).toBe("WA");
    expect(all.tests.map((t) => t.verdict)).toEqual(["WA", "AC", "AC"]);
  });

  test("--lang overrides the extension", async () => {
    const src = join(dir, "solution.txt");
    writeFileSync(src, "print(max(map(int, input().split())))\n");
    const r = await runCli(["judge", "--problem", problem, "--source", src, "--lang", "python", "--json"]);
    expect(parseOneJson<JudgeJson>(r).verdict).toBe("AC");
    const unknown = await runCli(["judge", "--problem", problem, "--source", src, "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--lang");
  });

  test("a compile error is a CE verdict, and the exit code stays 0 because a verdict is data", async () => {
    const src = join(dir, "broken.cpp");
    writeFileSync(src, "int main( {\n");
    const r = await runCli(["judge", "--problem", problem, "--source", src, "--json"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<JudgeJson & { compile: { ok: boolean; log: string } }>(r);
    expect(out.verdict).toBe("CE");
    expect(out.compile.ok).toBe(false);
    expect(out.compile.log).toContain("error");
  });
});
