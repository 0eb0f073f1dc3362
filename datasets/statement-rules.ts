/**
 * What a problem statement says about checking answers: a numeric tolerance ("absolute or relative
 * error does not exceed 10^{-6}"), letters in any case ("You can output YES and NO in any case"),
 * and several accepted answers ("If there are multiple answers, print any of them"). Patterns were
 * fitted on the statements of rllm's codeforces and code_contests test sets (Codeforces wording,
 * LaTeX with `$`, `$$$` or plain text).
 */

export interface StatementRules {
  /** The stated error bound (absolute or relative), when the statement gives one. */
  tolerance?: number;
  /** The statement accepts letters in any case. */
  anyCase: boolean;
  /** The statement accepts several different answers; the quoted phrase, else null. */
  severalAnswers: string | null;
}

/** A sentence that talks about the error of the answer, up to its bound. */
const ERROR_SENTENCE = /(?:absolute|relative)[^]{0,200}?(?:error|precision)[^]{0,300}/gi;
/**
 * Bounds as statements write them: 10^{-6}, 10^-6, 10^(-6), $10^{-6}$, 2 \cdot 10^{-3}, 1e-6,
 * 1E-06, 10**-6, 0.000001. The first pattern's optional group is a mantissa (2 × 10^{-3}).
 */
const BOUNDS = [
  /(?:(\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|×|⋅|·|\*)\s*)?10\s*\^\s*[{(]?\s*[-−–]\s*(\d{1,2})\s*[})]?/,
  /\b(\d(?:\.\d+)?)\s*[eE]\s*[-−–]\s*(\d{1,2})\b/,
  /10\s*\*\*\s*\(?\s*-\s*(\d{1,2})/,
  /\b(0\.0*1)\b/,
];

/** Reads the error bound a statement states; undefined when it states none. */
export function readStatedTolerance(statement: string): number | undefined {
  for (const sentence of statement.match(ERROR_SENTENCE) ?? []) {
    const candidates: { at: number; value: number }[] = [];
    for (const [i, pattern] of BOUNDS.entries()) {
      const m = pattern.exec(sentence);
      if (!m) continue;
      const value =
        i === 0 ? Number(m[1] ?? 1) * 10 ** -Number(m[2]) : i === 1 ? Number(m[1]) * 10 ** -Number(m[2]) : i === 3 ? Number(m[1]) : 10 ** -Number(m[1]);
      if (value > 0 && value < 1) candidates.push({ at: m.index, value });
    }
    // The first bound after the words "absolute/relative error" is the one the sentence states.
    candidates.sort((a, b) => a.at - b.at);
    if (candidates[0]) return candidates[0].value;
  }
  return undefined;
}

const ANY_CASE = [
  /\b(?:can|may)\s+(?:output|print|write)[^.]{0,120}?\bin any (?:letter )?(?:case|register)\b/i,
  /\bcase[- ]insensitive/i,
  /\(\s*in any (?:letter )?case\s*\)/i,
  /\bin any register\b/i,
  /each letter (?:can be )?in any case/i,
];

const SEVERAL_ANSWERS = [
  /(?:print|output|find)\s+any(?:\s+of\s+them)?\b/i,
  /(?:several|multiple|more than one)\s+(?:possible\s+|correct\s+|valid\s+|optimal\s+)?(?:answers|solutions)\b/i,
  /(?:print|output)[^.]{0,100}?\bany\s+(?:suitable|valid|correct)\s+\w+/i,
  /\bcan be any one of them\b/i,
  /(?:answer|solution) is not (?:always )?unique/i,
];

/** The rules a statement states. */
export function readStatementRules(statement: string): StatementRules {
  const several = SEVERAL_ANSWERS.map((p) => p.exec(statement)?.[0]).find((m) => m !== undefined)?.replace(/\s+/g, " ") ?? null;
  const tolerance = readStatedTolerance(statement);
  return {
    ...(tolerance !== undefined ? { tolerance } : {}),
    anyCase: ANY_CASE.some((p) => p.test(statement)),
    severalAnswers: several,
  };
}

const DECIMAL_TOKEN = /^[+-]?\d*\.\d+$/;

/** True when some expected output holds a decimal fraction (`0.500000`) and every token of it is a number. */
export function hasDecimalAnswers(outputs: readonly string[]): boolean {
  let decimals = false;
  for (const output of outputs) {
    for (const token of output.split(/\s+/)) {
      if (token === "") continue;
      if (DECIMAL_TOKEN.test(token)) decimals = true;
      else if (!/^[+-]?\d+$/.test(token)) return false;
    }
  }
  return decimals;
}
