/**
 * The checker policy end to end in the real sandbox, on real rllm rows (fixtures/real): a correct
 * program whose answers differ from the expected output only in letter case is AC where the
 * statement accepts any case (it was WA under token comparison), and a wrong program stays WA.
 * `--checker tokens` restores the old comparison, and problems still carrying `auto` (inline
 * reward-server problems) are resolved by the judge itself.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { autoChecker } from "../../../datasets/checker-policy.ts";
import { openDataset } from "../../../datasets/open.ts";
import type { Problem } from "../../../datasets/types.ts";
import { filterReferenceSolutions } from "../../../harness/eval/filter-by-reward.ts";
import { createSampleJudge } from "../../../harness/eval/judge-sample.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { useTempDir } from "../../datasets/temp-files.ts";

const { dir } = useTempDir();
const sandbox = createLocalSandbox({ cacheDir: join(dir, "cache") });
afterAll(() => sandbox.close?.());
const makeChecker = (spec: Parameters<typeof createChecker>[0]) => createChecker(spec, { sandbox });

const ROWS = new URL("../../datasets/fixtures/real/rllm-codeforces-rows.jsonl", import.meta.url).pathname;
const clockOf = async (checker?: string) => (await openDataset(ROWS, { checker })).problems[2] as Problem;

/** Codeforces 1971C (the clock row): the strings cross when exactly one of c, d lies strictly between a and b. */
const clockSolution = (yes: string, no: string) => `
import sys
data = sys.stdin.read().split()
t = int(data[0])
out = []
for i in range(t):
    a, b, c, d = map(int, data[1 + 4 * i: 5 + 4 * i])
    lo, hi = min(a, b), max(a, b)
    out.append("${yes}" if (lo < c < hi) != (lo < d < hi) else "${no}")
print("\\n".join(out))
`;
const sample = (p: Problem, code: string) => ({ problemId: p.id, completion: code, language: "python" as const, raw: true });

describe("the clock row ('YES and NO in any case') in the real sandbox", () => {
  const judge = createSampleJudge({ sandbox, makeChecker });

  test("a correct program printing yes/no in lower case is AC under auto", async () => {
    const clock = await clockOf();
    expect((await judge(clock, sample(clock, clockSolution("yes", "no")))).verdict).toBe("AC");
  }, 60_000);

  test("a wrong program (answers swapped) is WA", async () => {
    const clock = await clockOf();
    expect((await judge(clock, sample(clock, clockSolution("no", "yes")))).verdict).toBe("WA");
  }, 60_000);

  test("--checker tokens compares exactly, so the same correct program is WA", async () => {
    const clock = await clockOf("tokens");
    expect((await judge(clock, sample(clock, clockSolution("yes", "no")))).verdict).toBe("WA");
  }, 60_000);

  test("a problem still carrying auto is resolved by the judge, with the policy it was given", async () => {
    const raw: Problem = { ...(await clockOf()), checker: autoChecker("livecodebench") };
    expect((await judge(raw, sample(raw, clockSolution("yes", "no")))).verdict).toBe("AC");
    const forced = createSampleJudge({ sandbox, makeChecker, checkerPolicy: "tokens" });
    expect((await forced(raw, sample(raw, clockSolution("yes", "no")))).verdict).toBe("WA");
  }, 60_000);
});

/** The rearrange row (rllm codeforces row 1, any rearrangement r != s accepted): rotate s by one, a valid answer other than the expected one. */
const ROTATE = `
import sys
data = sys.stdin.read().split()
for s in data[1:1 + int(data[0])]:
    r = s[1:] + s[0]
    print("NO" if r == s else "YES\\n" + r)
`;

describe("a several-answer row without a checker program (needs_checker)", () => {
  test("another valid answer is WA against the one expected answer, and filter-by-reward flags the drop", async () => {
    const rearrange = (await openDataset(ROWS)).problems[1] as Problem;
    expect(rearrange.needs_checker).toBe(true);
    const judge = createSampleJudge({ sandbox, makeChecker });
    const r = await filterReferenceSolutions([{ ...rearrange, solutions: [{ language: "python", code: ROTATE }] }], { judge });
    expect(r.dropped).toMatchObject([{ problem_id: rearrange.id, verdict: "WA", needs_checker: true }]);
  }, 60_000);
});
