/**
 * `bun run train`: validate the config, export the data, render the job into its folder, launch it
 * and record it in the store.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDataset } from "../datasets/open.ts";
import type { HarnessDb } from "../harness/store/db.ts";
import { getJob, insertJob, type JobRow, updateJob } from "../harness/store/jobs.ts";
import { UsageError } from "../judges/errors.ts";
import { getAdapter } from "./adapters/index.ts";
import { loadTrainConfig } from "./config.ts";
import { prepareValidationSet } from "./evaluate.ts";
import { refreshJob, spawnEvaluator, spawnWatcher } from "./jobs.ts";
import { getLauncher } from "./launchers/index.ts";
import { packageConfigOf, renderJob, type RenderedJob } from "./render.ts";
import type { JobSpec, PreparedData, Resources, TrainConfig } from "./types.ts";

export const DEFAULT_JOBS_DIR = ".harness/jobs";

export interface TrainOptions {
  algo: string;
  config: string;
  launcher?: string;
  rewardUrl?: string;
  jobsDir?: string;
  dryRun?: boolean;
  /** Start a detached `jobs watch` that ingests state and metrics while the job runs (default true). */
  watch?: boolean;
  /** The database path the watcher opens. */
  dbPath?: string;
  gitSha: string | null;
  log?: (line: string) => void;
}

export interface TrainResult {
  job_id: string;
  job_dir: string;
  launcher: string;
  launcher_id: string | null;
  state: string;
  dry_run: boolean;
  command: RenderedJob["command"];
  data: PreparedData;
}

