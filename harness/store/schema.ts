/**
 * SQLite schema (drizzle-orm). Migrations are generated from this file by drizzle-kit
 * (`bun run db:generate`) into harness/store/migrations and applied at start-up.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Bumped whenever the meaning of stored rows changes. */
export const SCHEMA_VERSION = 1;

/** One evaluation (or reward) run: a model's samples judged against a dataset. */
export const runs = sqliteTable(
  "runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    schemaVersion: integer("schema_version").notNull(),
    status: text("status", { enum: ["running", "done", "failed", "interrupted"] }).notNull(),
    model: text("model"),
    datasetId: text("dataset_id").notNull(),
    datasetPath: text("dataset_path"),
    datasetSha256: text("dataset_sha256").notNull(),
    datasetRevision: text("dataset_revision"),
    samplesPath: text("samples_path"),
    samplesSha256: text("samples_sha256"),
    judge: text("judge").notNull(),
    /** JSON: tool versions (g++, python3, bwrap, ...). */
    judgeVersions: text("judge_versions").notNull(),
    /** JSON: default limits and options (all-tests, checker overrides...). */
    limits: text("limits").notNull(),
    /** JSON: extraction settings. */
    extraction: text("extraction").notNull(),
    gitSha: text("git_sha"),
    problemCount: integer("problem_count").notNull(),
    sampleCount: integer("sample_count").notNull(),
    /** JSON: final metrics (pass@k, compile rate, verdicts, breakdowns) once done. */
    metrics: text("metrics"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("runs_name_uq").on(t.name), index("runs_dataset_idx").on(t.datasetId)],
);

/** Problems of a dataset version, keyed by the dataset's sha256 so runs share them. */
export const problems = sqliteTable(
  "problems",
  {
    datasetSha256: text("dataset_sha256").notNull(),
    id: text("id").notNull(),
    ordinal: integer("ordinal").notNull(),
    source: text("source"),
    difficulty: text("difficulty"),
    mode: text("mode").notNull(),
    testCount: integer("test_count").notNull(),
    /** JSON: the canonical Problem. */
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetSha256, t.id] })],
);

/** One judged sample. Written with its test results in one transaction, so a sample is all-or-nothing. */
export const samples = sqliteTable(
  "samples",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** Position of the sample in the samples file (0-based); with run_id it identifies the sample for resume. */
    sampleIndex: integer("sample_index").notNull(),
    problemId: text("problem_id").notNull(),
    model: text("model"),
    language: text("language"),
    completion: text("completion").notNull(),
    code: text("code"),
    /** JSON: what extraction decided (block chosen, language inferred, prefix joined, freopen removed...). */
    extraction: text("extraction").notNull(),
    /** The completion stopped at the generator's token limit (overlong masking needs it). */
    truncated: integer("truncated", { mode: "boolean" }).notNull().default(false),
    verdict: text("verdict").notNull(),
    error: text("error"),
    passed: integer("passed").notNull(),
    total: integer("total").notNull(),
    score: real("score").notNull(),
    compileOk: integer("compile_ok", { mode: "boolean" }),
    compileLog: text("compile_log"),
    compileMs: real("compile_ms"),
    timeMs: real("time_ms").notNull(),
    memoryKb: integer("memory_kb").notNull(),
    judgedAt: integer("judged_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [
    uniqueIndex("samples_run_index_uq").on(t.runId, t.sampleIndex),
    index("samples_run_problem_idx").on(t.runId, t.problemId),
    index("samples_run_verdict_idx").on(t.runId, t.verdict),
  ],
);

/** Per-test results of a sample. */
export const testResults = sqliteTable(
  "test_results",
  {
    sampleId: integer("sample_id")
      .notNull()
      .references(() => samples.id, { onDelete: "cascade" }),
    testIndex: integer("test_index").notNull(),
    kind: text("kind"),
    verdict: text("verdict").notNull(),
    timeMs: real("time_ms").notNull(),
    wallMs: real("wall_ms").notNull(),
    memoryKb: integer("memory_kb").notNull(),
    exitCode: integer("exit_code"),
    signal: text("signal"),
    stdout: text("stdout").notNull(),
    stderr: text("stderr").notNull(),
    checkerMessage: text("checker_message"),
    score: real("score"),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.testIndex] })],
);

/** Stored results of `rewards compare` (one row per run x schema), for the viewer. */
export const rewardExperiments = sqliteTable(
  "reward_experiments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    schema: text("schema").notNull(),
    /** JSON: the schema definition used. */
    definition: text("definition").notNull(),
    /** JSON: mean, std, histogram, zero-variance fraction, advantages, spearman, public/hidden gap. */
    summary: text("summary").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("reward_experiments_run_idx").on(t.runId)],
);

/** Training jobs launched by `bun run train` (trainers/), tracked by `bun run jobs`. */
export const jobs = sqliteTable(
  "jobs",
  {
    /** The job's id, also its folder name: `<algo>-<utc time>-<random>`. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    algo: text("algo").notNull(),
    launcher: text("launcher").notNull(),
    /** Launcher handle: local `pid:starttime`, Slurm the job id; null until submitted. */
    launcherId: text("launcher_id"),
    state: text("state", { enum: ["pending", "running", "completed", "failed", "cancelled"] }).notNull(),
    exitCode: integer("exit_code"),
    jobDir: text("job_dir").notNull(),
    configPath: text("config_path").notNull(),
    /** JSON: the validated config with defaults and resolved paths. */
    resolvedConfig: text("resolved_config").notNull(),
    /** JSON: the rendered command, environment and resources. */
    command: text("command").notNull(),
    /** JSON: harness and package versions, git sha. */
    versions: text("versions").notNull(),
    stdoutPath: text("stdout_path").notNull(),
    stderrPath: text("stderr_path").notNull(),
    metricsPath: text("metrics_path").notNull(),
    checkpointDir: text("checkpoint_dir").notNull(),
    lastStep: integer("last_step"),
    /** Bytes of the metrics file already ingested, so ingestion resumes where it stopped. */
    metricsOffset: integer("metrics_offset").notNull().default(0),
    /** Bytes of the job's reward-server statistics file (logs/reward-stats.jsonl) already ingested. */
    rewardStatsOffset: integer("reward_stats_offset").notNull().default(0),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("jobs_state_idx").on(t.state)],
);

/** A job's state history: one row per change. */
export const jobEvents = sqliteTable(
  "job_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    detail: text("detail"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("job_events_job_idx").on(t.jobId)],
);

/** Metrics rows the job wrote to its metrics JSONL, one per step. */
export const jobMetrics = sqliteTable(
  "job_metrics",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    /** JSON: the row as the package wrote it. */
    values: text("values").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.step] })],
);

/** Snapshots of the job's own reward server (`/v1/stats`: counts by status, latency percentiles), in time order. */
export const jobRewardStats = sqliteTable(
  "job_reward_stats",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    /** JSON: the snapshot as the server wrote it. */
    values: text("values").notNull(),
  },
  (t) => [index("job_reward_stats_job_idx").on(t.jobId)],
);

/** Evaluations of a job's checkpoints (`bun run jobs eval`): each an ordinary run, linked here. */
export const jobEvals = sqliteTable(
  "job_evals",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    checkpoint: text("checkpoint").notNull(),
    runId: integer("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    pass1: real("pass1"),
    /** The checkpoint with the highest validation pass@1 so far (ties: the earliest). */
    best: integer("best", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.step] })],
);
