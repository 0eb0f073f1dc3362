import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Problem } from "../../../datasets/types.ts";
import { formatRewardsCompare, runRewardsCompare, RewardsCompareError } from "../../../harness/rewards/compare.ts";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { openRun, saveJudgedSample, saveProblems } from "../../../harness/store/runs.ts";
import type { JudgedSample } from "../../../harness/types.ts";
import { makeJudged, type TestSpec } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "rewards-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problem(id: string): Problem {
  return {
    id,
    statement: "",
    mode: "stdio",
    tests: [
      { input: "1", output: "1", kind: "public" },
      { input: "2", output: "2", kind: "private" },
      { input: "3", output: "3", kind: "generated" },
    ],
    time_limit_ms: 1000,
    memory_limit_mb: 256,
    checker: { type: "tokens" },
    languages: ["python"],
    tags: [],
  };
}

const T = (verdict: TestSpec["verdict"], kind: TestSpec["kind"]): TestSpec => ({ verdict, kind });
const solved = () => makeJudged({ verdict: "AC", tests: [T("AC", "public"), T("AC", "private"), T("AC", "generated")] });
const overfit = () => makeJudged({ verdict: "WA", tests: [T("AC", "public"), T("WA", "private"), T("AC", "generated")] });
const failsPublic = () => makeJudged({ verdict: "WA", tests: [T("WA", "public"), T("AC", "private"), T("WA", "generated")] });

function storeRun(db: HarnessDb, name: string, groups: Record<string, JudgedSample[]>): void {
  const sha = `sha-${name}`;
  saveProblems(db, sha, Object.keys(groups).map(problem));
  const { run } = openRun(db, {
    name,
    model: "m",
    datasetId: "constructed",
    datasetPath: null,
    datasetSha256: sha,
    samplesPath: null,
    samplesSha256: null,
    judge: "test",
    judgeVersions: {},
    limits: { allTests: true },
    extraction: {},
    gitSha: null,
    problemCount: Object.keys(groups).length,
    sampleCount: Object.values(groups).flat().length,
  });
  let i = 0;
  for (const [pid, samples] of Object.entries(groups)) {
    for (const s of samples) saveJudgedSample(db, run.id, i++, { ...s, problemId: pid }, "m");
  }
}

