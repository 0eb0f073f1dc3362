/**
 * MultiPL-E's completion convention: a continuation is cut at the first stop token (C++: `\n}`),
 * and the `}` that closes the function comes with the tests, which begin with it. The datasets
 * layer keeps the tests without that brace (so a whole function answer compiles with them), so a
 * continuation cut this way gets the brace back here.
 */
import type { Language } from "../../judges/types.ts";

/** The text before the first stop token, and whether one was found. */
export function cutAtStopToken(text: string, stopTokens: readonly string[] | undefined): { text: string; cut: boolean } {
  let end = -1;
  for (const token of stopTokens ?? []) {
    if (token === "") continue;
    const at = text.indexOf(token);
    if (at >= 0 && (end < 0 || at < end)) end = at;
  }
  return end < 0 ? { text, cut: false } : { text: text.slice(0, end), cut: true };
}

/** How many `{` are left open, ignoring braces inside comments and string or character literals. */
export function openBraces(code: string): number {
  const bare = code
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
  let depth = 0;
  for (const ch of bare) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
  }
  return depth;
}

/** A C-family continuation left open by its stop token, closed as MultiPL-E's tests close it. */
export function closeFunction(code: string, language: Language): { code: string; closed: boolean } {
  if (language !== "cpp" || openBraces(code) <= 0) return { code, closed: false };
  return { code: `${code.trimEnd()}\n}\n`, closed: true };
}
