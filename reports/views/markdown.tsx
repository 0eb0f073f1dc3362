/**
 * Problem statements as Markdown. marked only tokenizes; this file turns its tokens into JSX, so every
 * piece of text is escaped by the renderer and raw HTML in a statement shows as text. TeX math
 * ($…$, $$…$$, \(…\)) is cut out before tokenizing (so `_` and `*` inside it are not emphasis) and shown
 * as plain readable text: \le becomes ≤, \frac{a}{b} becomes (a)/(b). Single newlines are line breaks:
 * dataset statements put "Input" and its description on separate lines and mean it.
 */
import type { Child } from "hono/jsx";
import { marked, type Token, type Tokens } from "marked";

/** Statements longer than this are cut (the full text is on the problem's JSON twin). */
const MAX_CHARS = 20_000;
const MATH = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;
const SLOT = /\uE000(\d+)\uE001/g;

const SYMBOLS: Record<string, string> = {
  le: "≤", leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", lt: "<", gt: ">", times: "×", cdot: "·", cdots: "⋯", ldots: "…", dots: "…",
  infty: "∞", pm: "±", to: "→", rightarrow: "→", leftarrow: "←", Rightarrow: "⇒", sum: "Σ", prod: "Π", in: "∈", notin: "∉",
  subseteq: "⊆", cup: "∪", cap: "∩", forall: "∀", exists: "∃", alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε",
  lambda: "λ", mu: "μ", pi: "π", sigma: "σ", oplus: "⊕", land: "∧", lor: "∨", neg: "¬", lfloor: "⌊", rfloor: "⌋", lceil: "⌈",
  rceil: "⌉", approx: "≈", equiv: "≡", mid: "|", bmod: "mod", mod: "mod", min: "min", max: "max", log: "log", gcd: "gcd",
};

/** Readable plain text for a TeX formula (not a renderer: enough for constraints and small formulas). */
export function readTex(tex: string): string {
  let s = tex;
  for (let i = 0; i < 4; i++) {
    s = s
      .replace(/\\(?:text|mathrm|mathbf|mathit|operatorname|texttt|mathcal)\s*\{([^{}]*)\}/g, "$1")
      .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, "($1)/($2)")
      .replace(/\\sqrt\s*\{([^{}]*)\}/g, "√($1)")
      .replace(/\\pmod\s*\{([^{}]*)\}/g, "(mod $1)")
      .replace(/\^\{([^{}]*)\}/g, (_, x: string) => (x.length === 1 ? `^${x}` : `^(${x})`))
      .replace(/_\{([^{}]*)\}/g, "_$1");
  }
  return s
    .replace(/\\(left|right|big|Big|displaystyle)\b/g, "")
    .replace(/\\([A-Za-z]+)/g, (m, name: string) => SYMBOLS[name] ?? m)
    .replace(/\\[,;: !]/g, " ")
    .replace(/\\([{}%$#&_])/g, "$1")
    .replace(/[{}]/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Renders a statement as Markdown with readable math; every string is escaped by JSX. */
export function Markdown(props: { text: string }) {
  const text = props.text.length > MAX_CHARS ? props.text.slice(0, MAX_CHARS) : props.text;
  const math: string[] = [];
  const protectedText = text.replace(/[\uE000\uE001]/g, "").replace(MATH, (_, a?: string, b?: string, c?: string, d?: string) => {
    math.push(readTex(a ?? b ?? c ?? d ?? ""));
    return `\uE000${math.length - 1}\uE001`;
  });
  const ctx = { math };
  return (
    <div class="statement">
      {marked.lexer(protectedText, { gfm: true, breaks: true }).map((t) => renderBlock(t, ctx))}
      {props.text.length > MAX_CHARS ? <p class="cut">{`… ${props.text.length - MAX_CHARS} more characters`}</p> : null}
    </div>
  );
}

interface Ctx {
  math: string[];
}

/** Text with math placeholders put back as math spans. */
function withMath(text: string, ctx: Ctx): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(SLOT)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(<span class="math">{ctx.math[Number(m[1])] ?? ""}</span>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Plain text of a token with math restored as text (for code, where spans would be wrong). */
function restoreMath(text: string, ctx: Ctx): string {
  return text.replace(SLOT, (_, i: string) => ctx.math[Number(i)] ?? "");
}

function renderInline(tokens: Token[] | undefined, ctx: Ctx): Child[] {
  return (tokens ?? []).map((t) => {
    switch (t.type) {
      case "strong":
        return <strong>{renderInline(t.tokens, ctx)}</strong>;
      case "em":
        return <em>{renderInline(t.tokens, ctx)}</em>;
      case "del":
        return <del>{renderInline(t.tokens, ctx)}</del>;
      case "codespan":
        return <code>{restoreMath(decode(t.text), ctx)}</code>;
      case "br":
        return <br />;
      case "link": {
        const href = (t as Tokens.Link).href;
        const body = renderInline(t.tokens, ctx);
        return /^https?:\/\//i.test(href) ? (
          <a href={href} rel="noopener noreferrer nofollow">
            {body}
          </a>
        ) : (
          <>{body}</>
        );
      }
      case "image":
        return <span class="muted">{`[image: ${(t as Tokens.Image).text}]`}</span>;
      case "text":
        return "tokens" in t && t.tokens ? <>{renderInline(t.tokens, ctx)}</> : <>{withMath(decode(t.text), ctx)}</>;
      default:
        // escape, html, tag and anything new: shown as the text it was written as.
        return <>{withMath(decode("text" in t ? String(t.text) : t.raw), ctx)}</>;
    }
  });
}

function renderBlock(t: Token, ctx: Ctx): Child {
  switch (t.type) {
    case "space":
    case "def":
      return null;
    case "heading": {
      const body = renderInline(t.tokens, ctx);
      return (t as Tokens.Heading).depth <= 2 ? <h3>{body}</h3> : <h4>{body}</h4>;
    }
    case "paragraph":
      return <p>{renderInline(t.tokens, ctx)}</p>;
    case "code":
      return <pre class="text">{restoreMath((t as Tokens.Code).text, ctx)}</pre>;
    case "blockquote":
      return <blockquote>{(t as Tokens.Blockquote).tokens.map((x) => renderBlock(x, ctx))}</blockquote>;
    case "hr":
      return <hr />;
    case "list": {
      const l = t as Tokens.List;
      const items = l.items.map((item) => <li>{item.tokens.map((x) => (x.type === "text" ? renderInline(x.tokens ?? [x], ctx) : renderBlock(x, ctx)))}</li>);
      return l.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "table": {
      const tb = t as Tokens.Table;
      return (
        <table class="grid-table">
          <thead>
            <tr>
              {tb.header.map((h) => (
                <th>{renderInline(h.tokens, ctx)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tb.rows.map((r) => (
              <tr>
                {r.map((c) => (
                  <td>{renderInline(c.tokens, ctx)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "text":
      return <p>{"tokens" in t && t.tokens ? renderInline(t.tokens, ctx) : withMath(decode(t.text), ctx)}</p>;
    default:
      // html blocks and unknown tokens: the source text, escaped.
      return <pre class="text">{restoreMath(t.raw, ctx)}</pre>;
  }
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** marked escapes some token text (codespans, text); JSX escapes again, so undo marked's. */
function decode(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}