describe("rewards compare", () => {
  const db = openDb(join(dir, "harness.db"));
  storeRun(db, "grpo", {
    p1: [solved(), solved(), solved(), solved()],
    p2: [failsPublic(), failsPublic(), failsPublic(), failsPublic()],
    p3: [solved(), solved(), overfit(), overfit()],
  });

  test("reports the fraction of GRPO groups whose rewards carry no signal", () => {
    const r = runRewardsCompare({ db, run: "grpo", schemas: ["binary", "pass-rate"], store: false });
    const [binary, passRate] = r.schemas.map((s) => s.summary);
    expect(binary!.groups).toBe(3);
    // p1 all 1, p2 all 0: two of three groups have zero variance.
    expect(binary!.zero_variance_fraction).toBeCloseTo(2 / 3, 12);
    // pass-rate: p1 all 1, p2 all 1/3, p3 [1,1,2/3,2/3].
    expect(passRate!.zero_variance_fraction).toBeCloseTo(2 / 3, 12);
    expect(binary!.mean).toBeCloseTo(6 / 12, 12);
    expect(passRate!.mean).toBeCloseTo((4 + 4 * (1 / 3) + 2 + 2 * (2 / 3)) / 12, 12);
  });

  test("counts samples rewarded more on public tests than on all tests as the public-vs-hidden gap", () => {
    const r = runRewardsCompare({ db, run: "grpo", schemas: ["binary", "pass-rate", "exec-signal"], store: false });
    const [binary, passRate, exec] = r.schemas.map((s) => s.summary);
    // The two overfit samples of p3 pass the public test and fail a hidden one.
    expect(binary!.public_hidden_gap).toEqual({ rate: 2 / 12, count: 2, of: 12 });
    expect(passRate!.public_hidden_gap).toEqual({ rate: 2 / 12, count: 2, of: 12 });
    // exec-signal rewards running, not passing: public and all-test rewards agree.
    expect(exec!.public_hidden_gap).toEqual({ rate: 0, count: 0, of: 12 });
  });

  test("spearman with passing the hidden tests is 1 for binary and undefined for a reward that never varies", () => {
    const r = runRewardsCompare({ db, run: "grpo", schemas: ["binary", "exec-signal"], store: false });
    expect(r.schemas[0]!.summary.spearman_hidden).toBeCloseTo(1, 12);
    expect(r.schemas[1]!.summary.spearman_hidden).toBeNull();
  });

  test("the truth spearman compares with is the hidden tests, not the public ones", () => {
    const onlyPublicFails = makeJudged({ verdict: "WA", tests: [T("WA", "public"), T("AC", "private"), T("AC", "generated")] });
    const allFail = makeJudged({ verdict: "WA", tests: [T("WA", "public"), T("WA", "private"), T("WA", "generated")] });
    storeRun(db, "hidden-truth", { h1: [onlyPublicFails, solved(), allFail] });
    // binary [0,1,0] against hidden truth [1,1,0]: ranks give 0.5 (it would be 1 against all tests).
    expect(runRewardsCompare({ db, run: "hidden-truth", schemas: ["binary"], store: false }).schemas[0]!.summary.spearman_hidden).toBeCloseTo(0.5, 12);
  });

  test("advantages of zero-variance groups are zero and the rest are normalised per group", () => {
    const s = runRewardsCompare({ db, run: "grpo", schemas: ["binary"], store: false }).schemas[0]!.summary;
    expect(s.advantages.counts.reduce((a, b) => a + b, 0)).toBe(12);
    const zeroBin = s.advantages.edges.findIndex((e, i) => e <= 0 && 0 < (s.advantages.edges[i + 1] ?? Infinity));
    // 8 zeros from p1/p2 and none from p3 (±0.866): the bin holding 0 has exactly 8.
    expect(s.advantages.counts[zeroBin]).toBe(8);
  });

  test("training on public tests inflates binary rewards and the stats say so", () => {
    const pub = runRewardsCompare({ db, run: "grpo", schemas: ["binary"], rewardOn: "public", store: false }).schemas[0]!.summary;
    expect(pub.mean).toBeCloseTo(8 / 12, 12);
    expect(pub.reward_on).toBe("public");
    // p3 becomes all-1 on public tests: now every group is zero-variance.
    expect(pub.zero_variance_fraction).toBe(1);
  });

  test("stores one reward_experiments row per schema with the summary keys the viewer reads", () => {
    const r = runRewardsCompare({ db, run: "grpo", schemas: ["binary", "tiered"] });
    const rows = db.$client.query<{ id: number; schema: string; summary: string; definition: string }, []>("SELECT id, schema, summary, definition FROM reward_experiments ORDER BY id").all();
    const mine = rows.filter((row) => r.schemas.some((s) => s.experimentId === row.id));
    expect(mine.map((row) => row.schema)).toEqual(["binary", "tiered"]);
    const summary = JSON.parse(mine[0]!.summary) as Record<string, unknown>;
    for (const key of ["mean", "std", "histogram", "zero_variance_fraction", "groups", "advantages", "spearman_hidden", "public_hidden_gap", "n"]) {
      expect(summary).toHaveProperty(key);
    }
    expect(JSON.parse(mine[1]!.definition).name).toBe("tiered");
  });

  test("a run judged with early stopping is flagged, and unrun tests count as failed", () => {
    const stopped = makeJudged({ verdict: "WA", tests: [T("WA", "public")], total: 3 });
    storeRun(db, "early", { q1: [stopped, stopped, solved()] });
    const r = runRewardsCompare({ db, run: "early", schemas: ["pass-rate"], store: false });
    expect(r.incomplete).toBe(2);
    expect(r.notes.join("\n")).toMatch(/2 of 3 samples stopped at their first failing test/);
    expect(r.notes.join("\n")).toMatch(/pass-rate/);
    expect(r.schemas[0]!.summary.mean).toBeCloseTo(1 / 3, 12);
  });

  test("infra-failed samples are counted apart, not scored as zero", () => {
    storeRun(db, "mixed", {
      r1: [solved(), overfit(), makeJudged({ verdict: "SE", tests: [], total: 3, error: "sandbox died" })],
    });
    const s = runRewardsCompare({ db, run: "mixed", schemas: ["binary"], store: false }).schemas[0]!.summary;
    expect(s.n).toBe(2);
    expect(s.infra_errors).toBe(1);
    expect(s.mean).toBe(0.5);
  });

  test("the text report has one line per schema with the zero-variance share and the gap", () => {
    const text = formatRewardsCompare(runRewardsCompare({ db, run: "grpo", schemas: ["binary", "codeforces"], store: false }));
    expect(text).toMatch(/^binary\s+12\s+0\.500\s+0\.500\s+66\.7% of 3\s+1\.000\s+16\.7% \(2\/12\)/m);
    expect(text).toMatch(/^codeforces\s+12/m);
  });

  test("an unknown run is an error naming it", () => {
    expect(() => runRewardsCompare({ db, run: "nope", schemas: ["binary"] })).toThrow(RewardsCompareError);
  });
});

