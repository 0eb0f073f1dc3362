/**
 * The contract between the harness (configuration, data, launching, tracking) and the Python training
 * package in trainers/python (codejudge_train), which does the GPU work.
 *
 * A job folder holds everything a job needs and writes:
 *   config.json            the resolved config the package reads (`--config`)
 *   job.json               what was rendered: command, environment, versions, resources
 *   run.sh                 the job's shell entry (reward server start-up for RL, then the package)
 *   data/                  the exported training records (SFT records or RL prompts)
 *   logs/stdout.log, logs/stderr.log
 *   metrics.jsonl          one JSON object per step, written by the package
 *   checkpoints/step-NNNNNN/, checkpoints/latest   written by the package; a requeued job resumes from latest
 *   exit_code              written by the job wrapper when the command ends
 */
import type { z } from "zod";
import type { Problem } from "../datasets/types.ts";

/** Job states, as `jobs show --json` reports them. */
export type JobState = "pending" | "running" | "completed" | "failed" | "cancelled";
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(["completed", "failed", "cancelled"]);

/** What a job asks of the machine; the local launcher ignores all but the GPU count. */
export interface Resources {
  nodes: number;
  gpusPerNode: number;
  cpusPerTask?: number;
  /** Slurm memory syntax, e.g. "64G". */
  mem?: string;
  /** Slurm time syntax, e.g. "04:00:00". */
  time?: string;
  partition?: string;
  account?: string;
}

/** A rendered job, ready for a launcher. */
export interface JobSpec {
  jobId: string;
  name: string;
  jobDir: string;
  /** The shell script (in the job folder) that runs the job; the launcher wraps it. */
  script: string;
  env: Record<string, string>;
  resources: Resources;
  /** The interpreter that runs the package; the launcher turns it into $CODEJUDGE_LAUNCH (plain, or torchrun for several GPUs). */
  python: string;
}

export interface LaunchResult {
  /** Launcher-specific handle: local `pid:starttime`, Slurm the job id. */
  launcherId: string;
  logs: JobLogs;
}

export interface JobLogs {
  stdout: string;
  stderr: string;
}

export interface JobStatus {
  state: JobState;
  exitCode: number | null;
  /** Why, where the launcher knows (Slurm's Reason, "process vanished"). */
  detail?: string;
}

/** Runs jobs somewhere and reports on them; all state lives in the job folder or the scheduler, never in memory. */
export interface Launcher {
  readonly name: LauncherName;
  submit(spec: JobSpec): Promise<LaunchResult>;
  status(launcherId: string, jobDir: string): Promise<JobStatus>;
  cancel(launcherId: string, jobDir: string): Promise<void>;
  logs(launcherId: string, jobDir: string): JobLogs;
}

export type LauncherName = "local" | "slurm";

/** The training records a job reads, exported from a dataset. */
export interface PreparedData {
  /** File the package reads as `data.train`. */
  train: string;
  records: number;
  /** Problems file the reward server loads (RL jobs), so prompts name problems by id. */
  problems?: string;
  skipped: Record<string, number>;
}

export interface PrepareContext {
  problems: readonly Problem[];
  /** The job's data folder. */
  dataDir: string;
}

/** One training algorithm: its config, its data, whether it is scored by the reward server, its command. */
export interface TrainerAdapter<C extends TrainConfig = TrainConfig> {
  readonly algo: AlgoName;
  readonly description: string;
  readonly schema: z.ZodType<C>;
  /** RL jobs score completions with the harness reward server. */
  readonly needsRewardServer: boolean;
  prepareData(config: C, ctx: PrepareContext): Promise<PreparedData>;
  /** The package's argv after the interpreter (`-m codejudge_train train ...`). */
  renderCommand(paths: { config: string; jobDir: string }): string[];
}

export type AlgoName = "sft-reweight" | "grpo-tinylora" | "ppo";

/** The keys every algorithm's config shares (see trainers/config.ts for the schema). */
export interface TrainConfig {
  name?: string;
  seed: number;
  max_steps: number;
  save_every: number;
  model: Record<string, unknown> & { name: string };
  data: DataConfig;
  reward?: Record<string, unknown>;
  eval?: EvalConfig;
  launcher: LauncherConfig;
  python: string;
  [section: string]: unknown;
}

/** Evaluation during the job (`eval:`): judged by the harness into runs linked to the job. */
export interface EvalConfig {
  /** Validation problems; default data.eval, else the job's exported problems. */
  dataset?: string;
  /** Evaluate every N steps (the job also checkpoints there); default: every checkpoint. */
  every_steps?: number;
  samples: number;
  max_new_tokens: number;
  temperature: number;
  /** Evaluate the base policy before training (step 0). */
  initial: boolean;
}

export interface DataConfig {
  /** A problems file (any supported format) or a pulled hf:org/name[@rev]. */
  dataset?: string;
  format?: string;
  language?: string;
  limit?: number;
  /** Records already in the package's layout (JSONL), used as they are. */
  train?: string;
  eval?: string;
}

export interface LauncherConfig {
  type: LauncherName;
  resources: Resources;
}
