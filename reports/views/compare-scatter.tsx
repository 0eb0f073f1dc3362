/**
 * Per-problem pass rate of A (x) against B (y) as server-rendered SVG. Pass rates take few distinct
 * values (k/n), so problems at the same point are drawn as one circle sized by their count; each
 * circle links to B's samples of its first problem and lists its problems on hover.
 */
import type { Comparison } from "../data/compare.ts";
import { formatPct } from "../render/format.ts";
import { buildHref } from "./components.tsx";

const SIZE = 300;
const PAD = 48;
const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Problem ids named in a circle's hover text. */
const NAMED = 8;

interface Cluster {
  a: number;
  b: number;
  ids: string[];
}

/** Groups points by their (a, b) position. */
export function clusterPoints(points: Comparison["points"]): Cluster[] {
  const byKey = new Map<string, Cluster>();
  for (const p of points) {
    const key = `${p.a.toFixed(6)},${p.b.toFixed(6)}`;
    const c = byKey.get(key) ?? { a: p.a, b: p.b, ids: [] };
    c.ids.push(p.problemId);
    byKey.set(key, c);
  }
  return [...byKey.values()];
}

/** The scatter plot of one comparison. */
export function CompareScatter(props: { comparison: Comparison; label: string }) {
  const d = props.comparison;
  const clusters = clusterPoints(d.points);
  if (clusters.length === 0) return <p class="muted">No problem ran in both runs.</p>;
  const max = Math.max(...clusters.map((c) => c.ids.length));
  const x = (v: number) => PAD + v * SIZE;
  const y = (v: number) => PAD + (1 - v) * SIZE;
  const radius = (n: number) => 3 + 9 * Math.sqrt(n / max);
  const side = (c: Cluster) => (c.b > c.a ? "up" : c.b < c.a ? "down" : "same");
  const W = SIZE + 2 * PAD;
  return (
    <svg class="chart scatter" role="img" aria-label={`pass rate per problem: A vs ${props.label}`} width={W} height={W} viewBox={`0 0 ${W} ${W}`}>
      {TICKS.map((t) => (
        <g class="tick">
          <line x1={x(t)} y1={y(0)} x2={x(t)} y2={y(1)} class="grid" />
          <line x1={x(0)} y1={y(t)} x2={x(1)} y2={y(t)} class="grid" />
          <text x={x(t)} y={y(0) + 14} text-anchor="middle" class="value">
            {`${t * 100}%`}
          </text>
          <text x={x(0) - 4} y={y(t) + 4} text-anchor="end" class="value">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} class="diagonal" />
      <text x={x(0.5)} y={W - 4} text-anchor="middle" class="label">
        {`A: ${d.a.name}`}
      </text>
      <text x={10} y={y(0.5)} text-anchor="middle" class="label" transform={`rotate(-90 10 ${y(0.5)})`}>
        {`${props.label}: ${d.b.name}`}
      </text>
      {clusters.map((c) => (
        <a href={buildHref(`/runs/${d.b.id}/samples`, { problem: c.ids[0] })} class="point">
          <circle cx={x(c.a)} cy={y(c.b)} r={radius(c.ids.length)} class={`dot ${side(c)}`} data-count={String(c.ids.length)}>
            <title>
              {`${c.ids.length} problem${c.ids.length === 1 ? "" : "s"} at A ${formatPct(c.a)}, ${props.label} ${formatPct(c.b)}: ` +
                c.ids.slice(0, NAMED).join(", ") +
                (c.ids.length > NAMED ? ` and ${c.ids.length - NAMED} more` : "")}
            </title>
          </circle>
        </a>
      ))}
    </svg>
  );
}
