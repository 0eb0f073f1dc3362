/** Server-rendered SVG charts; colours come from CSS classes so the page needs no inline style. */
import { VERDICTS } from "../../judges/types.ts";
import type { Histogram } from "../data/json.ts";
import { formatNum } from "../render/format.ts";

/** Verdicts with a non-zero count, in the judge's order, then any unknown ones alphabetically. */
export function orderVerdicts(counts: Record<string, number>): [string, number][] {
  const known = VERDICTS.filter((v) => (counts[v] ?? 0) > 0).map((v): [string, number] => [v, counts[v] as number]);
  const other = Object.entries(counts)
    .filter(([v, n]) => n > 0 && !(VERDICTS as readonly string[]).includes(v))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...known, ...other];
}

function verdictClass(v: string): string {
  return /^[A-Z_]{1,10}$/.test(v) ? `bar v-${v}` : "bar v-other";
}

/** Horizontal bars, one per verdict, with counts. */
export function VerdictChart(props: { verdicts: Record<string, number>; runId?: number }) {
  const rows = orderVerdicts(props.verdicts);
  if (rows.length === 0) return <p class="muted">No samples judged yet.</p>;
  const max = Math.max(...rows.map(([, n]) => n), 1);
  const total = rows.reduce((a, [, n]) => a + n, 0);
  const rowH = 22;
  const labelW = 70;
  const barW = 320;
  return (
    <svg class="chart" role="img" aria-label="verdict distribution" width={labelW + barW + 110} height={rows.length * rowH + 4} viewBox={`0 0 ${labelW + barW + 110} ${rows.length * rowH + 4}`}>
      {rows.map(([v, n], i) => (
        <g>
          <text x={labelW - 8} y={i * rowH + 15} text-anchor="end" class="label">
            {v}
          </text>
          {props.runId === undefined ? (
            <rect x={labelW} y={i * rowH + 3} width={Math.max(1, (n / max) * barW)} height={rowH - 6} class={verdictClass(v)}>
              <title>{`${v}: ${n}`}</title>
            </rect>
          ) : (
            <a href={buildVerdictHref(props.runId, v)} class="verdict-bar">
              <rect x={labelW} y={i * rowH + 3} width={Math.max(1, (n / max) * barW)} height={rowH - 6} class={verdictClass(v)}>
                <title>{`${v}: ${n}`}</title>
              </rect>
            </a>
          )}
          <text x={labelW + (n / max) * barW + 6} y={i * rowH + 15} class="value">
            {`${n.toLocaleString("en-US")} (${((n / total) * 100).toFixed(1)}%)`}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Where a verdict's samples are listed: the run's sample list filtered to it. */
export function buildVerdictHref(runId: number, verdict: string): string {
  return `/runs/${runId}/samples?verdict=${encodeURIComponent(verdict)}`;
}

/** A thin stacked bar of verdict shares, for table rows; with `runId`, each segment links to its samples. */
export function VerdictStrip(props: { verdicts: Record<string, number>; runId?: number }) {
  const rows = orderVerdicts(props.verdicts);
  const total = rows.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return <span class="muted">—</span>;
  const w = 120;
  let x = 0;
  return (
    <svg class="strip" width={w} height={10} viewBox={`0 0 ${w} 10`} role="img" aria-label="verdict shares">
      {rows.map(([v, n]) => {
        const width = (n / total) * w;
        const rect = (
          <rect x={x} y={0} width={width} height={10} class={verdictClass(v)}>
            <title>{`${v}: ${n.toLocaleString("en-US")}`}</title>
          </rect>
        );
        x += width;
        return props.runId === undefined ? rect : <a href={buildVerdictHref(props.runId, v)}>{rect}</a>;
      })}
    </svg>
  );
}

/** Vertical histogram: bar i covers edges[i]..edges[i+1]. */
export function HistogramChart(props: { histogram: Histogram | null; label: string }) {
  const h = props.histogram;
  if (!h) return <p class="muted">{`${props.label}: —`}</p>;
  const W = 360;
  const H = 140;
  const pad = 24;
  const max = Math.max(...h.counts, 1);
  const bw = W / h.counts.length;
  const first = h.edges[0] as number;
  const last = h.edges[h.edges.length - 1] as number;
  return (
    <svg class="chart hist" role="img" aria-label={props.label} width={W + 2 * pad} height={H + 2 * pad} viewBox={`0 0 ${W + 2 * pad} ${H + 2 * pad}`}>
      <text x={pad} y={14} class="label">
        {`${props.label} (max ${max})`}
      </text>
      {h.counts.map((n, i) => (
        <rect x={pad + i * bw + 1} y={pad + H - (n / max) * H} width={Math.max(1, bw - 2)} height={(n / max) * H} class="bar hist-bar">
          <title>{`[${formatNum(h.edges[i])}, ${formatNum(h.edges[i + 1])}): ${n}`}</title>
        </rect>
      ))}
      <line x1={pad} y1={pad + H} x2={pad + W} y2={pad + H} class="axis" />
      <text x={pad} y={pad + H + 16} class="value">
        {formatNum(first)}
      </text>
      <text x={pad + W} y={pad + H + 16} text-anchor="end" class="value">
        {formatNum(last)}
      </text>
    </svg>
  );
}
