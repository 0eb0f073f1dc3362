/**
 * Syntax highlighting with highlight.js, returned as tokens, never as HTML. highlight.js emits an HTML
 * string of escaped text and `<span class="hljs-…">` tags; we read that string back into tokens with a
 * strict grammar (anything else is an error) and let the JSX renderer escape each token's text again.
 * So code from a model can never become markup, whatever highlight.js does with it.
 */
import hljs from "highlight.js/lib/core";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";

for (const [name, lang] of Object.entries({ c, cpp, go, java, javascript, python, rust })) hljs.registerLanguage(name, lang);

/** The harness's language names (and common aliases) mapped to highlight.js grammars. */
const GRAMMARS: Record<string, string> = {
  c: "c",
  cpp: "cpp",
  "c++": "cpp",
  python: "python",
  py: "python",
  python3: "python",
  java: "java",
  javascript: "javascript",
  js: "javascript",
  go: "go",
  rust: "rust",
};

export interface Token {
  /** highlight.js scopes enclosing the text, outermost first, without the "hljs-" prefix ([] for plain text). */
  scopes: string[];
  text: string;
}

/** Code larger than this is shown plain: highlighting it would cost more than it helps. */
const MAX_HIGHLIGHT = 200_000;

/** Splits `code` into tokens for `language`; unknown languages and huge code give one plain token. */
export function tokenize(code: string, language: string | null | undefined): Token[] {
  if (code === "") return [];
  const grammar = GRAMMARS[(language ?? "").toLowerCase()];
  if (!grammar || code.length > MAX_HIGHLIGHT) return [{ scopes: [], text: code }];
  return readHighlighted(hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value);
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };
const PIECE = /<span class="([a-z0-9_ -]+)">|<\/span>|&(?:amp|lt|gt|quot|#x27|#39);|[^<&]+/gy;

/** Reads highlight.js output back into tokens; throws on anything outside its known shape. */
export function readHighlighted(html: string): Token[] {
  const tokens: Token[] = [];
  const stack: string[] = [];
  PIECE.lastIndex = 0;
  while (PIECE.lastIndex < html.length) {
    const at = PIECE.lastIndex;
    const m = PIECE.exec(html);
    if (!m) throw new Error(`highlight: unexpected highlighter output at ${at}`);
    const piece = m[0];
    if (m[1] !== undefined) stack.push(m[1].replace(/\bhljs-/g, ""));
    else if (piece === "</span>") {
      if (stack.pop() === undefined) throw new Error("highlight: unbalanced </span> in highlighter output");
    } else {
      const text = ENTITIES[piece] ?? piece;
      const last = tokens[tokens.length - 1];
      if (last && last.scopes.join("|") === stack.join("|")) last.text += text;
      else tokens.push({ scopes: [...stack], text });
    }
  }
  if (stack.length) throw new Error("highlight: unclosed <span> in highlighter output");
  return tokens;
}

/** Tokens split at newlines into lines (a token spanning lines is cut; a final newline adds no line). */
export function splitTokenLines(tokens: Token[]): Token[][] {
  const lines: Token[][] = [[]];
  for (const t of tokens) {
    const parts = t.text.split("\n");
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) (lines[lines.length - 1] as Token[]).push({ scopes: t.scopes, text });
    });
  }
  if (lines.length > 1 && (lines[lines.length - 1] as Token[]).length === 0) lines.pop();
  return lines;
}
