/** Leaderboard: runs grouped by dataset version, ranked by pass@1, sortable and filterable. */
import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { rankRunBoards, type RunBoard } from "../../harness/eval/leaderboard.ts";
import { runs } from "../../harness/store/schema.ts";
import { viewMetricsOf } from "./metrics.ts";
import { toRunSummary, type RunSummary } from "./runs.ts";

export const LEADERBOARD_SORTS = ["pass1", "compile", "created", "name", "model", "samples"] as const;
export type LeaderboardSort = (typeof LEADERBOARD_SORTS)[number];
export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];

export interface LeaderboardQuery {
  model?: string;
  judge?: string;
  /** Inclusive lower bound on created_at, ms. */
  from?: number;
  /** Inclusive day: runs created before the end of that day, ms of its midnight. */
  to?: number;
  sort: LeaderboardSort;
  dir: SortDir;
}

export interface LeaderboardEntry extends RunSummary {
  /** 1-based position by pass@1 within its board, whatever the sort. */
  rank: number;
}

export interface LeaderboardBoard {
  datasetId: string;
  datasetSha256: string;
  /** pass@k keys some run of the board has a value for (always "1"), ascending. */
  kValues: string[];
  /** k values runs asked for that no run could estimate (fewer samples per problem than k). */
  hiddenK: string[];
  runs: LeaderboardEntry[];
}

export interface Leaderboard {
  boards: LeaderboardBoard[];
  /** Choices for the filter form, over all runs. */
  models: string[];
  judges: string[];
}

const DAY_MS = 86_400_000;

/** Loads the leaderboards matching `q`. */
export function loadLeaderboard(db: HarnessDb, q: LeaderboardQuery): Leaderboard {
  const where: SQL[] = [];
  // instr, not LIKE: the filter is a plain case-insensitive substring, with no wildcard characters.
  if (q.model) where.push(sql`instr(lower(${runs.model}), lower(${q.model})) > 0`);
  if (q.judge) where.push(eq(runs.judge, q.judge));
  if (q.from !== undefined) where.push(gte(runs.createdAt, new Date(q.from)));
  if (q.to !== undefined) where.push(lt(runs.createdAt, new Date(q.to + DAY_MS)));
  const rows = db
    .select()
    .from(runs)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(runs.datasetId), asc(runs.id))
    .all();
  // The CLI's builder groups and ranks; the page adds only filters and its own sort order.
  const boards = rankRunBoards(db, rows).map((board) => buildBoard(board, q));
  const all = db.selectDistinct({ model: runs.model, judge: runs.judge }).from(runs).all();
  return {
    boards,
    models: uniqueSorted(all.map((r) => r.model)),
    judges: uniqueSorted(all.map((r) => r.judge)),
  };
}

function buildBoard(board: RunBoard, q: LeaderboardQuery): LeaderboardBoard {
  const ranked: LeaderboardEntry[] = board.runs.map((r) => ({ ...toRunSummary(r.run, viewMetricsOf(r.reading, r.intervals)), rank: r.rank }));
  const sign = q.dir === "asc" ? 1 : -1;
  ranked.sort((a, b) => sign * compareBy(a, b, q.sort) || a.rank - b.rank);
  // A pass@k no run could estimate (too few samples per problem) would be a column of dashes.
  const keys = new Set<string>(["1"]);
  const asked = new Set<string>();
  for (const r of ranked) {
    for (const [k, v] of Object.entries(r.metrics.passAtK)) {
      asked.add(k);
      if (v !== null) keys.add(k);
    }
  }
  const byK = (a: string, b: string) => Number(a) - Number(b);
  return {
    datasetId: board.datasetId,
    datasetSha256: board.datasetSha256,
    kValues: [...keys].sort(byK),
    hiddenK: [...asked].filter((k) => !keys.has(k)).sort(byK),
    runs: ranked,
  };
}

function pass1(r: RunSummary): number | null {
  return r.metrics.passAtK["1"] ?? null;
}

function compareBy(a: LeaderboardEntry, b: LeaderboardEntry, sort: LeaderboardSort): number {
  switch (sort) {
    case "pass1":
      return compareNullable(pass1(a), pass1(b));
    case "compile":
      return compareNullable(a.metrics.compileRate, b.metrics.compileRate);
    case "created":
      return a.createdAt.localeCompare(b.createdAt);
    case "name":
      return a.name.localeCompare(b.name);
    case "model":
      return (a.model ?? "").localeCompare(b.model ?? "");
    case "samples":
      return (a.metrics.samples ?? 0) - (b.metrics.samples ?? 0);
  }
}

/** Orders numbers with missing values below every number. */
function compareNullable(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a - b;
}

function uniqueSorted(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}
