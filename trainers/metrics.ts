/**
 * Ingests the metrics JSONL a job writes while it runs: from the stored byte offset, complete lines
 * only (a line being written is read next time), so repeated calls are cheap and never double-count.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { type HarnessDb } from "../harness/store/db.ts";
import { join } from "node:path";
import { type JobRow, saveJobMetrics, saveJobRewardStats } from "../harness/store/jobs.ts";

export interface MetricsChunk {
  rows: { step: number; values: Record<string, unknown> }[];
  offset: number;
  /** Lines that were not a JSON object with an integer step (reported, skipped). */
  bad: string[];
}

const hasStep = (v: Record<string, unknown>) => Number.isInteger(v.step);

/** `accept`: which JSON objects are rows (default: those with an integer `step`). */
export function readMetricsFrom(path: string, offset: number, accept: (v: Record<string, unknown>) => boolean = hasStep): MetricsChunk {
  if (!existsSync(path)) return { rows: [], offset, bad: [] };
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size <= offset) return { rows: [], offset, bad: [] };
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    const end = buf.lastIndexOf(0x0a);
    if (end < 0) return { rows: [], offset, bad: [] };
    const rows: MetricsChunk["rows"] = [];
    const bad: string[] = [];
    for (const line of buf.subarray(0, end).toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const v = JSON.parse(line) as Record<string, unknown>;
        if (typeof v === "object" && v !== null && accept(v)) rows.push({ step: v.step as number, values: v });
        else bad.push(line);
      } catch {
        bad.push(line);
      }
    }
    return { rows, offset: offset + end + 1, bad };
  } finally {
    closeSync(fd);
  }
}

/** Reads what the job wrote since the last call into the store; returns how many rows were new. */
export function ingestJobMetrics(db: HarnessDb, job: JobRow): number {
  const chunk = readMetricsFrom(job.metricsPath, job.metricsOffset);
  if (chunk.offset === job.metricsOffset) return 0;
  for (const line of chunk.bad.slice(0, 3)) process.stderr.write(`warning: job ${job.id}: skipped a metrics line that is not {"step": N, ...}: ${line.slice(0, 120)}\n`);
  saveJobMetrics(db, job.id, chunk.rows, chunk.offset);
  return chunk.rows.length;
}

/** Where the job's reward server appends its `/v1/stats` (run.sh passes it `--stats-file`). */
export function rewardStatsPath(jobDir: string): string {
  return join(jobDir, "logs", "reward-stats.jsonl");
}

/** Ingests the reward server's statistics lines written since the last call; returns how many were new. */
export function ingestRewardStats(db: HarnessDb, job: JobRow): number {
  const chunk = readMetricsFrom(rewardStatsPath(job.jobDir), job.rewardStatsOffset, (v) => typeof v.at === "string" && !Number.isNaN(Date.parse(v.at)));
  if (chunk.offset === job.rewardStatsOffset) return 0;
  saveJobRewardStats(db, job.id, chunk.rows.map((r) => ({ at: new Date(r.values.at as string), values: r.values })), chunk.offset);
  return chunk.rows.length;
}
