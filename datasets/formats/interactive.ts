/**
 * Recognising interactive problems in rows that carry no field for it (CodeContests, rllm/DeepCoder):
 * their tests hold a dialogue transcript, not an input and an output, so judging them as stdio
 * would score every program WA. What the published statements say, as measured on rllm's
 * `codeforces` and `code_contests` test files:
 * - CodeContests statements have an "Interaction" section heading (a line of its own), APPS/TACO
 *   ones the same heading between dashes ("-----Interaction-----");
 * - rllm's codeforces statements end with a `Tags:` list that holds 'interactive';
 * - Codeforces statements say "This is an interactive problem".
 * A word "interactive" elsewhere in a story is not enough.
 */

const INTERACTION_HEADING = /^[ \t]*(?:#+[ \t]*|-{3,}[ \t]*)?Interaction(?:[ \t]+Protocol)?[ \t]*:?[ \t]*(?:-{3,}[ \t]*)?$/m;
const INTERACTIVE_SENTENCE = /\bthis is an interactive problem\b/i;
const TAGS_LINE = /^Tags:\s*\n?\s*(\[[^\]\n]*\])/m;

/** True when a statement (or its tags) marks the problem as interactive. */
export function looksInteractive(statement: string, tags: readonly string[] = []): boolean {
  if (tags.some((t) => t.trim().toLowerCase() === "interactive")) return true;
  if (INTERACTION_HEADING.test(statement) || INTERACTIVE_SENTENCE.test(statement)) return true;
  const listed = TAGS_LINE.exec(statement)?.[1];
  return listed !== undefined && /['"]interactive['"]/.test(listed);
}
