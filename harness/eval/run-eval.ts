/**
 * Runs one evaluation: judges every sample of a samples file against a dataset, writing each result
 * as it arrives. Started again with the same name, it resumes where it stopped.
 */
import type { Problem } from "../../datasets/types.ts";
import type { Verdict } from "../../judges/types.ts";
import type { RunMetrics } from "../metrics/index.ts";
import type { HarnessDb } from "../store/db.ts";
import {
  finishRun,
  forgetHarnessFailures,
  listJudgedIndexes,
  openRun,
  saveJudgedSample,
  saveProblems,
  type RunMeta,
} from "../store/runs.ts";
import type { SampleInput, SampleJudge } from "../types.ts";
import { createPool } from "./pool.ts";
import { computeRunMetrics } from "./run-metrics.ts";
import type { Progress } from "./progress.ts";

export interface EvalSample extends SampleInput {
  /** Position in the samples file; identifies the sample when resuming. */
  index: number;
}

export interface EvalOptions {
  db: HarnessDb;
  meta: Omit<RunMeta, "problemCount" | "sampleCount">;
  problems: Problem[];
  samples: EvalSample[];
  judge: SampleJudge;
  concurrency: number;
  ks?: number[];
  progress?: Progress;
  signal?: AbortSignal;
}

export interface EvalResult extends RunMetrics {
  run_id: number;
  name: string;
  dataset: string;
  model: string | null;
  judge: string;
  status: "done" | "interrupted" | "failed";
  resumed: boolean;
  judged_now: number;
}

/** Judges what is not judged yet, stores each sample as it finishes, and returns the run's metrics. */
export async function runEval(opts: EvalOptions): Promise<EvalResult> {
  const { db, meta } = opts;
  const byId = new Map(opts.problems.map((p) => [p.id, p]));
  saveProblems(db, meta.datasetSha256, opts.problems);
  const { run, resumed } = openRun(db, {
    ...meta,
    problemCount: opts.problems.length,
    sampleCount: opts.samples.length,
  });
  forgetHarnessFailures(db, run.id);
  const judged = listJudgedIndexes(db, run.id);
  const todo = opts.samples.filter((s) => !judged.has(s.index));
  opts.progress?.start(meta.name, opts.samples.length, opts.samples.length - todo.length);

  const pool = createPool(opts.concurrency);
  let fatal: unknown = null;
  let judgedNow = 0;
  const stopped = () => fatal !== null || opts.signal?.aborted === true;

  await Promise.all(
    todo.map((sample) =>
      pool.run(async () => {
        if (stopped()) return;
        const problem = byId.get(sample.problemId);
        if (!problem) {
          fatal ??= new Error(`sample ${sample.index} names unknown problem '${sample.problemId}'`);
          return;
        }
        let verdict: Verdict;
        try {
          // A sample in flight when Ctrl-C arrives is finished and stored: its result is whole.
          const result = await opts.judge(problem, sample, { signal: opts.signal });
          saveJudgedSample(db, run.id, sample.index, result, sample.model ?? meta.model);
          verdict = result.verdict;
        } catch (err: unknown) {
          // The grader turns per-sample infrastructure trouble into SE; what still throws (a missing
          // compiler, a broken checker) fails every sample alike, so stop the run and say why.
          fatal ??= err;
          return;
        }
        judgedNow++;
        opts.progress?.tick(verdict);
      }),
    ),
  );
  opts.progress?.finish();

  // The same computation the viewer runs on a live run, so its numbers do not jump when the run ends.
  const metrics = computeRunMetrics(db, run, { problems: opts.problems, ks: opts.ks });
  const status = fatal ? "failed" : opts.signal?.aborted ? "interrupted" : "done";
  finishRun(db, run.id, status, metrics);
  if (fatal) throw fatal;
  return {
    run_id: run.id,
    name: meta.name,
    dataset: meta.datasetId,
    model: meta.model,
    judge: meta.judge,
    status,
    resumed,
    judged_now: judgedNow,
    ...metrics,
  };
}