function newJobId(algo: string): string {
  const t = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${algo}-${t}-${randomBytes(3).toString("hex")}`;
}

export function resourcesOf(config: TrainConfig): Resources {
  const r = config.launcher.resources as unknown as Record<string, unknown>;
  return {
    nodes: r.nodes as number,
    gpusPerNode: r.gpus_per_node as number,
    ...(r.cpus_per_task !== undefined ? { cpusPerTask: r.cpus_per_task as number } : {}),
    ...(r.mem !== undefined ? { mem: r.mem as string } : {}),
    ...(r.time !== undefined ? { time: r.time as string } : {}),
    ...(r.partition !== undefined ? { partition: r.partition as string } : {}),
    ...(r.account !== undefined ? { account: r.account as string } : {}),
  };
}

async function prepare(config: TrainConfig, adapter: ReturnType<typeof getAdapter>, dataDir: string): Promise<PreparedData> {
  if (config.data.train) return { train: config.data.train, records: -1, skipped: {} };
  const d = await openDataset(config.data.dataset!, { format: config.data.format });
  const problems = config.data.limit ? d.problems.slice(0, config.data.limit) : d.problems;
  const data = await adapter.prepareData(config, { problems, dataDir });
  if (data.records === 0) throw new UsageError(`data.dataset ${config.data.dataset}: no training records (skipped: ${JSON.stringify(data.skipped)})`);
  return data;
}

/** `openStore` is called only once the job is about to launch, so a refused config leaves no database behind. */
export async function startTrainJob(openStore: () => HarnessDb, o: TrainOptions): Promise<TrainResult> {
  const log = o.log ?? (() => {});
  const adapter = getAdapter(o.algo);
  const config = loadTrainConfig(o.config, adapter.schema);
  const launcherName = o.launcher ?? config.launcher.type;
  const launcher = getLauncher(launcherName);
  const rewardUrl = o.rewardUrl ?? (config.reward?.url as string | undefined);
  const ownRewardServer = adapter.needsRewardServer && !rewardUrl && !config.reward?.function;
  if (ownRewardServer && !config.data.dataset) {
    throw new UsageError(`${o.config}: data.dataset is needed for the job's reward server (or give reward.url / --reward-url)`);
  }
  const jobId = newJobId(adapter.algo);
  const jobDir = resolve(o.jobsDir ?? DEFAULT_JOBS_DIR, jobId);
  const dataDir = join(jobDir, "data");
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(join(jobDir, "logs"), { recursive: true });
  const data = await prepare(config, adapter, dataDir);
  log(`job ${jobId}: ${data.records >= 0 ? `${data.records} records` : "records"} in ${data.train}`);
  let problemsFile = data.problems;
  if (ownRewardServer && !problemsFile) {
    problemsFile = config.data.dataset;
  }
  const resources = resourcesOf(config);
  // Validation prompts are exported now, so the job can sample its policy where it trains.
  const evalSet = config.eval ? await prepareValidationSet(jobDir, config) : undefined;
  const rendered = renderJob({
    algo: adapter.algo,
    jobId,
    jobDir,
    argv: adapter.renderCommand({ config: join(jobDir, "config.json"), jobDir }),
    packageConfig: packageConfigOf(config, data.train, rewardUrl, evalSet?.prompts),
    ...(ownRewardServer ? { rewardServer: { problems: problemsFile! } } : {}),
    resources,
    python: config.python,
    gitSha: o.gitSha,
  });
  const result = (row: JobRow | null): TrainResult => ({
    job_id: jobId,
    job_dir: jobDir,
    launcher: launcherName,
    launcher_id: row?.launcherId ?? null,
    state: row?.state ?? "pending",
    dry_run: o.dryRun === true,
    command: rendered.command,
    data,
  });
  if (o.dryRun) return result(null);
  if (launcherName === "local") checkInterpreter(config.python, rendered.env);
  const db = openStore();
  insertJob(db, {
    id: jobId,
    name: config.name ?? jobId,
    algo: adapter.algo,
    launcher: launcherName,
    launcherId: null,
    state: "pending",
    exitCode: null,
    jobDir,
    configPath: resolve(o.config),
    resolvedConfig: JSON.stringify(config),
    command: JSON.stringify(rendered.command),
    versions: JSON.stringify(rendered.versions),
    stdoutPath: join(jobDir, "logs", "stdout.log"),
    stderrPath: join(jobDir, "logs", "stderr.log"),
    metricsPath: join(jobDir, "metrics.jsonl"),
    checkpointDir: join(jobDir, "checkpoints"),
    lastStep: null,
  }, "rendered");
  const spec: JobSpec = { jobId, name: config.name ?? jobId, jobDir, script: rendered.script, env: rendered.env, resources, python: config.python };
  const launched = await submitOrFail(db, jobId, () => launcher.submit(spec));
  updateJob(db, jobId, { launcherId: launched.launcherId, stdoutPath: launched.logs.stdout, stderrPath: launched.logs.stderr }, `submitted to ${launcherName}`);
  if (o.watch !== false && o.dbPath) {
    spawnWatcher(jobId, resolve(o.dbPath), join(jobDir, "logs", "watch.log"));
    if (config.eval) spawnEvaluator(jobId, resolve(o.dbPath), join(jobDir, "logs", "eval.log"));
  }
  return result(await refreshJob(db, getJob(db, jobId)));
}

/**
 * A local job whose interpreter lacks torch would fail in its log a second later; say so now. (On
 * Slurm the compute nodes' environment may differ from this machine's, so nothing is checked there.)
 */
function checkInterpreter(python: string, env: Record<string, string>): void {
  const r = spawnSync(python, ["-c", "import torch, codejudge_train"], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.status === 0) return;
  const why = r.error ? r.error.message : r.stderr.trim().split("\n").at(-1) || `exit ${r.status}`;
  throw new UsageError(`python ${JSON.stringify(python)} cannot run the training package (${why}); set \`python:\` in the config or CODEJUDGE_PYTHON to an interpreter with torch`);
}

async function submitOrFail<T>(db: HarnessDb, jobId: string, submit: () => Promise<T>): Promise<T> {
  try {
    return await submit();
  } catch (e) {
    updateJob(db, jobId, { state: "failed" }, `submit failed: ${(e as Error).message}`);
    throw e;
  }
}
