import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../../harness/store/db.ts";
import { insertJob, lastJobRewardStats, saveJobRewardStats } from "../../../harness/store/jobs.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openFreshDb() {
  const dir = mkdtempSync(join(tmpdir(), "store-jobs-"));
  dirs.push(dir);
  return openDb(join(dir, "harness.db"));
}

function addJob(db: ReturnType<typeof openDb>, id: string): void {
  const path = (name: string) => join("/jobs", id, name);
  insertJob(db, {
    id,
    name: id,
    algo: "grpo",
    launcher: "local",
    launcherId: null,
    state: "running",
    exitCode: null,
    jobDir: path(""),
    configPath: path("config.yaml"),
    resolvedConfig: "{}",
    command: "{}",
    versions: "{}",
    stdoutPath: path("stdout"),
    stderrPath: path("stderr"),
    metricsPath: path("metrics.jsonl"),
    checkpointDir: path("checkpoints"),
    lastStep: null,
  });
}

describe("lastJobRewardStats", () => {
  test("is the job's latest reward-server snapshot, not another job's, and null for a job that wrote none", () => {
    const db = openFreshDb();
    try {
      addJob(db, "job-a");
      addJob(db, "job-b");
      saveJobRewardStats(db, "job-a", [{ at: new Date("2026-12-06T10:00:00Z"), values: { requests: 1 } }, { at: new Date("2026-12-06T10:00:02Z"), values: { requests: 5 } }], 10);
      saveJobRewardStats(db, "job-b", [{ at: new Date("2026-12-06T10:00:03Z"), values: { requests: 9 } }], 5);
      expect(lastJobRewardStats(db, "job-a")).toEqual({ at: new Date("2026-12-06T10:00:02Z"), values: { requests: 5 } });
      addJob(db, "job-c");
      expect(lastJobRewardStats(db, "job-c")).toBeNull();
    } finally {
      db.$client.close();
    }
  });
});
