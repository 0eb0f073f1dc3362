/**
 * The viewer over data written by the real producers: a copy of the shared built-in eval database
 * (test/support/builtin-db.ts, a real `bun run eval`), with reward experiments written into it by a
 * real `rewards compare` of the best run. Tests read what the harness wrote, never hand-made rows.
 */
import { expect } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { runRewardsCompare, type RewardsCompareResult } from "../../../harness/rewards/compare.ts";
import { openDb } from "../../../harness/store/db.ts";
import { buildReportApp } from "../../../reports/app.ts";
import { ensureBuiltinEvalDb, type BuiltinEval } from "../../support/builtin-db.ts";

export interface RealViewer {
  dbPath: string;
  /** The eval's `--json` runs: strong-coder, think-then-code, sloppy-coder. */
  runs: BuiltinEval["result"]["runs"];
  /** Run ids by model name. */
  runId(model: string): number;
  /** What `rewards compare` returned for the strong-coder run. */
  rewards: RewardsCompareResult;
  app: Hono;
  page(path: string): Promise<{ status: number; html: string; headers: Headers }>;
  api<T = any>(path: string): Promise<{ status: number; body: T }>;
  close(): void;
}

/** Schemas compared on the strong-coder run. */
export const COMPARED_SCHEMAS = ["binary", "pass-rate"];

/** Copies the built-in eval database, runs `rewards compare` into it, and opens the viewer over it. */
export async function openRealViewer(opts: { pollMs?: number } = {}): Promise<RealViewer> {
  const built = await ensureBuiltinEvalDb();
  const dir = mkdtempSync(join(tmpdir(), "reports-real-viewer-"));
  const dbPath = join(dir, "harness.db");
  copyFileSync(built.dbPath, dbPath);
  const runId = (model: string) => {
    const r = built.result.runs.find((x) => x.name.endsWith(`/${model}`));
    if (!r) throw new Error(`the built-in eval has no run of ${model}`);
    return r.run_id;
  };
  const writer = openDb(dbPath);
  const rewards = runRewardsCompare({ db: writer, run: String(runId("strong-coder")), schemas: COMPARED_SCHEMAS });
  writer.$client.close();
  const { app, close } = buildReportApp({ dbPath, pollMs: opts.pollMs });
  return {
    dbPath,
    runs: built.result.runs,
    runId,
    rewards,
    app,
    async page(path) {
      const res = await app.request(path);
      return { status: res.status, html: await res.text(), headers: res.headers };
    },
    async api(path) {
      const res = await app.request(path);
      expect(res.headers.get("content-type") ?? "").toContain("application/json");
      return { status: res.status, body: await res.json() };
    },
    close() {
      close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
