/** The reward server with the real judge: extraction, grader and the local bubblewrap sandbox. */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { join } from "node:path";
import type { Problem } from "../../../datasets/types.ts";
import { startRewardServer, type RewardServer } from "../../../harness/reward-server/index.ts";
import { createRealJudge } from "./real-judge.ts";

// Real compiles (a first C++ compile builds the precompiled header) outlast bun's 5 s default.
setDefaultTimeout(60_000);

const double: Problem = {
  id: "double",
  statement: "Print 2n.",
  mode: "stdio",
  tests: [
    { input: "2\n", output: "4\n", kind: "public" },
    { input: "3\n", output: "6\n", kind: "public" },
    { input: "5\n", output: "10\n", kind: "private" },
    { input: "7\n", output: "14\n", kind: "private" },
  ],
  time_limit_ms: 1000,
  memory_limit_mb: 256,
  checker: { type: "tokens" },
  languages: ["python", "cpp"],
  source: "codeforces",
  difficulty: "B",
  tags: [],
};

const py = (code: string) => "```python\n" + code + "\n```";
const COMPLETIONS = {
  right: py("n = int(input())\nprint(2 * n)"),
  plusTwo: py("n = int(input())\nprint(n + 2)"),
  overfit: py("n = int(input())\nprint({2: 4, 3: 6}.get(n, 0))"),
  syntax: py("def main(:\n    pass"),
  spin: py("while True:\n    pass"),
  cpp: "```cpp\n#include <iostream>\nint main() { long long n; std::cin >> n; std::cout << 2 * n << std::endl; }\n```",
  prose: "Multiply by two.",
};

const { judge, sandbox } = createRealJudge();
let server: RewardServer;
beforeAll(async () => {
  server = await startRewardServer({ judge, problems: new Map([["double", double]]), port: 0, concurrency: 2 });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close?.();
});

async function rewards(schema: string, names: (keyof typeof COMPLETIONS)[], tests: "all" | "public" = "all") {
  const res = await fetch(`${server.url}/v1/rewards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ schema, tests, items: names.map((n) => ({ id: n, problem_id: "double", completion: COMPLETIONS[n] })) }),
  });
  const body = (await res.json()) as { results: { id: string; reward: number | null; verdict: string; status: string }[] };
  return Object.fromEntries(body.results.map((r) => [r.id, [r.reward, r.verdict]]));
}

describe("reward server with the real judge", () => {
  test("a request names the language by any alias (Python, python3, py, c++, C++, cxx); an unknown one is a 400 naming the field", async () => {
    const pyCode = "n = int(input())\nprint(2 * n)";
    const cppCode = "#include <iostream>\nint main() { long long n; std::cin >> n; std::cout << 2 * n << std::endl; }";
    const untagged = (code: string) => "```\n" + code + "\n```";
    const items = [
      ...["Python", "python3", "py"].map((language) => ({ id: language, problem_id: "double", completion: untagged(pyCode), language })),
      ...["c++", "C++", "cxx"].map((language) => ({ id: language, problem_id: "double", completion: untagged(cppCode), language })),
      // The alias really selects C++: a Python-only completion has no C++ code to judge.
      { id: "c++ asked, python given", problem_id: "double", completion: py(pyCode), language: "c++" },
    ];
    const post = (body: unknown) => fetch(`${server.url}/v1/rewards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const res = await post({ schema: "binary", items });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { id: string; verdict: string }[] };
    expect(Object.fromEntries(body.results.map((r) => [r.id, r.verdict]))).toEqual({
      Python: "AC",
      python3: "AC",
      py: "AC",
      "c++": "AC",
      "C++": "AC",
      cxx: "AC",
      "c++ asked, python given": "NO_CODE",
    });
    const bad = await post({ schema: "binary", items: [{ id: 1, problem_id: "double", completion: py(pyCode), language: "cobol" }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^items\[0\]\.language: unknown language 'cobol' \(known: cpp, python, /);
  });

  test("binary and pass-rate reward real programs by their real verdicts", async () => {
    expect(await rewards("binary", ["right", "plusTwo", "syntax", "prose", "cpp"])).toEqual({
      right: [1, "AC"],
      plusTwo: [0, "WA"],
      syntax: [0, "CE"],
      prose: [0, "NO_CODE"],
      cpp: [1, "AC"],
    });
    // n+2 is right only for n=2: one test of four when every test runs.
    expect((await rewards("pass-rate", ["plusTwo"])).plusTwo).toEqual([0.25, "WA"]);
  });

  test("exec-signal and tiered read compile errors, timeouts and difficulty from real runs", async () => {
    const exec = await rewards("exec-signal", ["plusTwo", "syntax", "spin"]);
    expect(exec).toEqual({ plusTwo: [1, "WA"], syntax: [-0.5, "CE"], spin: [-1, "TLE"] });
    // Codeforces B weighs 1.1 in tiered.
    expect((await rewards("tiered", ["right"])).right![0]).toBeCloseTo(1.1, 12);
  });

  test("a program overfit to the public tests is rewarded on public tests and not on all", async () => {
    expect((await rewards("binary", ["overfit"], "public")).overfit).toEqual([1, "AC"]);
    expect((await rewards("binary", ["overfit"], "all")).overfit).toEqual([0, "WA"]);
  });

  test("the TRL shim gets the same rewards through python3", async () => {
    const code = `
import asyncio, json
from trl_reward import make_reward_func
f = make_reward_func(schema="binary")
print(json.dumps(asyncio.run(f(["p"] * 3, ${JSON.stringify([COMPLETIONS.right, COMPLETIONS.plusTwo, COMPLETIONS.prose])}, problem_id=["double"] * 3))))`;
    const proc = Bun.spawn(["/usr/bin/python3", "-c", code], {
      cwd: join(import.meta.dir, "../../../trainers/shims"),
      env: { PATH: "/usr/bin:/bin", REWARD_SERVER_URL: server.url },
      stdout: "pipe",
      stderr: "pipe",
    });
    const out = await new Response(proc.stdout).text();
    expect(await proc.exited).toBe(0);
    expect(JSON.parse(out.trim())).toEqual([1, 0, 0]);
  });
});
