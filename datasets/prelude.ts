/**
 * A problem's source prelude (see formats/source-preludes.ts) joined with a Python program, as the
 * source's tester joins them: the prelude's imports first, then the solution. Used for model
 * completions and reference solutions alike, so that `eval`, `filter-by-reward` and the reward
 * server judge both the way the source does.
 */
import type { Language } from "../judges/types.ts";
import type { Problem } from "./types.ts";

// `from __future__` imports must open a module; they stay in front of the prelude.
const FUTURE_IMPORT = /^from[ \t]+__future__[ \t]+import[^\n]*(?:\n|$)/gm;

/** True when the program of this language gets the problem's prelude in front of it (Python, stdio or function mode). */
export function takesPrelude(problem: Pick<Problem, "mode" | "prelude">, language: Language): boolean {
  return problem.mode !== "answer" && language === "python" && (problem.prelude?.trim() ?? "") !== "";
}

/** The program as judged: `code` after the problem's prelude (unchanged when it takes none). */
export function withPrelude(problem: Pick<Problem, "mode" | "prelude">, language: Language, code: string): string {
  if (!takesPrelude(problem, language)) return code;
  const futures = code.match(FUTURE_IMPORT) ?? [];
  const body = futures.length > 0 ? code.replace(FUTURE_IMPORT, "") : code;
  const head = futures.map((l) => (l.endsWith("\n") ? l : `${l}\n`)).join("");
  return `${head}${problem.prelude?.trimEnd()}\n\n${body}`;
}
