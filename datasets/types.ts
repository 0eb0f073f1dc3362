/**
 * Contracts of the datasets layer: the canonical Problem (documented in the README) and the
 * row formats that turn a published dataset's rows into Problems.
 */
import { HarnessError } from "../judges/errors.ts";
import type { CheckerSpec, Language, TestCase } from "../judges/types.ts";

/** The canonical problem. Field names are snake_case because this is also the on-disk schema. */
export interface Problem {
  id: string;
  statement: string;
  /**
   * `stdio`: reads stdin, writes stdout. `function`: a trusted tester runs `test_code`, calling the
   * solution's functions in another process (judges/README.md, "Function mode").
   * `answer`: no program at all; the completion's final answer is compared with `answer` (GSM8K).
   */
  mode: "stdio" | "function" | "answer";
  tests: TestCase[];
  test_code?: string;
  /** Placed before a bare completion (HumanEval's prompt). */
  solution_prefix?: string;
  /**
   * Python: the imports (and helper types) the source's own tester runs before the solution
   * (LiveCodeBench, TACO/APPS, rllm). Run before the candidate's code (stdio and function mode)
   * and, in function mode, before the tests; see README "Preludes per source".
   */
  prelude?: string;
  /**
   * A bare continuation is cut at the first of these before it is joined with `solution_prefix`
   * (MultiPL-E's `stop_tokens`); a C++ function the cut leaves open is closed.
   */
  stop_tokens?: string[];
  /** Function name the tests call, when known (HumanEval, MBPP). */
  entry_point?: string;
  time_limit_ms: number;
  memory_limit_mb: number;
  checker: CheckerSpec;
  /** How the checker was chosen (datasets/checker-policy.ts), recorded when `auto` was resolved. */
  checker_rule?: string;
  /**
   * The statement accepts several answers and there is no checker program: verdicts are kept but
   * flagged, and `eval` reports pass@k with and without such problems.
   */
  needs_checker?: boolean;
  languages: Language[];
  source?: string;
  difficulty?: string;
  /** Numeric difficulty rating when the source publishes one (Codeforces `cf_rating`, e.g. 800..3500). */
  rating?: number;
  tags: string[];
  /** Reference solutions, when the dataset ships them. */
  solutions?: { language: Language; code: string }[];
  /** Mode `answer`: the expected final answer (a number for GSM8K), compared by judges/answer. */
  answer?: string;
  /** The program reads this file instead of stdin (CodeContests `input_file`, Codeforces file mode). */
  input_file?: string;
  /** The program writes this file instead of stdout. */
  output_file?: string;
  /**
   * The program talks with an interactor instead of reading a fixed input (a dataset field such as
   * open-r1's `interaction_format`, an "Interaction" section or "interactive" tag in the statement).
   * Without `interactor` such a problem cannot be judged and is excluded from scores (datasets/judgeable.ts).
   */
  interactive?: boolean;
  /** Interactive problems: the interactor program (testlib protocol), `{source, language?}`. */
  interactor?: { source: string; language?: Language };
  /** When the problem was first published (ISO 8601), for contamination windows (LiveCodeBench). */
  contest_date?: string;
}

/** Where a row came from, for error messages. */
export interface RowLocation {
  file: string;
  /** 1-based line (JSONL) or row index (JSON array, Parquet). */
  line: number;
}

/** A published row format (HumanEval, CodeContests...). */
export interface DatasetFormat {
  readonly id: string;
  /** True when a row has this format's fields. Used for auto-detection. */
  detect(row: Record<string, unknown>): boolean;
  /** Converts one row; throws {@link DatasetError} naming the field when the row does not fit. */
  convert(row: Record<string, unknown>, at: RowLocation): Problem;
}

export interface LoadOptions {
  path: string;
  /** Force a format instead of auto-detecting it. */
  format?: string;
  /** Continue past invalid rows, counting them. */
  skipInvalid?: boolean;
  /** Told about each row skipped under `skipInvalid` (default: a line on stderr). */
  onInvalid?: (error: DatasetError) => void;
}

/** Loads a dataset file as Problems, streaming. */
export interface DatasetLoader {
  readonly id: string;
  load(opts: LoadOptions): AsyncIterable<Problem>;
}

/** Bad dataset or samples input: names the file, line and field. */
export class DatasetError extends HarnessError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ""}${field ? `: field '${field}'` : ""}: ${detail}`, "dataset");
    this.name = "DatasetError";
  }
}
