/**
 * Phase timers for `bench --profile`: where a judgement's wall time goes inside a backend (run
 * folder, cgroup, the sandboxed process, teardown). Off by default, so an uninstrumented run pays
 * one boolean test per phase; on, a `performance.now()` pair and a map update. Phases of concurrent
 * runs overlap: totals are sums over runs, not shares of the bench's wall time.
 */

export interface PhaseTotal {
  /** Sum of the phase's durations, ms. */
  totalMs: number;
  count: number;
}

/** One timed call of a phase, on the `performance.now()` clock (for a timeline of idle gaps). */
export interface PhaseSpan {
  phase: string;
  startMs: number;
  endMs: number;
}

/** Phase names of a local PCH build's steps (judges/local/pch.ts), which the bench's timeline draws. */
export const PCH_PHASES = { build: "PCH: build", probe: "PCH: use probe" } as const;

let enabled = false;
const totals = new Map<string, PhaseTotal>();
const spans: PhaseSpan[] = [];

/** Turns the timers on (and clears what they held) or off. */
export function setProfiling(on: boolean): void {
  enabled = on;
  totals.clear();
  spans.length = 0;
}

/** A start mark for {@link endPhase}; 0 when profiling is off. */
export function startPhase(): number {
  return enabled ? performance.now() : 0;
}

/** Adds the time since `started` to `phase`. */
export function endPhase(phase: string, started: number): void {
  if (!enabled) return;
  const now = performance.now();
  const total = totals.get(phase) ?? { totalMs: 0, count: 0 };
  total.totalMs += now - started;
  total.count++;
  totals.set(phase, total);
  spans.push({ phase, startMs: started, endMs: now });
}

/** Every timed call since profiling was turned on, in the order they ended. */
export function readSpans(): PhaseSpan[] {
  return spans.map((span) => ({ ...span }));
}

/** What the timers hold, by phase, in the order phases were first seen. */
export function readProfile(): Record<string, PhaseTotal> {
  return Object.fromEntries([...totals].map(([phase, total]) => [phase, { ...total }]));
}

let sandboxStarts = 0;

/**
 * Counts one sandboxed process started (bwrap + namespaces + cgroup, or the bare launcher in unsafe
 * mode). Always on, one increment: the bench reports start-ups per submission whether profiling or not.
 */
export function countSandboxStart(): void {
  sandboxStarts++;
}

/** Sandboxed processes started by this process so far (the bench reads it before and after). */
export function readSandboxStarts(): number {
  return sandboxStarts;
}
