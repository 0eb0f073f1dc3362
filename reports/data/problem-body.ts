/** Defensive view of a stored problem body (datasets' canonical Problem, JSON in problems.body). */
import { readNumber, readObject, readString, parseJson } from "./json.ts";

export interface ProblemTestView {
  input: string;
  output: string;
  kind: string | null;
}

export interface ProblemView {
  id: string;
  statement: string;
  mode: string;
  tests: ProblemTestView[];
  testCode: string | null;
  solutionPrefix: string | null;
  /** The source tester's imports, run before the solution and the tests (function mode). */
  prelude: string | null;
  entryPoint: string | null;
  timeLimitMs: number | null;
  memoryLimitMb: number | null;
  checker: { type: string; source: string | null; language: string | null; options: Record<string, unknown> };
  /** Why the checker was chosen when the row named none (datasets/checker-policy.ts). */
  checkerRule: string | null;
  /** Several answers are accepted and no checker program decides: verdicts are flagged. */
  needsChecker: boolean;
  languages: string[];
  source: string | null;
  difficulty: string | null;
  rating: number | null;
  tags: string[];
  solutions: { language: string; code: string }[];
}

/** Parses a problem body; fields of the wrong type read as empty, so a bad row still renders. */
export function readProblemBody(text: string, fallbackId: string): ProblemView {
  const o = readObject(parseJson(text)) ?? {};
  const checker = readObject(o.checker) ?? {};
  const { type, source, language, ...options } = checker;
  return {
    id: readString(o.id) ?? fallbackId,
    statement: readString(o.statement) ?? "",
    mode: readString(o.mode) ?? "",
    tests: readArray(o.tests).map((t) => {
      const x = readObject(t) ?? {};
      return { input: readString(x.input) ?? "", output: readString(x.output) ?? "", kind: readString(x.kind) };
    }),
    testCode: readString(o.test_code),
    solutionPrefix: readString(o.solution_prefix),
    prelude: readString(o.prelude),
    entryPoint: readString(o.entry_point),
    timeLimitMs: readNumber(o.time_limit_ms),
    memoryLimitMb: readNumber(o.memory_limit_mb),
    checker: { type: readString(type) ?? "", source: readString(source), language: readString(language), options },
    checkerRule: readString(o.checker_rule),
    needsChecker: o.needs_checker === true,
    languages: readArray(o.languages).filter((x): x is string => typeof x === "string"),
    source: readString(o.source),
    difficulty: readString(o.difficulty),
    rating: readNumber(o.rating),
    tags: readArray(o.tags).filter((x): x is string => typeof x === "string"),
    solutions: readArray(o.solutions).flatMap((s) => {
      const x = readObject(s);
      const code = readString(x?.code);
      return code === null ? [] : [{ language: readString(x?.language) ?? "", code }];
    }),
  };
}

function readArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
