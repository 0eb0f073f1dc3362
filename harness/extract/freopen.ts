/**
 * Neutralises `freopen(...)` in C++ stdio programs. Competitive programmers redirect stdin/stdout
 * to files for local testing; in the judge that would read a missing file and print nothing.
 * Kept for file-IO problems too, although their input and output files now exist in the run
 * (judges/grade.ts): a redirection to another name than the problem's still works this way, and the
 * input is on stdin and stdout is read when no output file is written, so nothing is lost.
 * Each live call is replaced by its stream argument (`freopen("in.txt","r",stdin)` -> `stdin`),
 * which keeps every context valid: a statement, `if (!freopen(...))`, `FILE* f = freopen(...)`.
 * A small lexer skips comments, string/char/raw-string literals and digit separators, so a
 * `freopen` mentioned in a string or an already commented-out call is left alone.
 */

export interface FreopenResult {
  code: string;
  removed: number;
}

/** Replaces live `freopen(path, mode, stream)` calls with `stream`, keeping the original as a comment. */
export function neutraliseFreopen(code: string): FreopenResult {
  let out = "";
  let removed = 0;
  let i = 0;
  let copied = 0;
  while (i < code.length) {
    const ch = code[i] ?? "";
    const next = code[i + 1] ?? "";
    if (ch === "/" && next === "/") {
      i = skipUntil(code, i, "\n");
    } else if (ch === "/" && next === "*") {
      const close = code.indexOf("*/", i + 2);
      i = close < 0 ? code.length : close + 2;
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(code, i);
    } else if (/[0-9]/.test(ch)) {
      i = skipNumber(code, i);
    } else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_]\w*/.exec(code.slice(i, i + 256))?.[0] ?? ch;
      const after = code[i + word.length] ?? "";
      const rawDelim = /^(R|LR|uR|UR|u8R)$/.test(word) && after === '"';
      if (rawDelim) {
        i = skipRaw(code, i + word.length);
      } else if (/^(L|u|U|u8)$/.test(word) && (after === '"' || after === "'")) {
        i = skipQuoted(code, i + word.length);
      } else if (word === "freopen" && code[i - 1] !== "." && !/->\s*$/.test(code.slice(Math.max(0, i - 4), i))) {
        const call = parseCall(code, i + word.length);
        const stream = call?.args.length === 3 ? call.args[2]?.trim() : undefined;
        if (call && stream) {
          const start = code.slice(0, i).endsWith("std::") ? i - 5 : i;
          const original = code.slice(start, call.end);
          const note = original.includes("*/") || original.includes("\n") ? "freopen removed" : original;
          out += `${code.slice(copied, start)}/* ${note} */ ${stream}`;
          copied = call.end;
          removed++;
          i = call.end;
          continue;
        }
        i += word.length;
      } else {
        i += word.length;
      }
    } else {
      i++;
    }
  }
  return { code: out + code.slice(copied), removed };
}

/** Parses `( a, b, c )` starting at the first non-space char at `from`; returns top-level args and the end. */
function parseCall(code: string, from: number): { args: string[]; end: number } | null {
  let i = from;
  while (/\s/.test(code[i] ?? "")) i++;
  if (code[i] !== "(") return null;
  const args: string[] = [];
  let depth = 0;
  let argStart = i + 1;
  for (; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'") {
      i = skipQuoted(code, i) - 1;
    } else if (ch === "(" || ch === "[" || ch === "{") {
      depth++;
    } else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) {
        args.push(code.slice(argStart, i));
        return { args, end: i + 1 };
      }
    } else if (ch === "," && depth === 1) {
      args.push(code.slice(argStart, i));
      argStart = i + 1;
    }
  }
  return null;
}

function skipUntil(code: string, i: number, stop: string): number {
  const at = code.indexOf(stop, i);
  return at < 0 ? code.length : at;
}

/** Skips a "..." or '...' literal starting at its quote; backslash escapes and line ends stop it. */
function skipQuoted(code: string, i: number): number {
  const quote = code[i];
  let j = i + 1;
  while (j < code.length && code[j] !== quote && code[j] !== "\n") {
    j += code[j] === "\\" ? 2 : 1;
  }
  return j + 1;
}

/** Skips R"delim( ... )delim" starting at its quote. */
function skipRaw(code: string, quoteAt: number): number {
  const open = code.indexOf("(", quoteAt);
  if (open < 0) return code.length;
  const delim = code.slice(quoteAt + 1, open);
  const close = code.indexOf(`)${delim}"`, open);
  return close < 0 ? code.length : close + delim.length + 2;
}

/** Skips a pp-number, so the `'` of a digit separator (1'000'000) is not taken for a char literal. */
function skipNumber(code: string, i: number): number {
  let j = i + 1;
  while (j < code.length && /[\w.']/.test(code[j] ?? "")) {
    if (code[j] === "'" && !/[0-9A-Za-z]/.test(code[j + 1] ?? "")) break;
    j++;
  }
  return j;
}
