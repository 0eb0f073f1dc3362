/**
 * Evaluation of a job's checkpoints through the harness: the package samples completions from a
 * checkpoint (`codejudge_train generate`), `bun run eval` judges them into an ordinary run named
 * `<job>@step-N`, and the run is linked to the job with its pass@1; the best checkpoint by validation
 * pass@1 is marked (in the store and as JOB/checkpoints/best). With `follow`, new checkpoints are
 * evaluated as the job writes them, until it ends. A config's `eval:` section makes this part of the
 * job: `train` starts `jobs eval --follow` beside it, which judges the base policy (step 0) first,
 * then the checkpoints at every `eval.every_steps` and the final one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDataset } from "../datasets/open.ts";
import type { HarnessDb } from "../harness/store/db.ts";
import { getJob, jobEvalRows, type JobRow, saveJobEval } from "../harness/store/jobs.ts";
import { HarnessError, UsageError } from "../judges/errors.ts";
import { prepareRlPrompts } from "./data.ts";
import { refreshJob } from "./jobs.ts";
import { REPO_ROOT } from "./render.ts";
import { type EvalConfig, TERMINAL_STATES, type JobState } from "./types.ts";

export interface EvalJobOptions {
  dbPath: string;
  /** Validation problems; default: the config's data.eval, else the job's exported problems. */
  dataset?: string;
  /** Unset: the config's eval section, else 4 samples, 256 tokens, temperature 1. */
  n?: number;
  maxNewTokens?: number;
  temperature?: number;
  /** Evaluate the base policy (step 0); default the config's eval.initial. */
  base?: boolean;
  follow?: boolean;
  log?: (line: string) => void;
}

export interface CheckpointEval {
  step: number;
  run_id: number;
  run_name: string;
  pass1: number | null;
  best: boolean;
}

async function run(cmd: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = Bun.spawn({ cmd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/**
 * Complete checkpoint folders (`step-NNNNNN`) by step: those up to the one `latest` names, since the
 * package moves that pointer only after a checkpoint is fully written.
 */
export function listCheckpoints(dir: string): { step: number; path: string }[] {
  const pointer = join(dir, "latest");
  if (!existsSync(pointer)) return [];
  const latest = Number(/^step-(\d+)$/.exec(readFileSync(pointer, "utf8").trim())?.[1] ?? -1);
  return readdirSync(dir)
    .map((name) => ({ name, m: /^step-(\d+)$/.exec(name) }))
    .filter((e) => e.m && Number(e.m[1]) <= latest)
    .map((e) => ({ step: Number(e.m![1]), path: join(dir, e.name) }))
    .sort((a, b) => a.step - b.step);
}

interface EvalSettings {
  n: number;
  maxNewTokens: number;
  temperature: number;
  base: boolean;
  everySteps?: number;
}

function settingsOf(config: { eval?: EvalConfig }, o: EvalJobOptions): EvalSettings {
  const e = config.eval;
  return {
    n: o.n ?? e?.samples ?? 4,
    maxNewTokens: o.maxNewTokens ?? e?.max_new_tokens ?? 256,
    temperature: o.temperature ?? e?.temperature ?? 1.0,
    base: o.base ?? e?.initial ?? false,
    ...(e?.every_steps ? { everySteps: e.every_steps } : {}),
  };
}

/**
 * The checkpoints due for evaluation: with `everySteps`, those at its multiples and, once the job
 * has ended, the final one; otherwise all. The base policy is step 0.
 */
export function dueCheckpoints(all: { step: number; path: string }[], s: { base: boolean; everySteps?: number }, ended: boolean): { step: number; path: string }[] {
  const final = ended ? all.at(-1)?.step : undefined;
  const due = all.filter((c) => !s.everySteps || c.step % s.everySteps === 0 || c.step === final);
  return s.base ? [{ step: 0, path: "base" }, ...due.filter((c) => c.step !== 0)] : due;
}

async function validationSet(job: JobRow, o: EvalJobOptions): Promise<{ prompts: string; problems: string }> {
  const config = JSON.parse(job.resolvedConfig) as { data?: { eval?: string; language?: string }; eval?: EvalConfig };
  // A job that samples itself (eval: in its config) was given its prompts by train: judge against the same problems.
  if (config.eval && !o.dataset && existsSync(join(job.jobDir, "eval", "problems.jsonl"))) {
    return { prompts: join(job.jobDir, "eval", "prompts.jsonl"), problems: join(job.jobDir, "eval", "problems.jsonl") };
  }
  return prepareValidationSet(job.jobDir, config, o.dataset);
}

/**
 * Exports the validation prompts and problems into JOB/eval/: `--dataset`, else eval.dataset, else
 * data.eval, else the job's exported problems.
 */
export async function prepareValidationSet(jobDir: string, config: { data?: { eval?: string; language?: string }; eval?: EvalConfig }, dataset?: string): Promise<{ prompts: string; problems: string }> {
  const source = dataset ?? config.eval?.dataset ?? config.data?.eval ?? (existsSync(join(jobDir, "data", "problems.jsonl")) ? join(jobDir, "data", "problems.jsonl") : undefined);
  if (!source) throw new UsageError(`${jobDir}: no validation problems: pass --dataset or set eval.dataset in the config`);
  const d = await openDataset(source);
  const dir = join(jobDir, "eval");
  mkdirSync(dir, { recursive: true });
  const prepared = await prepareRlPrompts(d.problems, dir, config.data?.language as never);
  return { prompts: prepared.train, problems: prepared.problems! };
}

/** Samples files a job wrote itself (`eval:` in its config: JOB/eval/samples-step-N.jsonl, renamed into place when complete). */
export function listJobSamples(jobDir: string): { step: number; path: string }[] {
  const dir = join(jobDir, "eval");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^samples-step-(\d+)\.jsonl$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ step: Number(m[1]), path: join(dir, m[0]) }))
    .sort((a, b) => a.step - b.step);
}

