/**
 * `datasets filter-by-reward`: runs solutions through a judge and keeps only those that pass every
 * test. Solutions come from the problems themselves (their reference `solutions`) or from a
 * samples file (model trajectories). The judge is injected: this module never picks a sandbox.
 */
import { unjudgeableReason } from "../../datasets/judgeable.ts";
import { countBy } from "../../datasets/prepare/histogram.ts";
import type { Problem } from "../../datasets/types.ts";
import type { Language, Verdict } from "../../judges/types.ts";
import type { SampleRecord } from "../samples/types.ts";
import type { JudgedSample, SampleInput, SampleJudge } from "../types.ts";
import { createPool } from "./pool.ts";

export interface RewardFilterOptions {
  judge: SampleJudge;
  /** Solutions judged at once (default 2). */
  concurrency?: number;
  /** Reference solutions judged per problem, in order (default all). */
  maxPerProblem?: number;
  signal?: AbortSignal;
  onJudged?: (done: number, total: number) => void;
}

/** A solution or sample that did not pass, and why. */
export interface DroppedItem {
  problem_id: string;
  /** Index of the solution within the problem, or of the sample within the samples file. */
  index: number;
  /** Line of the sample in the samples file. */
  line?: number;
  language: Language | null;
  verdict: Verdict;
  passed: number;
  total: number;
  /** Harness error (SE) or compile diagnostics summary, when there is one. */
  error?: string;
  /**
   * The problem accepts several answers and has no checker program: the verdict compared the output
   * with one of them, so this item may be right (datasets/checker-policy.ts).
   */
  needs_checker?: true;
}

export interface RewardFilterReport {
  judged: number;
  kept: number;
  verdicts: Record<string, number>;
  dropped: DroppedItem[];
  /** Judgements that failed for harness reasons: these items are not known to be wrong. */
  system_errors: number;
}

export interface ReferenceFilterResult extends RewardFilterReport {
  /** Problems with at least one passing solution, holding only those solutions. */
  problems: Problem[];
  /** `unjudgeable`: no judge can decide the problem (interactive without an interactor); `detail` says why. */
  dropped_problems: { id: string; reason: "no_solutions" | "no_passing_solution" | "unjudgeable"; detail?: string }[];
}

export interface SampleFilterResult extends RewardFilterReport {
  /** The samples that passed, in file order. */
  samples: SampleRecord[];
  /** Samples of problems no judge can decide, left out unjudged (and not kept), with the reason. */
  excluded_samples: { index: number; problem_id: string; reason: string }[];
}

/** Judges each problem's reference solutions; keeps passing solutions and the problems that have one. */
export async function filterReferenceSolutions(problems: readonly Problem[], opts: RewardFilterOptions): Promise<ReferenceFilterResult> {
  // A problem no judge can decide keeps no solution: it is dropped with its reason, never judged.
  const jobs = problems.filter((problem) => unjudgeableReason(problem) === null).flatMap((problem) =>
    (problem.solutions ?? []).slice(0, opts.maxPerProblem ?? Infinity).map((s, index) => ({
      problem,
      index,
      // A reference solution is a whole program: judged exactly as written.
      sample: { problemId: problem.id, completion: s.code, language: s.language, raw: true } satisfies SampleInput,
    })),
  );
  const judged = await judgeAll(jobs, opts);
  const passing = new Map<Problem, { language: Language; code: string }[]>();
  for (const [i, j] of judged.entries()) {
    const job = jobs[i] as (typeof jobs)[number];
    if (j.verdict !== "AC") continue;
    const list = passing.get(job.problem) ?? [];
    list.push({ language: job.sample.language, code: job.sample.completion });
    passing.set(job.problem, list);
  }
  const kept: Problem[] = [];
  const droppedProblems: ReferenceFilterResult["dropped_problems"] = [];
  for (const p of problems) {
    const good = passing.get(p);
    const unjudgeable = unjudgeableReason(p);
    if (unjudgeable) droppedProblems.push({ id: p.id, reason: "unjudgeable", detail: unjudgeable });
    else if (good) kept.push({ ...p, solutions: good });
    else droppedProblems.push({ id: p.id, reason: (p.solutions?.length ?? 0) === 0 ? "no_solutions" : "no_passing_solution" });
  }
  return { ...report(jobs, judged), problems: kept, dropped_problems: droppedProblems };
}

/** Judges samples (e.g. model trajectories) against their problems; keeps those that pass. */
export async function filterSamples(
  problems: readonly Problem[],
  samples: readonly SampleRecord[],
  opts: RewardFilterOptions,
): Promise<SampleFilterResult> {
  const byId = new Map(problems.map((p) => [p.id, p]));
  const excluded: SampleFilterResult["excluded_samples"] = [];
  const judgeable = samples.filter((s) => {
    const problem = byId.get(s.problemId);
    const reason = problem ? unjudgeableReason(problem) : null;
    if (reason) excluded.push({ index: s.index, problem_id: s.problemId, reason });
    return reason === null;
  });
  const jobs = judgeable.map((s) => {
    const problem = byId.get(s.problemId);
    if (!problem) throw new Error(`internal: sample ${s.index} names unknown problem '${s.problemId}' (samples must be validated against the dataset)`);
    const sample: SampleInput = { problemId: s.problemId, completion: s.completion, field: s.field };
    if (s.language) sample.language = s.language;
    if (s.truncated) sample.truncated = true;
    return { problem, index: s.index, line: s.line, sample };
  });
  const judged = await judgeAll(jobs, opts);
  const kept = judgeable.filter((_, i) => judged[i]?.verdict === "AC");
  return { ...report(jobs, judged), samples: kept, excluded_samples: excluded };
}

interface Job {
  problem: Problem;
  index: number;
  line?: number;
  sample: SampleInput;
}

async function judgeAll(jobs: readonly Job[], opts: RewardFilterOptions): Promise<JudgedSample[]> {
  const pool = createPool(opts.concurrency ?? 2);
  let done = 0;
  return Promise.all(
    jobs.map((job) =>
      pool.run(async () => {
        opts.signal?.throwIfAborted();
        const judged = await opts.judge(job.problem, job.sample, opts.signal ? { signal: opts.signal } : {});
        opts.onJudged?.(++done, jobs.length);
        return judged;
      }),
    ),
  );
}

function report(jobs: readonly Job[], judged: readonly JudgedSample[]): RewardFilterReport {
  const dropped: DroppedItem[] = [];
  for (const [i, j] of judged.entries()) {
    if (j.verdict === "AC") continue;
    const job = jobs[i] as Job;
    const item: DroppedItem = {
      problem_id: job.problem.id,
      index: job.index,
      language: j.language,
      verdict: j.verdict,
      passed: j.judgement?.passed ?? 0,
      total: j.judgement?.total ?? 0,
    };
    if (job.line !== undefined) item.line = job.line;
    if (job.problem.needs_checker) item.needs_checker = true;
    const error = j.judgement?.error ?? (j.extraction.ok ? undefined : j.extraction.reason);
    if (error) item.error = error;
    dropped.push(item);
  }
  return {
    judged: judged.length,
    kept: judged.length - dropped.length,
    verdicts: countBy(judged, (j) => j.verdict),
    dropped,
    system_errors: judged.filter((j) => j.verdict === "SE").length,
  };
}
