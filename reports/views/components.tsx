/** Small building blocks shared by pages. Every string passes through JSX text or attributes, so it is escaped. */
import type { Child } from "hono/jsx";
import { splitTokenLines, tokenize, type Token } from "../render/highlight.ts";
import type { PassAtKInterval } from "../../harness/metrics/confidence.ts";
import { DASH, formatPct } from "../render/format.ts";

/** CSS classes of a highlight.js scope chain, outermost first (the stylesheet lists outer scopes first, so inner ones win). */
function scopeClass(t: Token): string {
  return t.scopes
    .flatMap((s) => s.split(" "))
    .map((s) => `hl-${s.replace(/[^a-z0-9_-]/g, "")}`)
    .join(" ");
}

/**
 * Syntax-highlighted code with line numbers (compile logs and tracebacks cite them): tokens become
 * spans whose text the renderer escapes. The numbers are CSS counters, so copying gets only the code;
 * each line has an id (#L12) to link to.
 */
export function Code(props: { code: string | null | undefined; language?: string | null }) {
  if (props.code === null || props.code === undefined) return <p class="muted">{DASH}</p>;
  const first = 1;
  return (
    <pre class="code numbered">
      <code>
        {splitTokenLines(tokenize(props.code, props.language)).map((line, i) => (
          <span class="line" id={`L${first + i}`}>
            {line.map((t) => (t.scopes.length === 0 ? t.text : <span class={scopeClass(t)}>{t.text}</span>))}
            {"\n"}
          </span>
        ))}
      </code>
    </pre>
  );
}

/** Preformatted untrusted text, cut at `max` characters with a note. */
export function Text(props: { text: string | null | undefined; max?: number; empty?: string }) {
  const text = props.text ?? "";
  if (text === "") return <p class="muted">{props.empty ?? "(empty)"}</p>;
  const max = props.max ?? 100_000;
  return (
    <pre class="text">
      {text.length > max ? text.slice(0, max) : text}
      {text.length > max ? <span class="cut">{`\n… ${text.length - max} more characters`}</span> : null}
    </pre>
  );
}

/** Pretty-printed JSON (provenance, extraction notes, schema definitions). */
export function Json(props: { value: unknown }) {
  if (props.value === null || props.value === undefined) return <p class="muted">{DASH}</p>;
  return <pre class="text json">{JSON.stringify(props.value, null, 2)}</pre>;
}

/** Flattens JSON into key/value rows: nested keys joined with dots, arrays of scalars joined with commas. */
export function flattenJson(value: unknown, prefix = ""): [string, string][] {
  if (value === null || value === undefined) return prefix ? [[prefix, DASH]] : [];
  if (Array.isArray(value)) {
    if (value.every((x) => x === null || typeof x !== "object")) return [[prefix || "(list)", value.length ? value.map(String).join(", ") : "(none)"]];
    return value.flatMap((x, i) => flattenJson(x, `${prefix}[${i}]`));
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [[prefix, "(none)"]] : [];
    return entries.flatMap(([k, x]) => flattenJson(x, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix || "(value)", String(value)]];
}

/** Settings (limits, extraction, judge versions) as a key/value table rather than raw JSON. */
export function KeyValues(props: { value: unknown }) {
  const rows = flattenJson(props.value);
  if (rows.length === 0) return <p class="muted">{DASH}</p>;
  return (
    <table class="facts kv">
      <tbody>
        {rows.map(([k, v]) => (
          <tr>
            <th>{k}</th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A verdict as a coloured badge; unknown verdicts get a neutral colour. */
export function Verdict(props: { verdict: string }) {
  const cls = /^[A-Z_]{1,10}$/.test(props.verdict) ? props.verdict : "other";
  return <span class={`badge v-${cls}`}>{props.verdict}</span>;
}

/** A two-column table of labelled values. */
export function Facts(props: { rows: [string, Child][] }) {
  return (
    <table class="facts">
      <tbody>
        {props.rows.map(([k, v]) => (
          <tr>
            <th>{k}</th>
            <td>{v === null || v === undefined || v === "" ? DASH : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Builds a URL from a path and query parameters, skipping empty ones. */
export function buildHref(path: string, params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Previous/next links and the page position. */
export function Pager(props: { path: string; params: Record<string, string | number | undefined>; page: number; pages: number }) {
  const { page, pages } = props;
  const link = (p: number, label: string, rel: string) => (
    <a class="pager-link" rel={rel} href={buildHref(props.path, { ...props.params, page: p })}>
      {label}
    </a>
  );
  return (
    <nav class="pager">
      {page > 1 ? link(1, "« first", "first") : <span class="muted">« first</span>}
      {page > 1 ? link(page - 1, "‹ prev", "prev") : <span class="muted">‹ prev</span>}
      <span class="pager-pos">{`page ${page} of ${pages}`}</span>
      {page < pages ? link(page + 1, "next ›", "next") : <span class="muted">next ›</span>}
      {page < pages ? link(pages, "last »", "last") : <span class="muted">last »</span>}
    </nav>
  );
}

/** Link to a run page. */
export function RunLink(props: { id: number; name: string }) {
  return <a href={`/runs/${props.id}`}>{props.name}</a>;
}

/** Link to a problem of a dataset version; problem ids contain slashes, so they are encoded as one segment. */
export function buildProblemHref(sha: string, id: string): string {
  return `/datasets/${sha}/problems/${encodeURIComponent(id)}`;
}

/** "[80.0, 94.4]": an interval in percent, one decimal. */
export function formatInterval(ci: { low: number; high: number }): string {
  return `[${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`;
}

/** What an interval is, for its hover text. */
export function describeInterval(ci: PassAtKInterval): string {
  return `${ci.level * 100}% interval: ${ci.method} (${ci.problems.toLocaleString("en-US")} problems, ${ci.resamples} resamples, seed ${ci.seed})`;
}

/**
 * A pass@k with its interval; a dash that says why when there is none (k larger than any problem's
 * sample count, or nothing judged yet).
 */
export function PassAtK(props: { k: string; value: number | null | undefined; interval?: PassAtKInterval | null; counted?: number }) {
  const { k, value, interval } = props;
  if (value === null || value === undefined) {
    const why =
      props.counted === 0
        ? `pass@${k} needs at least ${k} samples of a problem; no problem in this run has ${k}`
        : `pass@${k} is not known yet: no problem has samples judged`;
    return (
      <abbr class="no-value" title={why}>
        {DASH}
      </abbr>
    );
  }
  return (
    <span class="pass-at-k">
      {formatPct(value)}
      {interval ? (
        <>
          {" "}
          <small class="ci" title={describeInterval(interval)}>
            {formatInterval(interval)}
          </small>
        </>
      ) : null}
    </span>
  );
}
