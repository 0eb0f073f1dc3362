/**
 * LeetCode-style problems judged in the real sandbox the way their sources judge them: the source's
 * prelude runs before the candidate (and before the tests), and an answer that writes the whole
 * `class Solution` is called as `Solution().method`, never pasted after the starter code.
 * rllm's leetcode test set is real (agentica-project/rllm); the LiveCodeBench and APPS rows are
 * built to their published schemas (test/datasets/fixtures/livecodebench.jsonl, apps.jsonl).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { filterReferenceSolutions } from "../../../harness/eval/filter-by-reward.ts";
import { createSampleJudge } from "../../../harness/eval/judge-sample.ts";
import type { SampleInput } from "../../../harness/types.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { useTempDir } from "../../datasets/temp-files.ts";
import { RLLM_CODEFORCES_ROWS, RLLM_LEETCODE_GZ } from "../../support/real-data.ts";

const { dir } = useTempDir();
const sandbox = createLocalSandbox({ cacheDir: join(dir, "cache") });
afterAll(() => sandbox.close?.());
const judge = createSampleJudge({ sandbox, makeChecker: (spec) => createChecker(spec, { sandbox }) });

const leetcode = (await loadAll({ path: RLLM_LEETCODE_GZ })).problems;
const fixture = (name: string) => new URL(`../../datasets/fixtures/${name}`, import.meta.url).pathname;
const lcbMaxSum = (await loadAll({ path: fixture("livecodebench.jsonl") })).problems[1] as Problem;
const appsTwoSum = (await loadAll({ path: fixture("apps.jsonl") })).problems[1] as Problem;

const fenced = (code: string) => `Here is my solution.\n\n\`\`\`python\n${code.trimEnd()}\n\`\`\`\n`;
const verdictOf = async (problem: Problem, sample: Omit<SampleInput, "problemId">) => (await judge(problem, { problemId: problem.id, ...sample })).verdict;

describe("rllm leetcode reference solutions through filter-by-reward (real sandbox)", () => {
  test("all 200 are AC: the prelude supplies List, deque, heapify, inf..., and sortedcontainers is installed", async () => {
    const r = await filterReferenceSolutions(leetcode, { judge, concurrency: 2 });
    expect({ judged: r.judged, verdicts: r.verdicts, system_errors: r.system_errors }).toEqual({ judged: 200, verdicts: { AC: 200 }, system_errors: 0 });
    expect(r.problems.length).toBe(200);
  });

  test("without the prelude the first reference is RE (List undefined), as the issue found", async () => {
    const [first] = leetcode as [Problem];
    const { prelude: _dropped, ...bare } = first;
    const judged = await judge(bare, { problemId: first.id, completion: first.solutions![0]!.code, language: "python", raw: true });
    expect(judged.verdict).toBe("RE");
    expect(judged.judgement?.tests[0]?.checkerMessage ?? judged.judgement?.error ?? "").toContain("List");
  });
});

describe("stdin programs of these sources get the prelude too", () => {
  test("an rllm codeforces row: a Python program using sys and deque unimported is AC, as rllm's TACO tester runs it", async () => {
    const [minMax] = (await loadAll({ path: RLLM_CODEFORCES_ROWS })).problems as [Problem];
    expect(minMax.prelude).toContain("from collections import Counter, OrderedDict, deque, defaultdict, ChainMap");
    const program = [
      "data = sys.stdin.read().split()",
      "out = deque()",
      "for i in range(int(data[0])):",
      "    x, y = int(data[1 + 2 * i]), int(data[2 + 2 * i])",
      "    out.append('%d %d' % (min(x, y), max(x, y)))",
      "print('\\n'.join(out))",
    ].join("\n");
    const judged = await judge(minMax, { problemId: minMax.id, completion: fenced(program) });
    expect([judged.verdict, judged.extraction.notes.preludeApplied]).toEqual(["AC", true]);
  });
});

describe("a whole class Solution answer is judged as the sources judge it", () => {
  const rows = leetcode.slice(0, 5);

  test("rllm leetcode: the reference class as a fenced completion, a bare completion and a solution field is AC", async () => {
    for (const p of rows) {
      const code = p.solutions![0]!.code;
      expect([p.id, await verdictOf(p, { completion: fenced(code) })]).toEqual([p.id, "AC"]);
      expect([p.id, await verdictOf(p, { completion: code })]).toEqual([p.id, "AC"]);
      expect([p.id, await verdictOf(p, { completion: code, field: "solution" })]).toEqual([p.id, "AC"]);
    }
  });

  test("rllm leetcode: a class whose method returns a wrong value is WA", async () => {
    const [p] = rows as [Problem];
    const wrong = "class Solution:\n    def minOperations(self, nums: List[int], k: int) -> int:\n        return len(nums)\n";
    expect(await verdictOf(p, { completion: fenced(wrong) })).toBe("WA");
  });

  test("LiveCodeBench functional row with starter code: the fenced class and the starter-code continuation are AC", async () => {
    const whole = "class Solution:\n    def maxSum(self, nums: List[int], k: int) -> int:\n        return sum(sorted(nums)[-k:])\n";
    const judged = await judge(lcbMaxSum, { problemId: lcbMaxSum.id, completion: fenced(whole) });
    expect([judged.verdict, judged.extraction.notes.prefixJoined, judged.extraction.notes.preludeApplied]).toEqual(["AC", false, true]);
    expect(await verdictOf(lcbMaxSum, { completion: "return sum(sorted(nums)[-k:])\n".replace(/^/, "        ") })).toBe("AC");
    expect(await verdictOf(lcbMaxSum, { completion: whole, field: "solution" })).toBe("AC");
    const wrong = whole.replace("[-k:]", "[:k]");
    expect(await verdictOf(lcbMaxSum, { completion: fenced(wrong) })).toBe("WA");
  });

  test("APPS call-based row with starter code: a fenced class using List without importing it is AC", async () => {
    const whole = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n";
    expect(await verdictOf(appsTwoSum, { completion: fenced(whole) })).toBe("AC");
  });
});
