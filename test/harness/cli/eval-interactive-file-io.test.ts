import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RULER_INTERACTOR, RULER_OFF_BY_ONE, RULER_SOLUTION, RULER_TESTS } from "../../judges/hacks/ruler-task.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";

// Each eval starts the judge's self-test and compiles in the sandbox, on a busy 2-core machine.
setDefaultTimeout(240_000);

// Six real rllm rows: 1, 2 (codeforces) and 4, 5 (code_contests) interactive; 3 and 6 not.
const RLLM = join(import.meta.dir, "..", "..", "datasets", "fixtures", "rllm-interactive.jsonl");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "eval-interactive-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EvalJson {
  problems: number;
  samples: number;
  verdicts: Record<string, number>;
  excluded?: { id: string; reason: string }[];
}

const fenced = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

function writeJsonl(name: string, rows: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

async function evalJson(dataset: string, samples: string, name: string) {
  const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--name", name, "--db", join(dir, "h.db"), "--json"]);
  if (r.code !== 0) throw new Error(`eval exited ${r.code}: ${r.stderr}`);
  return { out: parseOneJson<EvalJson>(r), stderr: r.stderr };
}

describe("bun run eval on interactive and file-IO problems", () => {
  test("interactive rllm problems without an interactor are excluded with the reason, never scored WA", async () => {
    const samples = writeJsonl("rllm.samples.jsonl", [
      { problem_id: "deepcoder/3", completion: fenced("python", "t = int(input())\nfor _ in range(t):\n    print(sum(map(int, input().strip())))"), model: "m" },
      { problem_id: "deepcoder/1", completion: fenced("python", 'print("? 3 5")'), model: "m" },
      { problem_id: "deepcoder/4", completion: fenced("python", "print(1)"), model: "m" },
    ]);
    const { out, stderr } = await evalJson(RLLM, samples, "rllm-interactive");
    expect(out.excluded?.map((e) => e.id)).toEqual(["deepcoder/1", "deepcoder/2", "deepcoder/4", "deepcoder/5"]);
    expect(out.excluded?.[0]?.reason).toContain("interactive problem without an interactor");
    expect(out.samples).toBe(1);
    expect(out.verdicts).toMatchObject({ AC: 1 });
    expect(stderr).toContain("excluded from scores: 4 of 6 problems");
  });

  test("judge on an interactive problem without an interactor exits 2 with the reason instead of a verdict", async () => {
    const problem = writeJsonl("one-interactive.jsonl", [JSON.parse(readFileSync(RLLM, "utf8").split("\n")[0] ?? "{}")]);
    const source = join(dir, "guess.py");
    writeFileSync(source, 'print("! 4")\n');
    const r = await runCli(["judge", "--problem", problem, "--source", source, "--json"]);
    expect(r.code).toBe(2);
    expect(parseOneJson<{ error: { category: string; message: string } }>(r).error).toEqual({
      category: "dataset",
      message: expect.stringContaining("interactive problem without an interactor"),
    });
  });

  test("an interactive problem with an interactor is judged: the right dialogue is AC, a wrong answer WA", async () => {
    const statement = (JSON.parse(readFileSync(RLLM, "utf8").split("\n")[0] ?? "{}") as { problem: string }).problem;
    const dataset = writeJsonl("ruler.jsonl", [
      { id: "ruler-easy", statement, interactive: true, interactor: { source: RULER_INTERACTOR, language: "cpp" }, tests: RULER_TESTS, time_limit_ms: 2000, languages: ["python"] },
    ]);
    const samples = writeJsonl("ruler.samples.jsonl", [
      { problem_id: "ruler-easy", completion: fenced("python", RULER_SOLUTION), model: "m" },
      { problem_id: "ruler-easy", completion: fenced("python", RULER_OFF_BY_ONE), model: "m" },
    ]);
    const { out } = await evalJson(dataset, samples, "ruler");
    expect(out.excluded).toBeUndefined();
    expect(out.verdicts).toMatchObject({ AC: 1, WA: 1 });
  });

  test("an interactor that includes testlib.h needs --testlib, and compiles with the header found there", async () => {
    // A stand-in header written here (the project ships no testlib): the interactor only needs it to exist.
    const testlib = join(dir, "testlib");
    mkdirSync(testlib, { recursive: true });
    writeFileSync(join(testlib, "testlib.h"), "#pragma once\nstatic const int kStandIn = 1;\n");
    const statement = "This is an interactive problem.";
    const dataset = writeJsonl("ruler-testlib.jsonl", [
      { id: "ruler-testlib", statement, interactor: { source: `#include "testlib.h"\n${RULER_INTERACTOR}`, language: "cpp" }, tests: RULER_TESTS, languages: ["python"] },
    ]);
    const samples = writeJsonl("ruler-testlib.samples.jsonl", [{ problem_id: "ruler-testlib", completion: fenced("python", RULER_SOLUTION), model: "m" }]);
    const missing = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--name", "no-testlib", "--db", join(dir, "h.db"), "--json"], { env: { HARNESS_TESTLIB_DIR: "" } });
    expect(missing.code).toBe(2);
    expect(parseOneJson<{ error: { message: string } }>(missing).error.message).toContain("the interactor of problem ruler-testlib: it includes \"testlib.h\"");
    const r = await runCli(["eval", "--dataset", dataset, "--samples", samples, "--name", "with-testlib", "--db", join(dir, "h.db"), "--testlib", testlib, "--json"]);
    expect(r.code).toBe(0);
    expect(parseOneJson<EvalJson>(r).verdicts).toMatchObject({ AC: 1 });
  });

  test("a CodeContests file-IO problem is AC for Python and C++ programs that use the files, and for stdio ones", async () => {
    // Built to the published deepmind/code_contests schema (no real file-IO row could be cut offline):
    // the same field names and types, input_file/output_file set as in its Codeforces file problems.
    const dataset = writeJsonl("file-io.jsonl", [
      {
        name: "0_A. Elevator hand",
        description: "A passenger enters by the front or back door and holds rail 1 or 2. Print L or R, the hand used.\n\nInput\n\nThe file input.txt holds the door, then the rail.\n\nOutput\n\nWrite L or R to output.txt.",
        public_tests: { input: ["front\n1\n"], output: ["L\n"] },
        private_tests: { input: ["back\n1\n", "front\n2\n", "back\n2\n"], output: ["R\n", "R\n", "L\n"] },
        generated_tests: { input: [], output: [] },
        source: 2,
        difficulty: 7,
        solutions: { language: [], solution: [] },
        incorrect_solutions: { language: [], solution: [] },
        cf_contest_id: 120,
        cf_index: "A",
        cf_points: 0,
        cf_rating: 1000,
        cf_tags: ["brute force", "implementation", "math"],
        is_description_translated: false,
        untranslated_description: "",
        time_limit: { seconds: 2, nanos: 0 },
        memory_limit_bytes: 268435456,
        input_file: "input.txt",
        output_file: "output.txt",
      },
    ]);
    const python = "door, rail = open('input.txt').read().split()\nleft = (door == 'front') == (rail == '1')\nopen('output.txt', 'w').write('L' if left else 'R')";
    const cpp = `#include <bits/stdc++.h>
int main() {
  freopen("input.txt", "r", stdin);
  freopen("output.txt", "w", stdout);
  std::string door; int rail;
  std::cin >> door >> rail;
  std::cout << (((door == "front") == (rail == 1)) ? "L" : "R") << "\\n";
}`;
    const stdio = "door = input().strip()\nrail = input().strip()\nprint('L' if (door == 'front') == (rail == '1') else 'R')";
    const samples = writeJsonl("file-io.samples.jsonl", [
      { problem_id: "0_A. Elevator hand", completion: fenced("python", python), model: "m" },
      { problem_id: "0_A. Elevator hand", completion: fenced("cpp", cpp), model: "m" },
      { problem_id: "0_A. Elevator hand", completion: fenced("python", stdio), model: "m" },
      { problem_id: "0_A. Elevator hand", completion: fenced("python", python.replace("'L' if left else 'R'", "'R' if left else 'L'")), model: "m" },
    ]);
    const { out } = await evalJson(dataset, samples, "file-io");
    expect(out.verdicts).toMatchObject({ AC: 3, WA: 1 });
  });
});
