/**
 * One definition of run metrics: a run judged by the real eval code path (runEval, the local sandbox)
 * is read by the viewer and by the CLI while it is half judged and after it ends, and both must report
 * the same numbers as the sample-by-sample summariser over the stored samples.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import { BUILTIN_PROBLEMS_PATH } from "../../../datasets/builtin/index.ts";
import type { Problem } from "../../../datasets/types.ts";
import { runEval, type EvalResult } from "../../../harness/eval/run-eval.ts";
import { computeRunMetrics, listRunProblems } from "../../../harness/eval/run-metrics.ts";
import { summarizeRun, type RunMetrics } from "../../../harness/metrics/summarize.ts";
import { openDb } from "../../../harness/store/db.ts";
import { openRun, saveProblems } from "../../../harness/store/runs.ts";
import type { SampleJudge } from "../../../harness/types.ts";
import { buildReportApp } from "../../../reports/app.ts";
import { createBuiltinJudge, readSampleRows } from "../../datasets/builtin/fixture.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "run-metrics-"));
const dbPath = join(dir, "harness.db");
const KS = [1, 2, 3];
/** Samples judged before the eval is held, so the run is observed half done. */
const HELD_AFTER = 7;

interface Observation {
  viewer: ViewerRun;
  cli: CliRow;
  reference: RunMetrics;
}
interface ViewerRun {
  status: string;
  metrics: {
    source: string;
    problems: number;
    samples: number;
    passAtK: Record<string, number | null>;
    compileRate: number | null;
    verdicts: Record<string, number>;
    meanTimeMs: number | null;
    solved: number;
    bySource: { key: string; problems: number; samples: number; passAt1: number | null }[];
    byDifficulty: { key: string; problems: number; samples: number; passAt1: number | null }[];
  };
}
interface CliRow {
  run_id: number;
  status: string;
  problems: number;
  samples: number;
  pass_at_k: Record<string, number | null>;
  compile_rate: number | null;
  verdicts: Record<string, number>;
  mean_time_ms: number | null;
  metrics_source: string;
}

let problems: Problem[];
let during: Observation;
let after: Observation;
let result: EvalResult;

/** The metrics recomputed sample by sample from the stored rows, as an independent reference. */
function referenceMetrics(runId: number): RunMetrics {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .query("select problem_id as problemId, verdict, compile_ok as compileOk, time_ms as timeMs from samples where run_id = ? order by sample_index")
      .all(runId) as { problemId: string; verdict: string; compileOk: number | null; timeMs: number }[];
    const samples = rows.map((r) => ({ ...r, compileOk: r.compileOk === null ? null : r.compileOk === 1 }));
    return summarizeRun(samples, problems, KS);
  } finally {
    db.close();
  }
}

async function observe(runId: number): Promise<Observation> {
  const viewer = buildReportApp({ dbPath });
  try {
    const res = await viewer.app.request(`/api/runs/${runId}`);
    const doc = (await res.json()) as { run: ViewerRun };
    const cli = parseOneJson<{ leaderboards: { rows: CliRow[] }[] }>(await runCli(["leaderboard", "--db", dbPath, "--json"]));
    const row = cli.leaderboards.flatMap((b) => b.rows).find((r) => r.run_id === runId);
    if (!row) throw new Error(`run ${runId} missing from the CLI leaderboard`);
    return { viewer: doc.run, cli: row, reference: referenceMetrics(runId) };
  } finally {
    viewer.close();
  }
}


afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));

function expectAgreement(o: Observation): void {
  const { viewer, cli, reference: ref } = o;
  const m = viewer.metrics;
  for (const k of KS.map(String)) {
    expect(m.passAtK[k]).toBe(ref.pass_at_k[k] ?? null);
    expect(cli.pass_at_k[k]).toBe(ref.pass_at_k[k] ?? null);
  }
  expect([m.compileRate, cli.compile_rate]).toEqual([ref.compile_rate, ref.compile_rate]);
  expect([m.meanTimeMs, cli.mean_time_ms]).toEqual([ref.mean_time_ms, ref.mean_time_ms]);
  expect([m.samples, cli.samples]).toEqual([ref.samples, ref.samples]);
  expect([m.problems, cli.problems]).toEqual([ref.problems, ref.problems]);
  expect(nonZero(m.verdicts)).toEqual(nonZero(ref.verdicts));
  expect(nonZero(cli.verdicts)).toEqual(nonZero(ref.verdicts));
  expect(m.solved).toBe(ref.solved);
  const groups = (g: RunMetrics["by_source"]) => Object.entries(g).map(([key, b]) => ({ key, problems: b.problems, samples: b.samples, passAt1: b.pass_at_1 }));
  expect(m.bySource).toEqual(groups(ref.by_source));
  expect(m.byDifficulty).toEqual(groups(ref.by_difficulty));
}

