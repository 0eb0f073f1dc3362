/** `bun run eval`: generate (optionally), judge and rank samples; with no arguments, the built-in set. */
import { basename } from "node:path";
import { listBuiltinSampleSets, BUILTIN_PROBLEMS_PATH } from "../../datasets/builtin/index.ts";
import { datasetIdOf } from "../../datasets/dataset-id.ts";
import { isHubSpec } from "../../datasets/hub/repo-id.ts";
import { readEvalPlusRows, deriveEvalPlusTests } from "../../datasets/evalplus/index.ts";
import { filterByContestDate } from "../../datasets/formats/date-window.ts";
import { type Exclusion, partitionJudgeable } from "../../datasets/judgeable.ts";
import { openDataset } from "../../datasets/open.ts";
import type { Sandbox } from "../../judges/types.ts";
import { sha256File } from "../../datasets/sha256.ts";
import type { Problem } from "../../datasets/types.ts";
import { buildLeaderboards, formatLeaderboards } from "../eval/leaderboard.ts";
import { DEFAULT_LIMIT_OPTIONS, type LimitOptions } from "../eval/limits.ts";
import { createProgress } from "../eval/progress.ts";
import { runEval, type EvalResult } from "../eval/run-eval.ts";
import { generateForEval } from "./generate-step.ts";
import { loadSamples } from "../samples/read-samples.ts";
import { openDb, type HarnessDb } from "../store/db.ts";
import { findRun } from "../store/runs.ts";
import { UsageError } from "../../judges/errors.ts";
import { openAnswerOnlyJudge, openJudge, type JudgeHandle } from "./open-judge.ts";
import { readGitSha } from "./provenance.ts";

export interface EvalCommandOptions {
  dataset?: string;
  format?: string;
  samples?: string;
  name?: string;
  db: string;
  json?: boolean;
  judge: string;
  concurrency?: number;
  allTests?: boolean;
  ks: number[];
  unsafeNoSandbox?: boolean;
  testlib?: string;
  /** `--checker NAME|auto` for problems without a checker (datasets/checker-policy.ts). */
  checker?: string;
  skipInvalid?: boolean;
  pythonTimeFactor: number;
  /** Multiplies every problem's time limit, in every language (on top of --python-time-factor). */
  timeLimitFactor?: number;
  outputLimitMb: number;
  quiet?: boolean;
  endpoint?: string;
  model?: string;
  n: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  genConcurrency: number;
  genLang?: "cpp" | "python";
  since?: string;
  until?: string;
  /** Hub cache root for `hf:` datasets (default: $HARNESS_HUB_CACHE or .harness/hub). */
  hubCache?: string;
}

/** One dataset + samples file to evaluate, under a run name. */
interface EvalJob {
  name: string;
  samplesPath: string;
  /** A default name (not the user's --name): may take a version suffix rather than fail on a conflict. */
  defaultName?: boolean;
}

/** Runs the eval command; returns the process exit code. */
export async function runEvalCommand(o: EvalCommandOptions): Promise<number> {
  const datasetPath = o.dataset ?? BUILTIN_PROBLEMS_PATH;
  const builtin = o.dataset === undefined;
  const limits: LimitOptions = {
    ...DEFAULT_LIMIT_OPTIONS,
    timeFactor: { cpp: o.timeLimitFactor ?? 1, python: o.pythonTimeFactor * (o.timeLimitFactor ?? 1) },
    outputLimitMb: o.outputLimitMb,
  };
  // The dataset is read first: an answer-mode dataset (GSM8K) runs no program, so it needs no
  // sandbox backend and must start where bwrap or g++ are missing.
  let opened: JudgeHandle | undefined;
  const open = async (): Promise<JudgeHandle> => (opened ??= await openJudge({ ...o, limits }));
  try {
    const loaded = await loadDataset(datasetPath, o, builtin, async () => (await open()).sandbox);
    const answerOnly = loaded.problems.length > 0 && loaded.problems.every((p) => p.mode === "answer");
    const handle = answerOnly ? openAnswerOnlyJudge({ limits }) : await open();
    return await evaluateAll(o, handle, limits, loaded);
  } finally {
    await opened?.close();
  }
}

