/** Contracts of code extraction: what was asked, what was decided, and why. */
import type { Language } from "../../judges/types.ts";

export interface ExtractOptions {
  /** Language the sample claims; inferred from the fence tag or the code when absent. */
  language?: Language;
  mode: "stdio" | "function";
  /** Placed before a bare continuation (HumanEval's prompt). */
  solutionPrefix?: string;
  /** Function the tests call; decides whether the code is a continuation or a full function. */
  entryPoint?: string;
  /**
   * A bare continuation is cut at the first of these, as the source's harness cuts it (MultiPL-E;
   * a C++ function left open is then closed, as MultiPL-E's tests close it).
   */
  stopTokens?: readonly string[];
  /** "solution" is a full program (EvalPlus) and is never joined with the prefix. Default "completion". */
  field?: "completion" | "solution";
}

/** Every choice extraction made, stored with the sample (JSON-serialisable). */
export interface ExtractionNotes {
  field: "completion" | "solution";
  /** A `<think>` section (or a dangling `</think>`) was removed. */
  thinkRemoved: boolean;
  /** A `<think>` was opened and never closed: the answer never started. */
  thinkUnclosed: boolean;
  /** Where the code came from; null when no code was found. */
  block: "fenced" | "bare" | "continuation" | null;
  /** Normalised tag of the chosen fence ("" for an untagged fence), null when not fenced. */
  fenceTag: string | null;
  /** The chosen fence was never closed (typically a truncated generation). */
  fenceUnclosed: boolean;
  /** 0-based index of the chosen block among all fenced blocks; null when not fenced. */
  blockIndex: number | null;
  /** Number of fenced blocks in the text. */
  blockCount: number;
  /** True when the language was not given by the caller. */
  languageInferred: boolean;
  /** How the language was decided. */
  languageSource: "given" | "tag" | "content" | null;
  /** The code was appended to the solution prefix. */
  prefixJoined: boolean;
  /** Import/include lines of the prefix prepended to a full function that lacked them. */
  importsAdded: number;
  /** Helper functions of the prefix prepended to a full function that lacked them. */
  helpersAdded: string[];
  /** A continuation was cut at a stop token (MultiPL-E's convention). */
  stopTokenCut?: boolean;
  /** The `}` closing a continued C++ function was added (MultiPL-E's tests begin with it). */
  braceClosed?: boolean;
  /** C++ `freopen(...)` calls neutralised so the program keeps reading stdin. */
  freopenRemoved: number;
}

export type Extraction =
  | { ok: true; code: string; language: Language; notes: ExtractionNotes }
  | { ok: false; reason: string; notes: ExtractionNotes };
