/**
 * `bench --profile` for the stdio workload: the phase timers of judges/profile.ts (the harness's
 * own: compile, test run, checker, store; the local backend's: cgroup, run folder, the sandboxed
 * process, teardown) as JSON figures and text lines. Timers of concurrent work overlap, so totals
 * are sums over calls, not shares of wall time.
 */
import type { PhaseTotal } from "../../judges/profile.ts";

export interface PhaseFigure {
  count: number;
  total_ms: number;
  mean_ms: number;
}

/** The profile's phases as report figures. */
export function describePhases(phases: Record<string, PhaseTotal>): Record<string, PhaseFigure> {
  return Object.fromEntries(
    Object.entries(phases).map(([name, t]) => [name, { count: t.count, total_ms: Math.round(t.totalMs), mean_ms: Math.round((t.totalMs / Math.max(1, t.count)) * 100) / 100 }]),
  );
}

/** Text lines, harness phases first, each with its count, mean and total. */
export function formatPhases(title: string, phases: Record<string, PhaseFigure>, indent = "        "): string[] {
  const names = Object.keys(phases).sort((a, b) => Number(!a.startsWith("harness:")) - Number(!b.startsWith("harness:")));
  return [
    `${indent}${title} (sums over calls; concurrent calls overlap):`,
    ...names.map((name) => {
      const p = phases[name] as PhaseFigure;
      return `${indent}  ${name}: ${p.count} x ${p.mean_ms} ms = ${(p.total_ms / 1000).toFixed(2)} s`;
    }),
  ];
}
