/**
 * The naive function-mode baseline: what human-eval's runner does, with a fresh interpreter per
 * sample. For each sample, `prompt + completion + "\n" + test + "\ncheck(entry_point)"` is written to
 * a temp file and run by `python3` with human-eval's 3 s timeout; exit code 0 is a pass. Two workers.
 * (human-eval itself forks its own Python per sample instead of starting one: a little cheaper.)
 *
 * SAFETY: this runs programs with NO sandbox. That is acceptable only because it runs the bench's
 * own samples (HumanEval's reference solutions and variants the bench breaks on purpose), never a
 * model's output. Do not point it at anything else.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Problem } from "../../datasets/types.ts";
import { createPool } from "../eval/pool.ts";
import type { BenchCorpus } from "./corpus.ts";

/** human-eval's default timeout per sample. */
export const HUMANEVAL_TIMEOUT_MS = 3000;
export const BASELINE_WORKERS = 2;

export interface FunctionBaselineJudgement {
  passed: boolean;
  timedOut: boolean;
  wallMs: number;
}

export interface FunctionBaselineResult {
  wallMs: number;
  judgements: FunctionBaselineJudgement[];
}

/** The whole program human-eval executes for one sample. */
export function buildCheckProgram(problem: Problem, completion: string): string {
  return `${problem.solution_prefix ?? ""}${completion}\n${problem.test_code ?? ""}`;
}

async function runSample(dir: string, index: number, program: string, python: string): Promise<FunctionBaselineJudgement> {
  const started = performance.now();
  const path = join(dir, `sample-${index}.py`);
  writeFileSync(path, program);
  const proc = Bun.spawn({ cmd: [python, path], cwd: dir, stdio: ["ignore", "ignore", "ignore"] });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill("SIGKILL");
  }, HUMANEVAL_TIMEOUT_MS);
  await proc.exited;
  clearTimeout(timer);
  rmSync(path, { force: true });
  return { passed: !timedOut && proc.exitCode === 0, timedOut, wallMs: performance.now() - started };
}

/** Judges every sample of the corpus the human-eval way; the clock covers all of them. */
export async function judgeFunctionBaseline(corpus: BenchCorpus, opts: { python?: string; workers?: number } = {}): Promise<FunctionBaselineResult> {
  const python = opts.python ?? "/usr/bin/python3";
  const byId = new Map(corpus.problems.map((p) => [p.id, p]));
  const dir = mkdtempSync(join(tmpdir(), "bench-function-baseline-"));
  const pool = createPool(opts.workers ?? BASELINE_WORKERS);
  const started = performance.now();
  try {
    const judgements = await Promise.all(
      corpus.submissions.map((s) =>
        pool.run(() => {
          const problem = byId.get(s.problemId);
          if (!problem) throw new Error(`bench function corpus: sample ${s.index} names unknown problem ${s.problemId}`);
          return runSample(dir, s.index, buildCheckProgram(problem, s.completion), python);
        }),
      ),
    );
    return { wallMs: performance.now() - started, judgements };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