describe("run metrics have one definition", () => {
  beforeAll(async () => {
    problems = (await loadAll({ path: BUILTIN_PROBLEMS_PATH })).problems;
    // Three samples of each of the first five problems: enough for pass@3 and a mix of verdicts.
    const wanted = new Set(problems.slice(0, 5).map((p) => p.id));
    const rows = readSampleRows("sloppy-coder").filter((r) => wanted.has(r.problem_id));
    const { sandbox, judge } = createBuiltinJudge();
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The real judge, held after a few samples: the run stays "running" with part of its samples stored.
    const heldJudge: SampleJudge = async (problem, sample, ctx) => {
      if (++started > HELD_AFTER) await gate;
      return judge(problem, sample, ctx);
    };
    const db = openDb(dbPath);
    const evalDone = runEval({
      db,
      meta: { name: "half-judged", model: "sloppy-coder", datasetId: "builtin", datasetPath: BUILTIN_PROBLEMS_PATH, datasetSha256: "builtin-sha", samplesPath: null, samplesSha256: null, judge: "local", judgeVersions: {}, limits: { ks: KS }, extraction: {}, gitSha: null },
      problems,
      samples: rows.map((r, index) => ({ index, problemId: r.problem_id, completion: r.completion, language: r.language, model: r.model })),
      judge: heldJudge,
      concurrency: 2,
      ks: KS,
    });
    try {
      const count = () => (db.$client.query("select count(*) as n from samples").get() as { n: number }).n;
      while (count() < HELD_AFTER) await Bun.sleep(50);
      const runId = (db.$client.query("select id from runs").get() as { id: number }).id;
      during = await observe(runId);
      release();
      result = await evalDone;
      after = await observe(result.run_id);
    } finally {
      release();
      await evalDone.catch(() => undefined);
      db.$client.close();
      await sandbox.close?.();
    }
  }, 300_000);

  test("while the run is half judged, the viewer's live metrics and the CLI leaderboard agree on every metric", () => {
    expect(during.viewer.status).toBe("running");
    expect(during.viewer.metrics.source).toBe("live");
    expect(during.cli.metrics_source).toBe("live");
    expect(during.reference.samples).toBeGreaterThanOrEqual(HELD_AFTER);
    expect(during.reference.samples).toBeLessThan(15);
    expectAgreement(during);
  });

  test("after the run ends, the stored metrics agree with the viewer, the CLI and the eval's own result", () => {
    expect(after.viewer.status).toBe("done");
    expect(after.viewer.metrics.source).toBe("stored");
    expect(after.cli.metrics_source).toBe("stored");
    expect(after.reference.samples).toBe(15);
    expectAgreement(after);
    expect(result.pass_at_k).toEqual(after.reference.pass_at_k);
    expect(result.verdicts).toEqual(after.reference.verdicts);
  });

  test("'X of Y problems' has the run's problem count as Y from the start, not the problems judged so far", () => {
    expect(during.viewer.metrics.problems).toBe(problems.length);
    expect(after.viewer.metrics.problems).toBe(problems.length);
    expect(during.reference.problems_without_samples).toBeGreaterThan(problems.length - 5);
  });
});

describe("a run's problems", () => {
  const dated = (id: string, contest_date?: string): Problem => ({ id, statement: id, mode: "stdio", tests: [{ input: "", output: "" }], time_limit_ms: 1000, memory_limit_mb: 64, checker: { type: "tokens" }, languages: ["cpp"], tags: [], ...(contest_date ? { contest_date } : {}) });
  const meta = (name: string, limits: Record<string, unknown>) => ({ name, model: null, datasetId: "lcb", datasetPath: null, datasetSha256: "lcb-sha", samplesPath: null, samplesSha256: null, judge: "local", judgeVersions: {}, limits, extraction: {}, gitSha: null, problemCount: 0, sampleCount: 0 });

  test("are the dataset version's problems, or those inside the contest-date window the run recorded", () => {
    const db = openDb(":memory:");
    try {
      saveProblems(db, "lcb-sha", [dated("old", "2024-01-05"), dated("new", "2024-09-01"), dated("undated"), dated("newer", "2024-10-01")]);
      const all = openRun(db, meta("all", { ks: [1] })).run;
      const windowed = openRun(db, meta("window", { ks: [1], window: { since: "2024-08-01" } })).run;
      expect(listRunProblems(db, all).map((p) => p.id)).toEqual(["old", "new", "undated", "newer"]);
      expect(listRunProblems(db, windowed).map((p) => p.id)).toEqual(["new", "newer"]);
      expect(computeRunMetrics(db, windowed).problems).toBe(2);
      expect(computeRunMetrics(db, windowed).problems_without_samples).toBe(2);
    } finally {
      db.$client.close();
    }
  });
});