describe("rewards compare on a run of the built-in eval (real judge)", () => {
  test("finds the zero-variance group and the public-only solutions in a real judged run", async () => {
    const { loadAll } = await import("../../../datasets/load.ts");
    const { BUILTIN_PROBLEMS_PATH } = await import("../../../datasets/builtin/index.ts");
    const { runEval } = await import("../../../harness/eval/run-eval.ts");
    const { createRealJudge } = await import("../reward-server/real-judge.ts");
    const ds = await loadAll({ path: BUILTIN_PROBLEMS_PATH });
    const ids = ["builtin/sum-of-array", "builtin/reverse-string", "builtin/gcd-lcm", "builtin/caesar-shift"];
    const problems = ids.map((id) => ds.problems.find((p) => p.id === id)!);
    const fence = (code: string) => "```python\n" + code + "\n```";
    const reference = (p: Problem) => fence(p.solutions!.find((s) => s.language === "python")!.code);
    // Prints the public test's answer whatever the input: passes public, fails hidden tests.
    const publicOnly = (p: Problem) => fence(`import sys\nsys.stdout.write(${JSON.stringify(p.tests.find((t) => t.kind === "public")!.output)})`);
    const groups = problems.map((p, i) =>
      i === 3 ? [reference(p), reference(p), reference(p), reference(p)] : [reference(p), reference(p), publicOnly(p), "I am not sure."],
    );
    const samples = groups.flatMap((g, i) => g.map((completion) => ({ problemId: problems[i]!.id, completion, language: "python" as const })));
    const { judge, sandbox } = createRealJudge({ allTests: true });
    const db = openDb(join(dir, "eval.db"));
    try {
      await runEval({
        db,
        meta: { name: "builtin-grpo", model: "m", datasetId: "builtin", datasetPath: BUILTIN_PROBLEMS_PATH, datasetSha256: ds.sha256, samplesPath: null, samplesSha256: null, judge: "local", judgeVersions: {}, limits: { allTests: true }, extraction: {}, gitSha: null },
        problems: ds.problems,
        samples: samples.map((s, index) => ({ ...s, index })),
        judge,
        concurrency: 2,
      });
    } finally {
      await sandbox.close?.();
    }
    const r = runRewardsCompare({ db, run: "builtin-grpo", schemas: ["binary", "pass-rate"] });
    expect(r.samples).toBe(16);
    expect(r.incomplete).toBe(0);
    const [binary, passRate] = r.schemas.map((s) => s.summary);
    expect(binary!.groups).toBe(4);
    expect(binary!.zero_variance_fraction).toBe(0.25);
    expect(binary!.mean).toBe(10 / 16);
    // The three public-only programs pass their one public test and fail hidden ones.
    expect(binary!.public_hidden_gap).toEqual({ rate: 3 / 16, count: 3, of: 16 });
    expect(passRate!.public_hidden_gap.count).toBe(3);
    expect(binary!.spearman_hidden).toBeCloseTo(1, 12);
    expect(formatRewardsCompare(r)).toContain("25.0% of 4");
  }, 120_000);
});