async function evaluateAll(o: EvalCommandOptions, handle: JudgeHandle, limits: LimitOptions, dataset: LoadedForEval & { datasetId: string }): Promise<number> {
  const { datasetId, ...loaded } = dataset;
  const builtin = o.dataset === undefined;
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\ninterrupted: finishing what is in flight, then stopping (Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const jobs = await planJobs(o, loaded.problems, datasetId, builtin, controller.signal);
    if (controller.signal.aborted) return 130; // generation was interrupted; its file resumes next time
    const db = openDb(o.db);
    try {
      const results: (EvalResult & { excluded?: Exclusion[] })[] = [];
      for (const job of jobs) {
        if (controller.signal.aborted) break;
        results.push(await evaluateJob(o, db, handle, limits, job, { ...loaded, datasetId }, controller.signal));
      }
      printResults(o, db, datasetId, results, builtin && !o.samples && !o.endpoint);
    } finally {
      db.$client.close();
    }
    return controller.signal.aborted ? 130 : 0;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/** What to evaluate: generated samples, a samples file, or each built-in sample set. */
async function planJobs(
  o: EvalCommandOptions,
  problems: Problem[],
  datasetId: string,
  builtin: boolean,
  signal: AbortSignal,
): Promise<EvalJob[]> {
  if (o.endpoint) {
    if (!o.model) throw new UsageError("--endpoint needs --model");
    const samplesPath = await generateForEval(o, problems, datasetId, signal);
    return [{ name: o.name ?? `${datasetId}/${o.model}`, samplesPath }];
  }
  if (o.samples) {
    return [{ name: o.name ?? `${datasetId}/${basename(o.samples).replace(/\.jsonl(\.gz)?$/, "")}`, samplesPath: o.samples }];
  }
  if (builtin) {
    return listBuiltinSampleSets().map((s) => ({
      name: o.name ? `${o.name}/${s.model}` : `builtin/${s.model}`,
      samplesPath: s.path,
      defaultName: !o.name,
    }));
  }
  throw new UsageError("--dataset needs --samples FILE (or --endpoint URL --model NAME to generate them)");
}

interface LoadedForEval {
  problems: Problem[];
  /** Ids of every problem in the file, before a date window: samples may name any of them. */
  allIds: Set<string>;
  /** Problems no judge can decide (interactive without an interactor), left out of the run with their reason. */
  excluded: Exclusion[];
  sha256: string;
  format: string;
  datasetPath: string;
  revision: string | null;
}

/**
 * Opens the dataset (a file, a folder, or a pulled `hf:org/name@rev`; see datasets/open.ts). MBPP+/HumanEval+
 * with `--format mbppplus-full` derive expected outputs by running the canonical solutions in the sandbox.
 */
async function loadDataset(
  path: string,
  o: EvalCommandOptions,
  builtin: boolean,
  openSandbox: () => Promise<Sandbox>,
): Promise<LoadedForEval & { datasetId: string }> {
  let loaded: Omit<LoadedForEval, "allIds" | "excluded"> & { datasetId: string };
  if (o.format === EVALPLUS_FULL && !isHubSpec(path)) {
    const rows = await readEvalPlusRows(path);
    const problems = await deriveEvalPlusTests(rows, { sandbox: await openSandbox(), skipInvalid: o.skipInvalid });
    loaded = { problems, sha256: await sha256File(path), format: EVALPLUS_FULL, datasetPath: path, revision: null, datasetId: `${datasetIdOf(path)}-full` };
  } else {
    const d = await openDataset(path, { format: o.format, skipInvalid: o.skipInvalid, hubCache: o.hubCache, checker: o.checker });
    loaded = { ...d, datasetPath: path, datasetId: builtin ? "builtin" : d.datasetId };
  }
  const allIds = new Set(loaded.problems.map((p) => p.id));
  if (o.since || o.until) {
    const windowed = filterByContestDate(loaded.problems, { since: o.since, until: o.until });
    process.stderr.write(`date window: ${windowed.problems.length} of ${allIds.size} problems kept\n`);
    loaded = { ...loaded, problems: windowed.problems, datasetId: `${loaded.datasetId}[${o.since ?? ""}..${o.until ?? ""})` };
  }
  // Their samples are dropped like those outside a date window; scores cover only what can be judged.
  const { judgeable, excluded } = partitionJudgeable(loaded.problems);
  if (excluded.length > 0) {
    const reasons = [...new Set(excluded.map((e) => e.reason))].join("; ");
    process.stderr.write(`excluded from scores: ${excluded.length} of ${loaded.problems.length} problems (${reasons}): ${excluded.map((e) => e.id).join(", ")}\n`);
  }
  return { ...loaded, problems: judgeable, allIds, excluded };
}

/** Runs MBPP+/HumanEval+ on their base + plus inputs, as EvalPlus does (needs the sandbox, so not a row format). */
const EVALPLUS_FULL = "mbppplus-full";

/**
 * The run name to use. A default name whose stored run judged other inputs (the built-in set changed
 * after an upgrade) gets a version suffix, so `bun run eval` keeps working; a user's --name conflicts loudly.
 */
function resolveRunName(db: HarnessDb, job: EvalJob, datasetSha256: string, samplesSha256: string): string {
  const existing = job.defaultName ? findRun(db, job.name) : undefined;
  if (!existing || (existing.datasetSha256 === datasetSha256 && existing.samplesSha256 === samplesSha256)) return job.name;
  const version = new Bun.CryptoHasher("sha256").update(`${datasetSha256}:${samplesSha256}`).digest("hex");
  return `${job.name}@${version.slice(0, 8)}`;
}

async function evaluateJob(
  o: EvalCommandOptions,
  db: HarnessDb,
  handle: JudgeHandle,
  limits: LimitOptions,
  job: EvalJob,
  ds: LoadedForEval & { datasetId: string },
  signal: AbortSignal,
): Promise<EvalResult & { excluded?: Exclusion[] }> {
  const inWindow = new Set(ds.problems.map((p) => p.id));
  const records = (await loadSamples(job.samplesPath, ds.allIds)).filter((r) => inWindow.has(r.problemId));
  const { sandbox, judge } = handle;
  const samplesSha256 = await sha256File(job.samplesPath);
  const model = o.model ?? records.find((r) => r.model)?.model ?? basename(job.samplesPath).replace(/\.jsonl(\.gz)?$/, "");
  const result = await runEval({
    db,
    meta: {
      name: resolveRunName(db, job, ds.sha256, samplesSha256),
      model,
      datasetId: ds.datasetId,
      datasetPath: ds.datasetPath,
      datasetSha256: ds.sha256,
      datasetRevision: ds.revision,
      samplesPath: job.samplesPath,
      samplesSha256,
      judge: sandbox.name,
      judgeVersions: await sandbox.versions(),
      // The window is recorded so that a reader of the run knows which of the dataset's problems it covers.
      limits: {
        ...limits,
        allTests: o.allTests ?? false,
        ks: o.ks,
        format: ds.format,
        ...(o.since || o.until ? { window: { since: o.since, until: o.until } } : {}),
        // Recorded with the run, so a reader knows which problems its scores leave out and why.
        ...(ds.excluded.length > 0 ? { excluded: ds.excluded } : {}),
      },
      extraction: { thinkTags: "drop", fence: "last-matching", freopen: "neutralize", prefixJoin: "continuations" },
      gitSha: readGitSha(),
    },
    problems: ds.problems,
    samples: records.map((r) => ({
      index: r.index,
      problemId: r.problemId,
      completion: r.completion,
      language: r.language,
      model: r.model,
      field: r.field,
      truncated: r.truncated,
    })),
    judge,
    // Twice the judge's run slots (the cores, or a Piston fleet's total concurrency).
    concurrency: o.concurrency ?? handle.concurrency,
    ks: o.ks,
    progress: createProgress({ quiet: o.quiet }),
    signal,
  });
  return ds.excluded.length > 0 ? { ...result, excluded: ds.excluded } : result;
}

function printResults(o: EvalCommandOptions, db: HarnessDb, datasetId: string, results: EvalResult[], many: boolean): void {
  if (o.json) {
    const doc = many ? { dataset: datasetId, runs: results } : (results[0] ?? { runs: [] });
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return;
  }
  process.stdout.write(formatLeaderboards(buildLeaderboards(db, { datasetId })));
  for (const r of results) {
    if (!r.needs_checker) continue;
    const fmt = (v: number | null | undefined) => (v == null ? "-" : v.toFixed(4));
    process.stdout.write(
      `${r.name}: ${r.needs_checker} problems accept several answers and have no checker program (needs_checker); pass@1 ${fmt(r.pass_at_k["1"])} with them, ${fmt(r.pass_at_k_without_needs_checker["1"])} without\n`,
    );
  }
}
