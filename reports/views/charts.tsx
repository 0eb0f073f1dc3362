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

/** At most `n` evenly spaced indexes of 0..last, always including both ends. */
function pickTicks(last: number, n: number): number[] {
  if (last <= 0) return [0];
  const step = Math.max(1, Math.ceil(last / (n - 1)));
  const out: number[] = [];
  for (let i = 0; i < last; i += step) out.push(i);
  return [...out, last];
}

/**
 * Vertical histogram with axes: bar i covers [edges[i], edges[i+1]); the x axis labels bin edges,
 * the y axis counts. Hover a bar for its exact range and count.
 */
export function HistogramChart(props: { histogram: Histogram | null; label: string; unit?: string }) {
  const h = props.histogram;
  if (!h) return <p class="muted">{`${props.label}: —`}</p>;
  const W = 360;
  const H = 140;
  const left = 44;
  const top = 22;
  const bottom = 34;
  const max = Math.max(...h.counts, 1);
  const bw = W / h.counts.length;
  const unit = props.unit ? ` ${props.unit}` : "";
  const yTicks = [...new Set([0, Math.round(max / 2), max])];
  return (
    <svg class="chart hist" role="img" aria-label={props.label} width={W + left + 16} height={H + top + bottom} viewBox={`0 0 ${W + left + 16} ${H + top + bottom}`}>
      <text x={left} y={14} class="label">
        {`${props.label} (${h.counts.reduce((a, n) => a + n, 0).toLocaleString("en-US")} in ${h.counts.length} bins)`}
      </text>
      {yTicks.map((t) => (
        <g>
          <line x1={left - 4} y1={top + H - (t / max) * H} x2={left + W} y2={top + H - (t / max) * H} class="grid" />
          <text x={left - 6} y={top + H - (t / max) * H + 4} text-anchor="end" class="value">
            {t.toLocaleString("en-US")}
          </text>
        </g>
      ))}
      {h.counts.map((n, i) => (
        <rect x={left + i * bw + 1} y={top + H - (n / max) * H} width={Math.max(1, bw - 2)} height={(n / max) * H} class="bar hist-bar">
          <title>{`[${formatNum(h.edges[i])}, ${formatNum(h.edges[i + 1])}): ${n}`}</title>
        </rect>
      ))}
      <line x1={left} y1={top + H} x2={left + W} y2={top + H} class="axis" />
      <line x1={left} y1={top} x2={left} y2={top + H} class="axis" />
      {pickTicks(h.counts.length, 7).map((i) => (
        <g class="x-tick">
          <line x1={left + i * bw} y1={top + H} x2={left + i * bw} y2={top + H + 4} class="axis" />
          <text x={left + i * bw} y={top + H + 16} text-anchor={i === h.counts.length ? "end" : "middle"} class="value">
            {`${formatNum(h.edges[i], 2)}${i === h.counts.length ? unit : ""}`}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * One point per run (x in order, or at `at` when every point has one: a job's checkpoint steps), with
 * whiskers for an interval; each point links to its run. `ends` labels the x axis's two ends.
 */
export function RunSeriesChart(props: {
  label: string;
  points: { href: string; title: string; y: number | null; low?: number | null; high?: number | null; current?: boolean; at?: number }[];
  ends?: [string, string];
}) {
  const pts = props.points;
  if (pts.length < 2) return <p class="muted">{`${props.label}: only one run so far.`}</p>;
  const W = 360;
  const H = 140;
  const left = 44;
  const top = 22;
  const ats = pts.map((p) => p.at);
  const spaced = ats.every((a): a is number => a !== undefined) ? ats : null;
  const lo = spaced ? Math.min(...spaced) : 0;
  const span = spaced ? Math.max(...spaced) - lo || 1 : pts.length - 1;
  const x = (i: number) => left + 10 + (((spaced ? spaced[i]! - lo : i) as number) / span) * (W - 20);
  const y = (v: number) => top + H - v * H;
  const line = pts
    .map((p, i) => (p.y === null ? null : `${x(i).toFixed(1)},${y(p.y).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <svg class="chart series" role="img" aria-label={props.label} width={W + left + 16} height={H + top + 30} viewBox={`0 0 ${W + left + 16} ${H + top + 30}`}>
      <text x={left} y={14} class="label">
        {props.label}
      </text>
      {[0, 0.5, 1].map((t) => (
        <g>
          <line x1={left} y1={y(t)} x2={left + W} y2={y(t)} class="grid" />
          <text x={left - 6} y={y(t) + 4} text-anchor="end" class="value">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      <polyline points={line} class="trend" />
      {pts.map((p, i) =>
        p.y === null ? null : (
          <a href={p.href} class="run-point">
            {p.low !== null && p.low !== undefined && p.high !== null && p.high !== undefined ? (
              <line x1={x(i)} y1={y(p.low)} x2={x(i)} y2={y(p.high)} class="whisker" />
            ) : null}
            <circle cx={x(i)} cy={y(p.y)} r={p.current ? 5 : 3.5} class={p.current ? "dot current" : "dot"}>
              <title>{p.title}</title>
            </circle>
          </a>
        ),
      )}
      <text x={left} y={H + top + 20} class="value">
        {props.ends?.[0] ?? "oldest"}
      </text>
      <text x={left + W} y={H + top + 20} text-anchor="end" class="value">
        {props.ends?.[1] ?? "newest"}
      </text>
    </svg>
  );
}

/** Samples judged per time bucket, as a line. */
export function ThroughputChart(props: { series: { startMs: number; count: number }[]; bucketMs: number }) {
  const s = props.series;
  if (s.length < 2) return <p class="muted">Throughput: not enough samples judged yet.</p>;
  const W = 360;
  const H = 100;
  const left = 44;
  const top = 22;
  const max = Math.max(...s.map((b) => b.count), 1);
  const x = (i: number) => left + (i / (s.length - 1)) * W;
  const y = (n: number) => top + H - (n / max) * H;
  const perSec = (n: number) => (n / (props.bucketMs / 1000)).toFixed(1);
  return (
    <svg class="chart throughput" role="img" aria-label="samples judged per second" width={W + left + 16} height={H + top + 24} viewBox={`0 0 ${W + left + 16} ${H + top + 24}`}>
      <text x={left} y={14} class="label">
        {`samples judged per second (${props.bucketMs / 1000} s buckets)`}
      </text>
      {[0, max].map((t) => (
        <text x={left - 6} y={y(t) + 4} text-anchor="end" class="value">
          {perSec(t)}
        </text>
      ))}
      <line x1={left} y1={top + H} x2={left + W} y2={top + H} class="axis" />
      <polyline points={s.map((b, i) => `${x(i).toFixed(1)},${y(b.count).toFixed(1)}`).join(" ")} class="trend">
        <title>{s.map((b) => perSec(b.count)).join(", ")}</title>
      </polyline>
      <text x={left} y={H + top + 16} class="value">
        start
      </text>
      <text x={left + W} y={H + top + 16} text-anchor="end" class="value">
        {`${Math.round(((s.length - 1) * props.bucketMs) / 1000)} s`}
      </text>
    </svg>
  );
}
