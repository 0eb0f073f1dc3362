/** Progress of runs in flight, polled by the Server-Sent Events stream and the live page. */
import { desc, eq, ne } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { runs } from "../../harness/store/schema.ts";
import { countVerdicts } from "../../harness/store/runs.ts";
import type { Throughput } from "../../harness/metrics/series.ts";
import { loadThroughput } from "./charts.ts";
import { loadRunRow, formatIso, pickRunRef, type RunRef, type RunRow } from "./runs.ts";

export interface RunProgress {
  runId: number;
  status: RunRow["status"];
  /** Samples judged so far. */
  judged: number;
  /** Samples the run expects in total (0 when unknown). */
  expected: number;
  verdicts: Record<string, number>;
  updatedAt: string;
}

/** Reads a run's progress: its status row plus verdict counts aggregated from samples. */
export function loadProgress(db: HarnessDb, runId: number): RunProgress {
  const row = loadRunRow(db, runId);
  return progressOf(db, row);
}

function progressOf(db: HarnessDb, row: RunRow): RunProgress {
  const verdicts = countVerdicts(db, row.id);
  return {
    runId: row.id,
    status: row.status,
    judged: Object.values(verdicts).reduce((a, n) => a + n, 0),
    expected: row.sampleCount,
    verdicts,
    updatedAt: formatIso(row.updatedAt),
  };
}

export interface LivePage {
  running: { run: RunRef; progress: RunProgress; throughput: Throughput }[];
  /** The latest finished runs, for context. */
  recent: { run: RunRef; progress: RunProgress }[];
}

/** Lists running runs with their progress, and the five most recently updated other runs. */
export function loadLive(db: HarnessDb): LivePage {
  const running = db.select().from(runs).where(eq(runs.status, "running")).orderBy(desc(runs.id)).all();
  const recent = db.select().from(runs).where(ne(runs.status, "running")).orderBy(desc(runs.updatedAt), desc(runs.id)).limit(5).all();
  const view = (r: RunRow) => ({ run: pickRunRef(r), progress: progressOf(db, r) });
  return { running: running.map((r) => ({ ...view(r), throughput: loadThroughput(db, r) })), recent: recent.map(view) };
}
