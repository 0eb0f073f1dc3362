/**
 * Boilerplate in problem statements: text that many statements share (a dataset's prompt wrapper,
 * "the first line contains a single integer t", "Please complete the following python code
 * precisely"). Overlap inside it says nothing about contamination, so the n-grams that touch it do
 * not count. A span is boilerplate when a word `span`-gram covering it appears in more than
 * `maxDocs` distinct statements, counted over the training rows and the evaluation rows together
 * (a file checked against itself counts each statement once). The span is shorter than the
 * n-gram, so a wrapper shorter than n words, and the n-grams that straddle its edge, are caught.
 */
import { wordsOf } from "./normalize.ts";

/** Length of the spans whose frequency marks boilerplate (an n-gram shorter than this is not masked). */
export const BOILERPLATE_SPAN = 8;

export interface BoilerplateFilter {
  /** The statement's n-grams that touch no boilerplate word. */
  contentGrams(statement: string): Set<string>;
  /** Distinct spans found in more than maxDocs statements. */
  readonly boilerplateSpans: number;
}

/** Learns the boilerplate spans of all the statements given. */
export function learnBoilerplate(statements: Iterable<string>, n: number, maxDocs: number): BoilerplateFilter {
  const span = Math.min(n, BOILERPLATE_SPAN);
  const docs = new Map<string, number>();
  const seen = new Set<string>();
  for (const statement of statements) {
    const words = wordsOf(statement);
    const key = words.join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    for (const g of spansOf(words, span)) docs.set(g, (docs.get(g) ?? 0) + 1);
  }
  const frequent = new Set([...docs].filter(([, count]) => count > maxDocs).map(([g]) => g));
  return {
    boilerplateSpans: frequent.size,
    contentGrams(statement) {
      const words = wordsOf(statement);
      const masked = new Uint8Array(words.length);
      for (let i = 0; i + span <= words.length; i++) {
        if (frequent.has(words.slice(i, i + span).join(" "))) masked.fill(1, i, i + span);
      }
      const grams = new Set<string>();
      if (words.length > 0 && words.length < n) {
        if (!masked.includes(1)) grams.add(words.join(" "));
        return grams;
      }
      let run = 0; // masked words among the current window
      for (let i = 0; i < words.length; i++) {
        run += masked[i] ?? 0;
        if (i >= n) run -= masked[i - n] ?? 0;
        if (i >= n - 1 && run === 0) grams.add(words.slice(i - n + 1, i + 1).join(" "));
      }
      return grams;
    },
  };
}

function spansOf(words: readonly string[], span: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + span <= words.length; i++) out.add(words.slice(i, i + span).join(" "));
  return out;
}
