/**
 * `bench --profile`'s timeline: how many cores the harness kept busy, second by second, with what
 * (compiles, test runs, the PCH's serial steps), from the spans of judges/profile.ts. Sums of phase
 * totals hide idle gaps (a core waiting for the PCH, the last sample's tests running alone); this
 * shows where they are.
 */
import type { PhaseSpan } from "../../judges/profile.ts";

/** Which phases count as which kind of work; a span of any other phase is not drawn. */
export interface TimelineKinds {
  compile: readonly string[];
  run: readonly string[];
  pch: readonly string[];
}

/** One slice of the pass: the mean number of spans of each kind in flight over it. */
export interface TimelineRow {
  /** Start of the slice, seconds from the pass's start. */
  atS: number;
  compile: number;
  run: number;
  pch: number;
  /** Cores minus the work in flight (never below 0). */
  idle: number;
}

/** Time each kind of span overlaps [from, to), ms. */
function overlapMs(spans: readonly PhaseSpan[], phases: readonly string[], from: number, to: number): number {
  let total = 0;
  for (const span of spans) {
    if (!phases.includes(span.phase)) continue;
    total += Math.max(0, Math.min(to, span.endMs) - Math.max(from, span.startMs));
  }
  return total;
}

/** Slices [startMs, endMs) into `sliceMs` rows (the last may be shorter). */
export function buildTimeline(spans: readonly PhaseSpan[], kinds: TimelineKinds, startMs: number, endMs: number, cores: number, sliceMs = 1000): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (let from = startMs; from < endMs; from += sliceMs) {
    const to = Math.min(endMs, from + sliceMs);
    const width = to - from;
    const mean = (phases: readonly string[]) => overlapMs(spans, phases, from, to) / width;
    const row = { atS: (from - startMs) / 1000, compile: mean(kinds.compile), run: mean(kinds.run), pch: mean(kinds.pch) };
    rows.push({ ...row, idle: Math.max(0, cores - row.compile - row.run - row.pch) });
  }
  return rows;
}

/** Text lines: one per slice, the mean of each kind in flight and a bar (c compile, r run, p PCH, . idle). */
export function formatTimeline(rows: readonly TimelineRow[], cores: number, indent = "        "): string[] {
  const width = 8 * cores;
  const bar = (row: TimelineRow) => {
    const cells = (n: number) => Math.round((n / cores) * width);
    const text = "p".repeat(cells(row.pch)) + "c".repeat(cells(row.compile)) + "r".repeat(cells(row.run));
    return text.slice(0, width).padEnd(width, ".");
  };
  const n = (x: number) => x.toFixed(1).padStart(4);
  return [
    `${indent}timeline (mean work in flight per slice; p PCH step, c compile, r test run, . idle core):`,
    ...rows.map((row) => `${indent}  ${row.atS.toFixed(1).padStart(5)} s  pch${n(row.pch)} compile${n(row.compile)} run${n(row.run)} idle${n(row.idle)}  |${bar(row)}|`),
  ];
}
