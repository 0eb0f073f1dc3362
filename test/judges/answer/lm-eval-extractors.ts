/**
 * lm-evaluation-harness's GSM8K scoring, re-implemented from the facts its task file
 * (lm_eval/tasks/gsm8k/gsm8k.yaml, version 3.0) documents, to set our figures beside:
 *   strict-match:     regex `#### (\-?[0-9\.\,]+)`, first match;
 *   flexible-extract: regex `(-?[$0-9.,]{2,})|(-?[0-9]+)`, last match, first non-empty group;
 *   no match -> "[invalid]"; then exact_match with ignore_case and the regexes `,`, `\$`,
 *   `(?s).*#### ` and `\.$` deleted from both prediction and the reference's full answer text.
 */

const STRICT = /#### (-?[0-9.,]+)/g;
const FLEXIBLE = /(-?[$0-9.,]{2,})|(-?[0-9]+)/g;
const IGNORED = [/,/g, /\$/g, /[\s\S]*#### /g, /\.$/g];

function normalise(text: string): string {
  return IGNORED.reduce((t, re) => t.replace(re, ""), text).toLowerCase();
}

/** What strict-match extracts from a completion. */
export function strictMatch(completion: string): string {
  const first = [...completion.matchAll(STRICT)][0];
  return first ? (first[1] ?? "").trim() : "[invalid]";
}

/** What flexible-extract extracts from a completion. */
export function flexibleExtract(completion: string): string {
  const last = [...completion.matchAll(FLEXIBLE)].pop();
  return last ? (last[1] || last[2] || "").trim() : "[invalid]";
}

/** lm-eval's exact_match of an extracted prediction against the row's full `answer` text. */
export function lmEvalExactMatch(prediction: string, referenceAnswer: string): boolean {
  return normalise(prediction) === normalise(referenceAnswer);
}
