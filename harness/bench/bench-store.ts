/**
 * The store step of `bench --profile`: every judged sample written to a fresh SQLite database with
 * the calls eval makes (one transaction per sample), so the profile can say what storing costs.
 */
import type { JudgedSample } from "../types.ts";
import { openDb } from "../store/db.ts";
import { openRun, saveJudgedSample, saveProblems } from "../store/runs.ts";
import type { BenchCorpus } from "./corpus.ts";

export interface BenchStore {
  save(index: number, judged: JudgedSample): void;
  close(): void;
}

/** Opens a new database at `path` (the caller removes it) with one run for the corpus. */
export function openBenchStore(path: string, corpus: BenchCorpus): BenchStore {
  const db = openDb(path);
  const sha = `bench-${corpus.language}-${corpus.submissions.length}`;
  saveProblems(db, sha, corpus.problems);
  const { run } = openRun(db, {
    name: `bench-${corpus.language}`,
    model: null,
    datasetId: "bench",
    datasetPath: null,
    datasetSha256: sha,
    samplesPath: null,
    samplesSha256: null,
    judge: "local",
    judgeVersions: {},
    limits: {},
    extraction: {},
    gitSha: null,
    problemCount: corpus.problems.length,
    sampleCount: corpus.submissions.length,
  });
  return {
    save: (index, judged) => saveJudgedSample(db, run.id, index, judged, null),
    close: () => db.$client.close(),
  };
}
