/**
 * Run-level metrics from judged samples. pass@k is averaged over the problems that have at least
 * k samples (as lm-eval and EvalPlus do): a problem without samples was not evaluated, so it is
 * reported in `problems_without_samples` rather than counted as a failure.
 */
import { HarnessError } from "../../judges/errors.ts";
import { VERDICTS, type Verdict } from "../../judges/types.ts";
import { passAtK } from "./pass-at-k.ts";

/** What metrics need of a judged sample (a row of the samples table fits). */
export interface JudgedSampleLite {
  problemId: string;
  /** A {@link Verdict}; typed as string so database rows fit, checked at run time. */
  verdict: Verdict | string;
  /** null when the sample never reached compilation (no code, or an interpreted language). */
  compileOk: boolean | null;
  timeMs: number;
}

export interface ProblemLite {
  id: string;
  source?: string | null;
  difficulty?: string | null;
  /** The statement accepts several answers and no checker program decides (datasets/checker-policy.ts). */
  needs_checker?: boolean | null;
}

export interface GroupMetrics {
  problems: number;
  samples: number;
  /** Mean fraction of correct samples over the group's problems with samples; null if none has any. */
  pass_at_1: number | null;
  solved: number;
}

export interface RunMetrics {
  problems: number;
  samples: number;
  problems_without_samples: number;
  /** Keyed by k as a string ("1", "5"); null when no problem has k samples. */
  pass_at_k: Record<string, number | null>;
  /** How many problems each pass@k averages over (those with n >= k). */
  pass_at_k_counted: Record<string, number>;
  /** Problems marked `needs_checker`: their verdicts come from comparing with one of several valid answers. */
  needs_checker: number;
  /** pass@k over the problems not marked `needs_checker` (equal to pass_at_k when none is). */
  pass_at_k_without_needs_checker: Record<string, number | null>;
  /** Compiled ok / samples that reached compilation (compileOk not null); null when none did. */
  compile_rate: number | null;
  verdicts: Record<Verdict, number>;
  by_source: Record<string, GroupMetrics>;
  by_difficulty: Record<string, GroupMetrics>;
  /** Mean run time of samples whose program ran (not NO_CODE, CE or SE); null when none ran. */
  mean_time_ms: number | null;
  /** Problems with at least one AC sample. */
  solved: number;
}

/** A sample or problem list that cannot be summarised: a harness bug, never a model's fault. */
export class MetricsError extends HarnessError {
  constructor(message: string) {
    super(message, "internal");
    this.name = "MetricsError";
  }
}

/** Verdicts of samples whose program never ran, so their time means nothing. */
export const NOT_RUN_VERDICTS = ["NO_CODE", "CE", "SE"] as const;
const NOT_RUN = new Set<string>(NOT_RUN_VERDICTS);
const UNKNOWN_GROUP = "unknown";

/** A problem with its sample counts: what pass@k and the breakdowns need of a run. */
export interface ProblemTally extends ProblemLite {
  samples: number;
  /** Samples judged AC. */
  correct: number;
}

/** Run-wide sample aggregates (a database computes these with one query; see harness/store/run-tallies.ts). */
export interface SampleTotals {
  verdicts: Partial<Record<string, number>>;
  /** Samples whose program compiled, of those that reached compilation. */
  compiled: number;
  reachedCompile: number;
  /** Sum of run times over the samples whose program ran (not NO_CODE, CE or SE), and their count. */
  timeSum: number;
  ran: number;
}

