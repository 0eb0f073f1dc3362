/**
 * Which number a completion gives as its answer. Precedence (README "Answer mode"):
 *   1. Reasoning closed by `</think>` is skipped.
 *   2. The last explicit final-answer statement: `\boxed{…}`, "answer is", "answer:", "final
 *      answer", or `####` immediately followed by a number (GSM8K's marker, as the reference
 *      graders read it: `#### Step 1` is a Markdown heading, not a marker). Within it, the
 *      first number: "The answer is 19, not 18." answers 19.
 *   3. Otherwise the last number in the text.
 * A statement is read up to the end of its line, or of the next non-empty line when the marker
 * ends its line ("The final answer is:\n\n18"), so a note after the answer never supplies it.
 */
import { findNumbers, plainLatexNumbers, type ReadNumber } from "./number.ts";

/** Why a number was chosen: the rule of the precedence that found it. */
export type AnswerSource = "boxed" | "statement" | "hashes" | "last-number";

export interface ExtractedAnswer extends ReadNumber {
  source: AnswerSource;
}

/** Markup allowed between a marker and its number: spaces, bold, `$`. */
const LEAD = String.raw`[ \t]*(?:\*\*)?[ \t]*\$?[ \t]*`;
const NUMBER_START = String.raw`[-\u2212]?\$?\.?\d`;
/**
 * "final answer" (its number may follow on the next line), "answer is" / "answer =", and
 * "Answer:" or `####` only when a number follows at once ("Answer: She sold 16 - 3 ..." opens
 * reasoning, and `#### Step 1` is a heading).
 */
const STATEMENT = new RegExp(
  String.raw`\bfinal\s+answer\b(?:\s*\*\*)?(?:\s*(?:is\b|:|=))?|\banswer(?:\s*\*\*)?\s*(?:is\b|=)|\banswer(?:\*\*)?\s*:(?=${LEAD}${NUMBER_START})|####(?=${LEAD}${NUMBER_START})`,
  "gi",
);

/** The completion's answer, or null when it gives no number. */
export function extractAnswer(completion: string): ExtractedAnswer | null {
  const thinkEnd = completion.lastIndexOf("</think>");
  const text = thinkEnd === -1 ? completion : completion.slice(thinkEnd + "</think>".length);
  const statements = [...findBoxed(text), ...findStatements(text)].sort((a, b) => b.at - a.at);
  for (const s of statements) {
    const first = findNumbers(plainLatexNumbers(s.body))[0];
    if (first) return { value: first.value, percent: first.percent, source: s.source };
  }
  const last = findNumbers(plainLatexNumbers(text)).pop();
  return last ? { value: last.value, percent: last.percent, source: "last-number" } : null;
}

interface Statement {
  /** Where the statement starts in the text (later statements win). */
  at: number;
  body: string;
  source: AnswerSource;
}

/** The contents of every `\boxed{…}` (and `\fbox{…}`), braces balanced. */
function findBoxed(text: string): Statement[] {
  const out: Statement[] = [];
  for (const m of text.matchAll(/\\(?:boxed|fbox)\s*\{/g)) {
    const open = m.index + m[0].length;
    let depth = 1;
    for (let i = open; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        out.push({ at: m.index, body: text.slice(open, i), source: "boxed" });
        break;
      }
    }
  }
  return out;
}

/** Every "answer is" / `#### N` statement, with the text it covers. */
function findStatements(text: string): Statement[] {
  const out: Statement[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const start = m.index + m[0].length;
    out.push({ at: m.index, body: statementBody(text.slice(start)), source: m[0] === "####" ? "hashes" : "statement" });
  }
  return out;
}

/** The rest of the marker's line; when nothing but markup is left on it, the next non-empty line. */
function statementBody(rest: string): string {
  const lines = rest.split("\n");
  const first = lines[0] ?? "";
  if (/[\p{L}\p{N}]/u.test(first)) return first;
  const next = lines.slice(1).find((l) => l.trim() !== "");
  return `${first}\n${next ?? ""}`;
}
