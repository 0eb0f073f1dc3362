/**
 * The function-mode workload of `bench --workload function`: HumanEval-shaped samples, all unique,
 * built from the real HumanEval rows shipped with the repository (their canonical solutions and
 * deliberately broken variants of them), about 60% correct, as a model's samples of a mid-sized
 * model look. Sample i belongs to problem i mod 164 and is variant i div 164 of it.
 */
import { join } from "node:path";
import { loadAll } from "../../datasets/load.ts";
import type { Problem } from "../../datasets/types.ts";
import type { BenchCorpus, BenchSubmission, Intent } from "./corpus.ts";

/** The real HumanEval file (test/datasets/fixtures/real/README.md: unmodified, sha256 pinned). */
export const HUMANEVAL_PATH = join(import.meta.dir, "../../test/datasets/fixtures/real/HumanEval.jsonl.gz");
export const DEFAULT_FUNCTION_SAMPLES_PER_PROBLEM = 10;
/** One problem in this many gets an endless loop as its last variant (a TLE costs a time limit on both sides). */
const TLE_EVERY = 41;

/** Ten variants per problem: 6 correct, 2 WA, an RE and a CE (or a TLE on a few problems). */
function variant(problem: Problem, canonical: string, v: number, problemIndex: number): { intent: Intent; body: string } {
  const mark = `    # sample ${v} of ${problem.id}\n`;
  switch (v % 10) {
    case 6:
      return { intent: "WA", body: `${mark}    return None\n${canonical}` };
    case 7:
      return { intent: "RE", body: `${mark}    raise ValueError("sample ${v}")\n${canonical}` };
    case 8:
      return { intent: "CE", body: `${mark}    return (\n${canonical}` };
    case 9:
      if (problemIndex % TLE_EVERY === 0) return { intent: "TLE", body: `${mark}    while True:\n        pass\n${canonical}` };
      return { intent: "WA", body: `${mark}    return 0 if False else [] and None\n${canonical}` };
    default:
      return { intent: "AC", body: `${mark}${canonical}` };
  }
}

/** The canonical body of a HumanEval problem: its reference solution less the prompt it continues. */
function canonicalBody(problem: Problem): string {
  const prefix = problem.solution_prefix ?? "";
  const reference = problem.solutions?.[0]?.code ?? "";
  if (!reference.startsWith(prefix)) throw new Error(`bench function corpus: ${problem.id}'s reference does not continue its prompt`);
  return reference.slice(prefix.length);
}

export interface FunctionCorpusOptions {
  /** Samples in all (default 10 per problem: 1640 for HumanEval). */
  submissions?: number;
  path?: string;
}

/** Loads HumanEval and builds the samples: the completion is the function body, as HumanEval samples are. */
export async function generateFunctionCorpus(opts: FunctionCorpusOptions = {}): Promise<BenchCorpus> {
  const { problems } = await loadAll({ path: opts.path ?? HUMANEVAL_PATH });
  if (problems.length === 0) throw new Error("bench function corpus: the dataset holds no problems");
  const total = opts.submissions ?? problems.length * DEFAULT_FUNCTION_SAMPLES_PER_PROBLEM;
  const bodies = problems.map(canonicalBody);
  const submissions: BenchSubmission[] = [];
  for (let index = 0; index < total; index++) {
    const p = index % problems.length;
    const problem = problems[p] as Problem;
    const v = Math.floor(index / problems.length);
    const { intent, body } = variant(problem, bodies[p] as string, v, p);
    submissions.push({ index, problemId: problem.id, language: "python", group: p, intent, code: body, completion: body, duplicateOf: null });
  }
  return { seed: "humaneval", language: "python", problems, submissions };
}
