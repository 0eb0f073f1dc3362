/**
 * How busy each core was over an interval, from /proc/stat deltas: the whole machine's view, so
 * other processes' load counts too (the bench also reports its own CPU share, see coreBusyShare).
 */
import { readFileSync } from "node:fs";

/** Cumulative jiffies of one core: busy (everything but idle and iowait) and total. */
export interface CoreTimes {
  busy: number;
  total: number;
}

/** Parses the `cpuN` lines of a /proc/stat text (the aggregate `cpu` line is skipped). */
export function parseProcStat(text: string): CoreTimes[] {
  const cores: CoreTimes[] = [];
  for (const line of text.split("\n")) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    // user nice system idle iowait irq softirq steal [guest guest_nice, already inside user and nice]
    const fields = (match[2] ?? "").trim().split(/\s+/).slice(0, 8).map(Number);
    if (fields.length < 4 || fields.some((f) => !Number.isFinite(f))) throw new Error(`/proc/stat: cannot read the line ${JSON.stringify(line)}`);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    cores[Number(match[1])] = { busy: total - idle, total };
  }
  return cores;
}

/** The per-core counters now; an empty list where /proc/stat is unavailable (not Linux). */
export function readCoreTimes(): CoreTimes[] {
  try {
    return parseProcStat(readFileSync("/proc/stat", "utf8"));
  } catch {
    return [];
  }
}

/** The share of the interval each core was busy, in [0, 1] (0 for a core whose counters did not move). */
export function computeCoreBusy(before: readonly CoreTimes[], after: readonly CoreTimes[]): number[] {
  return after.map((a, i) => {
    const b = before[i] ?? { busy: 0, total: 0 };
    const total = a.total - b.total;
    if (total <= 0) return 0;
    return Math.min(1, Math.max(0, (a.busy - b.busy) / total));
  });
}

export interface CoreBusy {
  /** Each core's busy share of the interval, machine-wide (other agents' load included). */
  per_core: number[];
  /** CPU this process and the children it reaped used, over wall time x cores, in [0, 1]. */
  harness_share: number;
}

/** Starts measuring; the returned function gives the figures of the interval since. */
export function startCoreBusy(readCpuMs: () => number, cores: number): () => CoreBusy {
  const times = readCoreTimes();
  const cpu = readCpuMs();
  const started = performance.now();
  return () => {
    const wallMs = performance.now() - started;
    const share = wallMs > 0 && cores > 0 ? (readCpuMs() - cpu) / (wallMs * cores) : 0;
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    return { per_core: computeCoreBusy(times, readCoreTimes()).map(round3), harness_share: round3(Math.min(1, Math.max(0, share))) };
  };
}
