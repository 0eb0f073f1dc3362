/**
 * A real SQLite harness database for the viewer's tests, filled through drizzle the way an eval fills it:
 * two finished runs and a running one on a built-in-like dataset, one run on a second dataset, a sample
 * whose completion and outputs are hostile HTML.
 * Reward experiments are not made up here: test/reports/support/real-viewer.ts has `rewards compare` write them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Problem } from "../../../datasets/types.ts";
import { openDb, type HarnessDb } from "../../../harness/store/db.ts";
import { problems, runs } from "../../../harness/store/schema.ts";
import { MAIN_PROBLEMS, OTHER_PROBLEMS } from "./fixture-problems.ts";

export { XSS_COMPLETION } from "./fixture-problems.ts";
import { insertSample, storeMetrics, type SampleSpec } from "./fixture-samples.ts";

export interface FixtureDb {
  path: string;
  datasetSha: string;
  otherSha: string;
  runIds: { strong: number; weak: number; running: number; other: number };
  sampleIds: { xss: number; wrongAnswer: number; accepted: number; compileError: number };
  /** Opens a writable connection, as a concurrent eval would. */
  openWriter(): HarnessDb;
  cleanup(): void;
}

/** sha256 of a dataset's problems, standing in for the sha the eval records. */
export function hashProblems(list: Problem[]): string {
  return new Bun.CryptoHasher("sha256").update(JSON.stringify(list)).digest("hex");
}

/** Creates the fixture database in a fresh temp directory. */
export function createFixtureDb(): FixtureDb {
  const dir = mkdtempSync(join(tmpdir(), "reports-fixture-"));
  const path = join(dir, "harness.db");
  const db = openDb(path);
  const datasetSha = hashProblems(MAIN_PROBLEMS);
  const otherSha = hashProblems(OTHER_PROBLEMS);
  insertProblems(db, datasetSha, MAIN_PROBLEMS);
  insertProblems(db, otherSha, OTHER_PROBLEMS);

  const strong = insertRun(db, { name: "strong-model-builtin", model: "strong-model", datasetSha, created: "2024-03-01T10:00:00Z" });
  const S = (problemId: string, verdict: string, extra: Partial<SampleSpec> = {}): SampleSpec => ({ problemId, verdict, ...extra });
  const strongIds = [
    S("builtin/sum", "AC"),
    S("builtin/sum", "AC"),
    S("builtin/echo-lines", "AC"),
    S("builtin/echo-lines", "WA", { xss: true, language: "python" }),
    S("HumanEval/0", "AC", { language: "python" }),
    S("HumanEval/0", "AC", { language: "python" }),
    S("builtin/many tests", "AC"),
    S("builtin/many tests", "CE"),
  ].map((spec, i) => insertSample(db, strong, i, spec, MAIN_PROBLEMS));
  storeMetrics(db, strong, MAIN_PROBLEMS);

  const weak = insertRun(db, { name: "weak-model-builtin", model: "weak-model", datasetSha, created: "2024-04-10T09:30:00Z" });
  [
    S("builtin/sum", "AC"),
    S("builtin/sum", "WA"),
    S("builtin/echo-lines", "WA"),
    S("builtin/echo-lines", "WA"),
    S("HumanEval/0", "RE", { language: "python" }),
    S("HumanEval/0", "NO_CODE", { language: "python" }),
    S("builtin/many tests", "TLE"),
    S("builtin/many tests", "AC"),
  ].forEach((spec, i) => insertSample(db, weak, i, spec, MAIN_PROBLEMS));
  storeMetrics(db, weak, MAIN_PROBLEMS);

  const running = insertRun(db, { name: "live-model-builtin", model: "live-model", datasetSha, created: "2024-05-02T12:00:00Z", status: "running", sampleCount: 8 });
  [S("builtin/sum", "AC"), S("builtin/sum", "WA"), S("builtin/echo-lines", "AC")].forEach((spec, i) => insertSample(db, running, i, spec, MAIN_PROBLEMS));

  const other = insertRun(db, { name: "strong-model-other", model: "strong-model", datasetSha: otherSha, datasetId: "other", judge: "piston", created: "2024-03-05T08:00:00Z" });
  [S("other/one", "AC"), S("other/one", "WA")].forEach((spec, i) => insertSample(db, other, i, spec, OTHER_PROBLEMS));
  storeMetrics(db, other, OTHER_PROBLEMS);

  db.$client.close();
  return {
    path,
    datasetSha,
    otherSha,
    runIds: { strong, weak, running, other },
    sampleIds: { accepted: strongIds[0] as number, xss: strongIds[3] as number, compileError: strongIds[7] as number, wrongAnswer: strongIds[3] as number },
    openWriter: () => openDb(path),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function insertProblems(db: HarnessDb, sha: string, list: Problem[]): void {
  db.insert(problems)
    .values(
      list.map((p, ordinal) => ({
        datasetSha256: sha,
        id: p.id,
        ordinal,
        source: p.source ?? null,
        difficulty: p.difficulty ?? null,
        mode: p.mode,
        testCount: p.mode === "function" ? 1 : p.tests.length,
        body: JSON.stringify(p),
      })),
    )
    .run();
}

/** Inserts a run row; `status` defaults to done. */
export function insertRun(
  db: HarnessDb,
  r: { name: string; model: string; datasetSha: string; created: string; datasetId?: string; judge?: string; status?: "running" | "done"; sampleCount?: number },
): number {
  const created = new Date(r.created);
  const row = db
    .insert(runs)
    .values({
      name: r.name,
      schemaVersion: 1,
      status: r.status ?? "done",
      model: r.model,
      datasetId: r.datasetId ?? "builtin",
      datasetPath: "datasets/builtin/problems.jsonl",
      datasetSha256: r.datasetSha,
      datasetRevision: null,
      samplesPath: `samples/${r.name}.jsonl`,
      samplesSha256: "ab".repeat(32),
      judge: r.judge ?? "local",
      judgeVersions: JSON.stringify({ "g++": "12.2.0", python3: "3.11.2", bwrap: "0.8.0" }),
      limits: JSON.stringify({ cpuMs: 2000, memoryMb: 256, allTests: false, ks: [1, 2] }),
      extraction: JSON.stringify({ prefer: "last-block", joinPrefix: true }),
      gitSha: "0123456789abcdef0123456789abcdef01234567",
      problemCount: 4,
      sampleCount: r.sampleCount ?? 8,
      metrics: null,
      createdAt: created,
      updatedAt: created,
      finishedAt: r.status === "running" ? null : new Date(created.getTime() + 60_000),
    })
    .returning({ id: runs.id })
    .get();
  return row.id;
}