/** Aggregates judged samples into pass@k, compile rate, verdict counts and per-source/difficulty breakdowns. */
export function summarizeRun(samples: JudgedSampleLite[], problems: ProblemLite[], ks: number[] = [1, 5, 10]): RunMetrics {
  const tally = new Map<string, ProblemTally>();
  for (const p of problems) {
    if (tally.has(p.id)) throw new MetricsError(`duplicate problem id '${p.id}' in the problem list`);
    tally.set(p.id, { ...p, samples: 0, correct: 0 });
  }
  const totals: SampleTotals = { verdicts: {}, compiled: 0, reachedCompile: 0, timeSum: 0, ran: 0 };
  for (const [i, s] of samples.entries()) {
    const t = tally.get(s.problemId);
    if (!t) throw new MetricsError(`sample ${i}: problem '${s.problemId}' is not in the problem list`);
    if (!(VERDICTS as readonly string[]).includes(s.verdict)) {
      throw new MetricsError(`sample ${i} (problem '${s.problemId}'): unknown verdict '${s.verdict}'`);
    }
    totals.verdicts[s.verdict] = (totals.verdicts[s.verdict] ?? 0) + 1;
    t.samples++;
    if (s.verdict === "AC") t.correct++;
    if (s.compileOk !== null) {
      totals.reachedCompile++;
      if (s.compileOk) totals.compiled++;
    }
    if (!NOT_RUN.has(s.verdict)) {
      totals.timeSum += s.timeMs;
      totals.ran++;
    }
  }
  return summarizeTallies([...tally.values()], totals, ks);
}

/**
 * The one definition of run metrics, from per-problem counts and run-wide totals. The eval's stored
 * metrics and the viewer's live ones both come from here, so they cannot disagree.
 */
export function summarizeTallies(problems: ProblemTally[], totals: SampleTotals, ks: number[] = [1, 5, 10]): RunMetrics {
  const seen = new Set<string>();
  for (const p of problems) {
    if (seen.has(p.id)) throw new MetricsError(`duplicate problem id '${p.id}' in the problem list`);
    seen.add(p.id);
  }
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 1) throw new MetricsError(`pass@k: k must be a positive integer (got ${k})`);
  }
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const [v, n] of Object.entries(totals.verdicts)) {
    if (!(VERDICTS as readonly string[]).includes(v)) throw new MetricsError(`unknown verdict '${v}' among the run's samples`);
    verdicts[v as Verdict] += n ?? 0;
  }

  const pass_at_k: Record<string, number | null> = {};
  const pass_at_k_counted: Record<string, number> = {};
  const pass_at_k_without_needs_checker: Record<string, number | null> = {};
  const decidable = problems.filter((t) => !t.needs_checker);
  for (const k of ks) {
    const at = (list: ProblemTally[]) => list.map((t) => (t.samples > 0 ? passAtK(t.samples, t.correct, k) : null)).filter((v) => v !== null);
    const values = at(problems);
    pass_at_k[String(k)] = mean(values);
    pass_at_k_counted[String(k)] = values.length;
    pass_at_k_without_needs_checker[String(k)] = mean(at(decidable));
  }

  return {
    problems: problems.length,
    samples: problems.reduce((a, t) => a + t.samples, 0),
    problems_without_samples: problems.filter((t) => t.samples === 0).length,
    pass_at_k,
    pass_at_k_counted,
    needs_checker: problems.length - decidable.length,
    pass_at_k_without_needs_checker,
    compile_rate: totals.reachedCompile > 0 ? totals.compiled / totals.reachedCompile : null,
    verdicts,
    by_source: groupBy(problems, (p) => p.source),
    by_difficulty: groupBy(problems, (p) => p.difficulty),
    mean_time_ms: totals.ran > 0 ? totals.timeSum / totals.ran : null,
    solved: problems.filter((t) => t.correct > 0).length,
  };
}

function groupBy(problems: ProblemTally[], key: (p: ProblemTally) => string | null | undefined): Record<string, GroupMetrics> {
  const groups = new Map<string, ProblemTally[]>();
  for (const p of problems) {
    const name = key(p) || UNKNOWN_GROUP;
    const list = groups.get(name);
    if (list) list.push(p);
    else groups.set(name, [p]);
  }
  const out: Record<string, GroupMetrics> = {};
  for (const [name, ts] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const withSamples = ts.filter((t) => t.samples > 0);
    out[name] = {
      problems: ts.length,
      samples: ts.reduce((a, t) => a + t.samples, 0),
      pass_at_1: mean(withSamples.map((t) => t.correct / t.samples)),
      solved: ts.filter((t) => t.correct > 0).length,
    };
  }
  return out;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
