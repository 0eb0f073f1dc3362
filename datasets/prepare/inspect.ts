/** `datasets inspect|stats`: what a dataset holds, as counts and histograms. */
import { unjudgeableReason } from "../judgeable.ts";
import type { Problem } from "../types.ts";
import { countBy, countNumbers, summarize, type Summary } from "./histogram.ts";

export interface DatasetStats {
  problems: number;
  format: string;
  /** How many problems have each optional Problem field set (non-empty). */
  fields: Record<string, number>;
  modes: Record<string, number>;
  sources: Record<string, number>;
  difficulties: Record<string, number>;
  ratings: Record<string, number>;
  tags: Record<string, number>;
  languages: Record<string, number>;
  /** Tests per problem (see {@link countTests}). */
  tests: Summary & { byKind: Record<string, number> };
  checkers: Record<string, number>;
  /** Problems judged by a checker program (testlib, cms). */
  programCheckers: number;
  /**
   * Problems whose statement accepts several answers and that have no checker program
   * (`needs_checker`): their verdicts are flagged and reported apart by `eval`.
   */
  needsChecker: number;
  /** Interactive problems, and those without an interactor, which no judge can decide (excluded from scores). */
  interactive: number;
  unjudgeable: number;
  /** Problems shipping reference solutions, and the solutions by language. */
  withSolutions: number;
  solutionLanguages: Record<string, number>;
}

const OPTIONAL_FIELDS = [
  "test_code",
  "solution_prefix",
  "prelude",
  "stop_tokens",
  "entry_point",
  "source",
  "difficulty",
  "rating",
  "solutions",
  "answer",
  "input_file",
  "output_file",
  "contest_date",
  "interactive",
  "interactor",
] as const;

/** Tests a problem is judged on: its stdio tests, or 1 for a function-mode test_code or an expected answer. */
export function countTests(p: Problem): number {
  if (p.tests.length > 0) return p.tests.length;
  if (p.mode === "function") return p.test_code?.trim() ? 1 : 0;
  return p.mode === "answer" && p.answer?.trim() ? 1 : 0;
}

/** True when the problem is judged by a checker program rather than a built-in comparison. */
export function hasProgramChecker(p: Problem): boolean {
  return p.checker.type === "testlib" || p.checker.type === "cms";
}

/** Counts and histograms of a dataset's problems. */
export function inspectProblems(problems: readonly Problem[], format: string): DatasetStats {
  const fields: Record<string, number> = { statement: problems.filter((p) => p.statement.trim()).length };
  fields.tests = problems.filter((p) => p.tests.length > 0).length;
  fields.tags = problems.filter((p) => p.tags.length > 0).length;
  for (const f of OPTIONAL_FIELDS) {
    fields[f] = problems.filter((p) => {
      const v = p[f];
      return v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
    }).length;
  }
  const solutions = problems.flatMap((p) => p.solutions ?? []);
  return {
    problems: problems.length,
    format,
    fields,
    modes: countBy(problems, (p) => p.mode),
    sources: countBy(problems, (p) => p.source),
    difficulties: countBy(problems, (p) => p.difficulty),
    ratings: countNumbers(problems.flatMap((p) => (p.rating === undefined ? [] : [p.rating]))),
    tags: countBy(problems.filter((p) => p.tags.length > 0), (p) => p.tags),
    languages: countBy(problems, (p) => p.languages),
    tests: { ...summarize(problems.map(countTests)), byKind: countBy(problems.flatMap((p) => p.tests), (t) => t.kind ?? "unlabelled") },
    checkers: countBy(problems, (p) => p.checker.type),
    programCheckers: problems.filter(hasProgramChecker).length,
    needsChecker: problems.filter((p) => p.needs_checker === true).length,
    interactive: problems.filter((p) => p.interactive === true).length,
    unjudgeable: problems.filter((p) => unjudgeableReason(p) !== null).length,
    withSolutions: problems.filter((p) => (p.solutions?.length ?? 0) > 0).length,
    solutionLanguages: countBy(solutions, (s) => s.language),
  };
}

/** The stats as a few readable lines. */
export function formatStats(stats: DatasetStats, header: string): string {
  const hist = (h: Record<string, number>, limit = 15): string => {
    const entries = Object.entries(h);
    if (entries.length === 0) return "-";
    const shown = entries.slice(0, limit).map(([k, n]) => `${k} ${n}`);
    return entries.length > limit ? `${shown.join(", ")}, ... (${entries.length - limit} more)` : shown.join(", ");
  };
  const t = stats.tests;
  return [
    header,
    `problems:    ${stats.problems} (format ${stats.format})`,
    `fields:      ${hist(stats.fields, 20)}`,
    `mode:        ${hist(stats.modes)}`,
    `source:      ${hist(stats.sources)}`,
    `difficulty:  ${hist(stats.difficulties, 30)}`,
    `rating:      ${hist(stats.ratings, 40)}`,
    `tags:        ${hist(stats.tags)}`,
    `languages:   ${hist(stats.languages)}`,
    `tests:       min ${t.min}, median ${t.median}, max ${t.max} per problem; ${t.total} in all (${hist(t.byKind)})`,
    `checkers:    ${hist(stats.checkers)} (checker programs: ${stats.programCheckers}; needs a checker: ${stats.needsChecker})`,
    `interactive: ${stats.interactive} (without an interactor, excluded from scores: ${stats.unjudgeable})`,
    `solutions:   ${stats.withSolutions} problems have some (${hist(stats.solutionLanguages)})`,
  ].join("\n");
}