/** Whether the job samples its own policy for evaluation (its package config has an eval section). */
function samplesItself(jobDir: string): boolean {
  const path = join(jobDir, "config.json");
  return existsSync(path) && (JSON.parse(readFileSync(path, "utf8")) as { eval?: unknown }).eval !== undefined;
}

async function evaluateCheckpoint(job: JobRow, ck: { step: number; path: string }, set: { prompts: string; problems: string }, o: EvalJobOptions & EvalSettings, sampled?: string): Promise<{ runId: number; runName: string; pass1: number | null }> {
  const command = JSON.parse(job.command) as { argv: string[]; env: Record<string, string> };
  const samples = sampled ?? join(job.jobDir, "eval", `samples-step-${ck.step}.jsonl`);
  const gen = sampled ? { code: 0, stderr: "" } : await run(
    [command.argv[0]!, "-m", "codejudge_train", "generate", "--job-dir", job.jobDir, "--checkpoint", ck.path, "--prompts", set.prompts, "--out", samples, "--n", String(o.n), "--max-new-tokens", String(o.maxNewTokens), "--temperature", String(o.temperature)],
    command.env,
  );
  if (gen.code !== 0) throw new HarnessError(`generating from ${ck.path} failed (exit ${gen.code}): ${gen.stderr.trim().split("\n").slice(-3).join(" | ")}`, "internal");
  const runName = `${job.id}@step-${ck.step}`;
  const ev = await run([process.execPath, join(REPO_ROOT, "harness", "cli", "main.ts"), "eval", "--dataset", set.problems, "--samples", samples, "--db", o.dbPath, "--name", runName, "--model", runName, "--ks", "1", "--json", "--quiet"]);
  if (ev.code !== 0) throw new HarnessError(`eval of ${runName} failed (exit ${ev.code}): ${ev.stderr.trim().split("\n").slice(-3).join(" | ")}`, "internal");
  const result = JSON.parse(ev.stdout.trim().split("\n").at(-1)!) as { run_id: number; pass_at_k: Record<string, number | null> };
  return { runId: result.run_id, runName, pass1: result.pass_at_k["1"] ?? null };
}

/** Evaluates every checkpoint not evaluated yet; with `follow`, keeps going until the job ends. */
export async function evaluateJob(db: HarnessDb, jobId: string, o: EvalJobOptions): Promise<CheckpointEval[]> {
  let job = getJob(db, jobId);
  const inJob = samplesItself(job.jobDir);
  if (inJob && o.dataset) throw new UsageError(`job ${job.id} samples its own policy on the problems in ${join(job.jobDir, "eval")} (eval: in its config); --dataset does not apply to it`);
  const set = await validationSet(job, o);
  const settings = { ...o, ...settingsOf(JSON.parse(job.resolvedConfig) as { eval?: EvalConfig }, o) };
  for (;;) {
    job = await refreshJob(db, job);
    const ended = TERMINAL_STATES.has(job.state as JobState);
    const done = new Set(jobEvalRows(db, job.id).map((r) => r.step));
    // A job that samples itself (on its own GPUs) leaves only the judging; otherwise checkpoints are sampled here.
    const due = inJob
      ? listJobSamples(job.jobDir).map((s) => ({ step: s.step, path: s.step === 0 ? "base" : join(job.checkpointDir, `step-${String(s.step).padStart(6, "0")}`), samples: s.path }))
      : dueCheckpoints(listCheckpoints(job.checkpointDir), settings, ended).map((c) => ({ ...c, samples: undefined }));
    for (const ck of due.filter((c) => !done.has(c.step))) {
      const r = await evaluateCheckpoint(job, ck, set, settings, ck.samples);
      saveJobEval(db, { jobId: job.id, step: ck.step, checkpoint: ck.path, runId: r.runId, pass1: r.pass1 });
      o.log?.(`${r.runName}: pass@1 ${r.pass1 === null ? "n/a" : r.pass1.toFixed(3)} (run ${r.runId})`);
    }
    if (!o.follow || ended) break;
    await Bun.sleep(2000);
  }
  const rows = jobEvalRows(db, job.id);
  const best = rows.find((r) => r.best);
  // A pointer beside `latest`, so the best checkpoint is found without the store.
  if (best) {
    mkdirSync(job.checkpointDir, { recursive: true });
    writeFileSync(join(job.checkpointDir, "best"), best.checkpoint === "base" ? "base\n" : `step-${String(best.step).padStart(6, "0")}\n`);
  }
  return rows.map((r) => ({ step: r.step, run_id: r.runId, run_name: `${job.id}@step-${r.step}`, pass1: r.pass1, best: r.best }));
}
