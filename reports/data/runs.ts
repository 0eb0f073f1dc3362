/** Reading runs: one row's provenance and metrics, shared by the leaderboard, run, compare and live pages. */
import { eq } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { runs } from "../../harness/store/schema.ts";
import { makeNotFound } from "../errors.ts";
import { parseJson } from "./json.ts";
import { loadRunMetrics, type RunMetrics } from "./metrics.ts";

export type RunRow = typeof runs.$inferSelect;

/** A run as the viewer shows it: identity, status, dataset and metrics. */
export interface RunSummary {
  id: number;
  name: string;
  status: RunRow["status"];
  model: string | null;
  datasetId: string;
  datasetSha256: string;
  judge: string;
  problemCount: number;
  sampleCount: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  metrics: RunMetrics;
}

/** Everything recorded about how a run was made. */
export interface RunProvenance {
  datasetPath: string | null;
  datasetRevision: string | null;
  samplesPath: string | null;
  samplesSha256: string | null;
  gitSha: string | null;
  schemaVersion: number;
  judgeVersions: unknown;
  limits: unknown;
  extraction: unknown;
}

/** Loads one run row, or throws a 404. */
export function loadRunRow(db: HarnessDb, id: number): RunRow {
  const row = db.select().from(runs).where(eq(runs.id, id)).get();
  if (!row) throw makeNotFound(`run ${id}`);
  return row;
}

/** Turns a run row into a summary; metrics come from the stored JSON, or from samples when there is none. */
export function summarizeRun(db: HarnessDb, row: RunRow): RunSummary {
  return toRunSummary(row, loadRunMetrics(db, row));
}

/** A run row and metrics already read, as a summary. */
export function toRunSummary(row: RunRow, metrics: RunMetrics): RunSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    model: row.model,
    datasetId: row.datasetId,
    datasetSha256: row.datasetSha256,
    judge: row.judge,
    problemCount: row.problemCount,
    sampleCount: row.sampleCount,
    createdAt: formatIso(row.createdAt),
    updatedAt: formatIso(row.updatedAt),
    finishedAt: row.finishedAt ? formatIso(row.finishedAt) : null,
    metrics,
  };
}

/** Extracts the provenance fields of a run row, parsing its JSON columns. */
export function readProvenance(row: RunRow): RunProvenance {
  return {
    datasetPath: row.datasetPath,
    datasetRevision: row.datasetRevision,
    samplesPath: row.samplesPath,
    samplesSha256: row.samplesSha256,
    gitSha: row.gitSha,
    schemaVersion: row.schemaVersion,
    judgeVersions: parseJson(row.judgeVersions),
    limits: parseJson(row.limits),
    extraction: parseJson(row.extraction),
  };
}

/** Formats a stored timestamp as ISO 8601 (invalid dates as the empty string). */
export function formatIso(d: Date): string {
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** The few fields of a run that pages about its parts need for headings and links. */
export interface RunRef {
  id: number;
  name: string;
  status: RunRow["status"];
  model: string | null;
  datasetId: string;
  datasetSha256: string;
  judge: string;
}

/** Picks the {@link RunRef} fields of a run row. */
export function pickRunRef(row: RunRow): RunRef {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    model: row.model,
    datasetId: row.datasetId,
    datasetSha256: row.datasetSha256,
    judge: row.judge,
  };
}
