/** Fast bulk insertion of synthetic samples (one transaction, one prepared statement), for large-run tests. */
import { Database } from "bun:sqlite";

export const SYNTHETIC_VERDICTS = ["AC", "WA", "TLE", "AC", "RE", "AC", "CE", "WA"] as const;

/** Verdict of synthetic sample `i`: a fixed cycle, so tests can count what to expect. */
export function syntheticVerdict(i: number): string {
  return SYNTHETIC_VERDICTS[i % SYNTHETIC_VERDICTS.length] as string;
}

/** Problem of synthetic sample `i`, cycling through `problemIds`. */
export function syntheticProblem(i: number, problemIds: string[]): string {
  return problemIds[i % problemIds.length] as string;
}

/** Stores synthetic problems (stdio, no tests) as dataset version `datasetSha`, so a run of it has a problem list. */
export function insertSyntheticProblems(path: string, datasetSha: string, problemIds: string[]): void {
  const db = new Database(path);
  db.exec("PRAGMA busy_timeout = 5000;");
  const insert = db.prepare(
    "INSERT INTO problems (dataset_sha256, id, ordinal, source, difficulty, mode, test_count, body) VALUES (?1, ?2, ?3, 'synthetic', NULL, 'stdio', 0, ?4)",
  );
  db.transaction(() => problemIds.forEach((id, i) => insert.run(datasetSha, id, i, JSON.stringify({ id, statement: "", mode: "stdio", tests: [] }))))();
  db.close();
}

/** Inserts `count` samples (each with one test result) into run `runId` of the database at `path`. */
export function insertSyntheticSamples(path: string, runId: number, count: number, problemIds: string[]): void {
  const db = new Database(path);
  db.exec("PRAGMA busy_timeout = 5000;");
  const sample = db.prepare(
    `INSERT INTO samples (run_id, sample_index, problem_id, model, language, completion, code, extraction, verdict, error,
       passed, total, score, compile_ok, compile_log, compile_ms, time_ms, memory_kb, judged_at)
     VALUES (?1, ?2, ?3, 'synthetic', 'cpp', ?4, ?5, '{"ok":true,"notes":{}}', ?6, NULL, ?7, 1, ?7, ?8, '', 100, ?9, 2048, ?10)`,
  );
  const test = db.prepare(
    `INSERT INTO test_results (sample_id, test_index, kind, verdict, time_ms, wall_ms, memory_kb, exit_code, signal, stdout, stderr, checker_message, score)
     VALUES (?1, 0, 'public', ?2, ?3, ?3, 2048, 0, NULL, ?4, '', NULL, ?5)`,
  );
  const insertAll = db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const verdict = syntheticVerdict(i);
      const ok = verdict === "AC" ? 1 : 0;
      const code = `int main() { return ${i % 7}; }\n`;
      const info = sample.run(runId, i, syntheticProblem(i, problemIds), "```cpp\n" + code + "```", code, verdict, ok, verdict === "CE" ? 0 : 1, i % 100, Date.now());
      if (verdict !== "CE") test.run(Number(info.lastInsertRowid), verdict, i % 100, `${i}\n`, ok);
    }
  });
  insertAll();
  db.close();
}
