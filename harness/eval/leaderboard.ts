/**
 * Leaderboards: runs of the same dataset version ranked by pass@1. The one builder the CLI
 * (`bun run leaderboard`, the end of `bun run eval`) and the viewer's leaderboard page both use.
 */
import type { HarnessDb } from "../store/db.ts";
import { listRuns, type RunRow } from "../store/runs.ts";
import { DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED, type PassAtKInterval } from "../metrics/confidence.ts";
import { computePassAtKIntervals, readRunMetrics, type RunMetricsReading } from "./run-metrics.ts";

/** A run on a board, with its metrics (stored, or live while it runs) and its pass@1 rank. */
export interface RankedRun {
  run: RunRow;
  reading: RunMetricsReading;
  /** pass@k with its bootstrap interval, for each k of the metrics (null where pass@k is). */
  intervals: Record<string, PassAtKInterval | null>;
  /** 1-based position by pass@1 within its board. */
  rank: number;
}

/** One dataset version's runs, best pass@1 first. */
export interface RunBoard {
  datasetId: string;
  datasetSha256: string;
  runs: RankedRun[];
}

/**
 * Groups runs by dataset version (id and sha256: two versions of a dataset are different tests, so
 * their runs never share a board) and ranks each board by pass@1; a run that has none yet ranks last,
 * and ties go to the older run. Boards come in dataset-id order, versions by their first run.
 */
export function rankRunBoards(db: HarnessDb, rows: RunRow[]): RunBoard[] {
  const groups = new Map<string, RankedRun[]>();
  for (const run of [...rows].sort((a, b) => a.id - b.id)) {
    const key = `${run.datasetId}\u0000${run.datasetSha256}`;
    const list = groups.get(key) ?? [];
    const reading = readRunMetrics(db, run);
    const ks = Object.keys(reading.metrics.pass_at_k).map(Number);
    list.push({ run, reading, intervals: computePassAtKIntervals(db, run, ks), rank: 0 });
    groups.set(key, list);
  }
  const boards = [...groups.values()].map((list): RunBoard => {
    list.sort((a, b) => comparePass1(b, a) || a.run.id - b.run.id);
    list.forEach((r, i) => (r.rank = i + 1));
    const first = list[0] as RankedRun;
    return { datasetId: first.run.datasetId, datasetSha256: first.run.datasetSha256, runs: list };
  });
  return boards.sort((a, b) => a.datasetId.localeCompare(b.datasetId) || minId(a) - minId(b));
}

function comparePass1(a: RankedRun, b: RankedRun): number {
  const x = a.reading.metrics.pass_at_k["1"] ?? null;
  const y = b.reading.metrics.pass_at_k["1"] ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x - y;
}

function minId(board: RunBoard): number {
  return Math.min(...board.runs.map((r) => r.run.id));
}

/** A leaderboard row as `bun run leaderboard --json` prints it. */
export interface LeaderboardRow {
  rank: number;
  run_id: number;
  name: string;
  model: string | null;
  judge: string;
  status: RunRow["status"];
  /** The run's problems, judged or not. */
  problems: number;
  samples: number;
  pass_at_k: Record<string, number | null>;
  /** Each pass@k's 95% interval (seeded percentile bootstrap over problems; the object says so). */
  pass_at_k_ci: Record<string, PassAtKInterval | null>;
  compile_rate: number | null;
  verdicts: Record<string, number>;
  mean_time_ms: number | null;
  /** "live" while the run has no stored metrics (it is still running). */
  metrics_source: RunMetricsReading["source"];
  created_at: string;
}

export interface Leaderboard {
  dataset: string;
  dataset_sha256: string;
  rows: LeaderboardRow[];
}

/** Builds one leaderboard per dataset version (or only those of `datasetId`), best pass@1 first. */
export function buildLeaderboards(db: HarnessDb, opts: { datasetId?: string } = {}): Leaderboard[] {
  return rankRunBoards(db, listRuns(db, opts)).map((board) => ({
    dataset: board.datasetId,
    dataset_sha256: board.datasetSha256,
    rows: board.runs.map(({ run, reading: { metrics: m, source }, intervals, rank }) => ({
      rank,
      run_id: run.id,
      name: run.name,
      model: run.model,
      judge: run.judge,
      status: run.status,
      problems: m.problems,
      samples: m.samples,
      pass_at_k: m.pass_at_k,
      pass_at_k_ci: intervals,
      compile_rate: m.compile_rate,
      verdicts: m.verdicts,
      mean_time_ms: m.mean_time_ms,
      metrics_source: source,
      created_at: run.createdAt.toISOString(),
    })),
  }));
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? "n/a" : `${(x * 100).toFixed(1)}%`);

/** What the bracketed ranges next to pass@k are. */
export const INTERVAL_NOTE = `[low, high]: ${DEFAULT_LEVEL * 100}% interval, percentile bootstrap over problems (${DEFAULT_RESAMPLES} resamples, seed ${DEFAULT_SEED}).`;

/** "87.8% [80.0, 94.4]": a pass@k with its interval, or the value alone where there is none. */
function withInterval(x: number | null | undefined, ci: PassAtKInterval | null | undefined): string {
  if (x === null || x === undefined || !ci) return pct(x);
  return `${pct(x)} [${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`;
}

/** Renders leaderboards as plain-text tables for the terminal. */
export function formatLeaderboards(boards: Leaderboard[]): string {
  if (boards.length === 0) return "No runs stored yet. Run `bun run eval` first.\n";
  const out: string[] = [];
  for (const board of boards) {
    // Columns only for k values some run could compute; "n/a" marks a run that could not.
    const ks = [...new Set(board.rows.flatMap((r) => Object.keys(r.pass_at_k).filter((k) => r.pass_at_k[k] !== null)))].sort(
      (a, b) => Number(a) - Number(b),
    );
    const header = ["#", "run", "model", ...ks.map((k) => `pass@${k}`), "compile", "samples", "verdicts"];
    const body = board.rows.map((r) => [
      String(r.rank),
      r.name + (r.status === "done" ? "" : ` (${r.status})`),
      r.model ?? "-",
      ...ks.map((k) => withInterval(r.pass_at_k[k], r.pass_at_k_ci?.[k])),
      pct(r.compile_rate),
      String(r.samples),
      Object.entries(r.verdicts)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([v, n]) => `${v}:${n}`)
        .join(" "),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
    const fmt = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
    out.push(`Leaderboard: ${board.dataset} @ ${board.dataset_sha256.slice(0, 12)}`, fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(fmt), "");
  }
  out.push(INTERVAL_NOTE, "");
  return `${out.join("\n")}\n`;
}
