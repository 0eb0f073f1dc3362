/** Types of the reward-hacking catalogue (see catalogue.ts). */
import type { CheckerSpec, GradeTask, Judgement, SourceFile, Verdict } from "../../../judges/types.ts";

/** The classes of hack the catalogue covers (the README lists them). */
export type HackClass =
  | "function-python"
  | "function-cpp"
  | "call-harness"
  | "status-forgery"
  | "accounting"
  | "resources"
  | "output"
  | "checker"
  | "interactive";

export interface HackEntry {
  /** Unique kebab-case id, used in skips. */
  id: string;
  hackClass: HackClass;
  /** A sentence: what the program tries. */
  title: string;
  task: GradeTask;
  /** The wrong program. */
  source: SourceFile;
  /** Checker of the task; tokens when absent. */
  checker?: CheckerSpec;
  /** Verdicts the program's real behaviour may earn. AC and SE are never allowed. */
  allowed: Verdict[];
  /** Run every test even after a failure. */
  allTests?: boolean;
  /** Further checks on the judgement: time and memory figures, messages. */
  verify?: (judgement: Judgement) => void | Promise<void>;
  /** Per-entry test timeout, ms (default 60 s). */
  timeoutMs?: number;
}

