#!/usr/bin/env bun
/** The harness command line. Each command lives in its own module; this file only parses and dispatches. */
import { Command, InvalidArgumentError, Option } from "commander";
import { describeUnknownLanguage, parseLanguage } from "../../judges/languages.ts";
import { DEFAULT_DB_PATH } from "../store/db.ts";
import { registerBenchCommand } from "./bench-command.ts";
import { registerDatasetsCommand } from "./datasets-command.ts";
import { runCommand } from "./run-command.ts";

const parseIntArg = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive integer");
  return n;
};
const parseNumber = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a non-negative number");
  return n;
};
const parseKs = (v: string): number[] => v.split(",").map((k) => parseIntArg(k.trim()));
const parseLang = (v: string) => {
  const l = parseLanguage(v);
  if (!l) throw new InvalidArgumentError(describeUnknownLanguage(v));
  return l;
};

const program = new Command()
  .name("harness")
  .description("Evaluation-first harness for code-generation models")
  .exitOverride()
  // A usage error is one line that says where help is, not the whole help text.
  .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see --help)\n`) });

const dbOption = () => new Option("--db <path>", "SQLite database file").default(DEFAULT_DB_PATH);
const jsonOption = () => new Option("--json", "print exactly one JSON document on stdout (logs go to stderr)");
const judgeOption = () => new Option("--judge <name>", "judge backend").default("local");
const collect = (v: string, prev: string[] = []) => [...prev, v];
const judgeOptOption = () => new Option("--judge-opt <key=value>", "a setting of the judge backend, repeatable (local: gxx, python3, bwrap, cache-dir; piston: piston=URL[,URL…], token, concurrency, endpoints-file, output-cap; wasm: pool-size, clang, cache-dir)").argParser(collect);
const unsafeOption = () =>
  new Option("--unsafe-no-sandbox", "DANGEROUS: run model-written code without bubblewrap (rlimits only)");
const hubCacheOption = () => new Option("--hub-cache <dir>", "Hub cache for hf: datasets (default: $HARNESS_HUB_CACHE or .harness/hub)");
const testlibOption = () => new Option("--testlib <dir>", "folder with your testlib.h, for checker sources that include it");
const checkerOption = () =>
  new Option("--checker <name>", "how problems without a checker are compared: auto (the source's own tester, else the statement; see README) or a checker name").default("auto");

program
  .command("eval")
  .description("judge samples against a dataset and rank the run; with no arguments, the built-in problem set and sample sets")
  .option("--dataset <file>", "dataset file (JSON, JSONL, .gz, Parquet, Arrow) or a pulled hf:org/name[@rev]; default: the built-in problem set")
  .option("--format <name>", "force a dataset format (mbppplus-full: MBPP+/HumanEval+ base and plus inputs, outputs derived in the sandbox)")
  .option("--since <date>", "only problems with contest_date >= this (LiveCodeBench windows, contamination-free eval)")
  .option("--until <date>", "only problems with contest_date < this")
  .addOption(hubCacheOption())
  .option("--samples <file>", "samples JSONL ({problem_id|task_id, completion|solution, language?, model?})")
  .option("--name <name>", "run name; the same name resumes an interrupted run")
  .addOption(dbOption())
  .addOption(jsonOption())
  .addOption(judgeOption())
  .addOption(judgeOptOption())
  .option("--concurrency <n>", "samples judged at once (default: 2 × cores, sandbox runs capped at one per core; --judge piston: 2 × the endpoints' total concurrency)", parseIntArg)
  .option("--all-tests", "run every test instead of stopping at the first failure")
  .option("--ks <list>", "k values for pass@k (a k above a problem's sample count is not computable)", parseKs, [1, 2, 5, 10])
  .option("--skip-invalid", "skip dataset rows that do not fit their format (counted, reported on stderr)")
  .option("--python-time-factor <x>", "multiply time limits for Python", parseNumber, 1)
  .option("--time-limit-factor <x>", "multiply every problem's time limit (its source's limit), all languages", parseNumber, 1)
  .option("--output-limit-mb <mb>", "stdout limit per test; more is OLE", parseNumber, 16)
  .option("--quiet", "no progress output")
  .addOption(unsafeOption())
  .addOption(testlibOption())
  .addOption(checkerOption())
  .option("--endpoint <url>", "OpenAI-compatible endpoint to generate samples from (vLLM, SGLang, llama.cpp, OpenAI)")
  .option("--model <name>", "model name for generation (and the run's model label)")
  .option("--n <n>", "samples per problem when generating", parseIntArg, 1)
  .option("--temperature <t>", "sampling temperature", parseNumber, 0.8)
  .option("--top-p <p>", "nucleus sampling", parseNumber, 0.95)
  .option("--max-tokens <n>", "max new tokens per completion", parseIntArg, 2048)
  .option("--gen-concurrency <n>", "requests in flight when generating", parseIntArg, 8)
  .option("--gen-lang <lang>", "language to ask for when a problem accepts several (cpp, python or an alias: c++, py...)", parseLang)
  .action((opts) => runCommand(() => import("./eval-command.ts").then((m) => m.runEvalCommand(opts)), opts));

program
  .command("judge")
  .description("judge one source file against one problem")
  .requiredOption("--problem <file>", "problem file (one problem, any supported format, or a pulled hf:org/name[@rev])")
  .addOption(hubCacheOption())
  .requiredOption("--source <file>", "source file to judge")
  .option("--lang <lang>", "cpp | python, or an alias (c++, cxx, py, python3...; default: from the file extension)")
  .option("--format <name>", "force the problem file's format")
  .addOption(judgeOption())
  .addOption(judgeOptOption())
  .option("--all-tests", "run every test instead of stopping at the first failure")
  .addOption(jsonOption())
  .addOption(unsafeOption())
  .addOption(testlibOption())
  .addOption(checkerOption())
  .action((opts) => runCommand(() => import("./judge-command.ts").then((m) => m.runJudgeCommand(opts)), opts));

program
  .command("leaderboard")
  .description("runs ranked by pass@1, per dataset")
  .option("--dataset <id>", "only this dataset id")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((opts) => runCommand(() => import("./leaderboard-command.ts").then((m) => m.runLeaderboardCommand(opts)), opts));

program
  .command("serve")
  .description("the report viewer over the database (read-only); with --rewards, the reward server trainers call")
  .addOption(dbOption())
  .option("--host <host>", "address to bind (loopback by default)", "127.0.0.1")
  .option("--port <port>", "port (viewer default 8080, reward server default 8321; 0 picks a free one)", (v) => Number(v))
  .option("--rewards", "serve POST /v1/rewards (and OpenRLHF's /get_reward) instead of the viewer")
  .option("--piston", "serve Piston's API v2 (GET /api/v2/runtimes, POST /api/v2/execute; default port 2000) backed by --judge")
  .option("--token <token>", "with --piston/--rewards: bearer token clients must send (else $HARNESS_PISTON_SERVER_TOKEN / $HARNESS_REWARDS_TOKEN); required off loopback")
  .option("--insecure", "with --piston/--rewards: listen off loopback without a token (anyone who reaches it runs code)")
  .option("--queue <n>", "with --piston: jobs waiting beyond --concurrency before 429 (default 64 × cores)", parseIntArg)
  .option("--per-client <n>", "with --piston: jobs one client address may have running or waiting (default 16 × cores)", parseIntArg)
  .option("--body-limit-mb <n>", "with --piston: largest request body, MiB (default 64; stock Piston 0.1)", parseIntArg)
  .option("--output-cap-mb <n>", "with --piston: output kept per stream before OL/EL, MiB (default 16; stock Piston 1 KiB)", parseIntArg)
  .option("--max-timeout-ms <ms>", "with --piston: largest compile/run time limit a request may ask for (default 300000 wall, 120000 CPU)", parseIntArg)
  .option("--max-memory-mb <n>", "with --piston: largest memory limit a request may ask for (default 2048 compile, 4096 run)", parseIntArg)
  .option("--dataset <file>", "with --rewards: problems requests may name by id (a file, a folder or a pulled hf:org/name[@rev])")
  .addOption(hubCacheOption())
  .option("--format <name>", "force the dataset format")
  .option("--schemas <file>", "with --rewards: extra reward schemas (JSON or YAML)")
  .option("--stats-file <file>", "with --rewards: append GET /v1/stats (counts by status, latency percentiles) to this JSONL file while serving")
  .option("--stats-interval-ms <ms>", "with --rewards --stats-file: time between lines (a line only when requests arrived)", parseIntArg, 2000)
  .addOption(judgeOption())
  .addOption(judgeOptOption())
  .option("--concurrency <n>", "with --rewards: samples judged at once (default: 2 × cores; sandbox runs are capped at one per core); with --piston: jobs run at once (default: cores)", parseIntArg)
  .option("--deadline-ms <ms>", "with --rewards: default and maximum per-request deadline", parseIntArg, 120_000)
  .option("--special-tokens <list>", "with --rewards: comma-separated tokens stripped from the ends of OpenRLHF responses (default: common end-of-turn tokens)")
  .addOption(unsafeOption())
  .addOption(testlibOption())
  .addOption(checkerOption())
  .action((opts) => runCommand(() => import("./serve-command.ts").then((m) => m.runServe(opts)), opts));

const rewards = program.command("rewards").description("reward schemas and reward-design experiments");
rewards
  .command("compare")
  .description("compare reward schemas on a stored run (GRPO groups: zero-variance fraction, advantages, public-vs-hidden gap)")
  .requiredOption("--run <run>", "run id or name")
  .requiredOption("--schemas <list>", "comma-separated schema names (built-in, name+modifier) or schema files")
  .addOption(new Option("--reward-on <tests>", "tests the reward statistics use").choices(["all", "public"]).default("all"))
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((opts) => runCommand(() => import("./rewards-command.ts").then((m) => m.runRewardsCompareCommand(opts)), opts));
rewards
  .command("list")
  .description("built-in reward schemas and modifiers")
  .addOption(jsonOption())
  .action((opts) => runCommand(() => import("./rewards-command.ts").then((m) => m.runRewardsListCommand(opts)), opts));

program
  .command("train")
  .description("launch a training job: sft-reweight, grpo-tinylora or ppo (trainers/, examples in trainers/examples/)")
  .argument("<algo>", "sft-reweight | grpo-tinylora | ppo")
  .requiredOption("--config <file>", "training config (YAML or JSON)")
  .addOption(new Option("--launcher <name>", "where the job runs (default: the config's launcher.type, else local)").choices(["local", "slurm"]))
  .option("--reward-url <url>", "RL jobs: use this reward server instead of starting one in the job")
  .option("--jobs-dir <dir>", "where job folders are created", ".harness/jobs")
  .option("--dry-run", "validate, export the data and render the job folder, but do not launch or record it")
  .option("--no-watch", "do not start the background `jobs watch` that ingests state and metrics while the job runs")
  .addOption(new Option("--export <trainer>", "write the same config as a TRL or verl launch (with --out) instead of launching").choices(["trl", "verl"]))
  .option("--out <dir>", "with --export: the folder to write")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((algo: string, opts) => runCommand(() => import("./train-command.ts").then((m) => m.runTrainCommand(algo, opts)), opts));

const jobs = program.command("jobs").description("training jobs: list, show, logs, cancel, resume, eval");
jobs
  .command("list")
  .description("jobs with their current state (refreshed from the launcher)")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsList(opts)), opts));
jobs
  .command("show")
  .description("a job: state history, paths of logs, metrics and checkpoints, config, versions")
  .argument("<id>", "job id (or a unique prefix)")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsShow(id, opts)), opts));
jobs
  .command("logs")
  .description("a job's stdout (and stderr on stderr)")
  .argument("<id>", "job id (or a unique prefix)")
  .option("--follow", "keep printing until the job ends (metrics are ingested meanwhile)")
  .addOption(dbOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsLogs(id, opts)), opts));
jobs
  .command("cancel")
  .description("stop a job")
  .argument("<id>", "job id (or a unique prefix)")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsCancel(id, opts)), opts));
jobs
  .command("eval")
  .description("evaluate the job's checkpoints on validation problems (runs named JOB@step-N, best by pass@1 marked)")
  .argument("<id>", "job id (or a unique prefix)")
  .option("--dataset <file>", "validation problems (default: the config's data.eval, else the job's exported problems)")
  .option("--n <n>", "samples per problem (default: the config's eval.samples, else 4)", parseIntArg)
  .option("--max-new-tokens <n>", "tokens per completion (default: eval.max_new_tokens, else 256)", parseIntArg)
  .option("--temperature <t>", "sampling temperature (default: eval.temperature, else 1.0)", parseNumber)
  .option("--base", "also evaluate the base policy before training (step 0; default: eval.initial)")
  .option("--follow", "keep evaluating new checkpoints until the job ends")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsEval(id, opts)), opts));
jobs
  .command("watch")
  .description("refresh a job's state and ingest its metrics until it ends (train starts one per job)")
  .argument("<id>", "job id (or a unique prefix)")
  .option("--interval-ms <ms>", "time between refreshes", parseIntArg, 2000)
  .addOption(dbOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsWatch(id, opts)), opts));
jobs
  .command("resume")
  .description("submit a failed or cancelled job again; it continues from its last checkpoint")
  .argument("<id>", "job id (or a unique prefix)")
  .addOption(dbOption())
  .addOption(jsonOption())
  .action((id: string, opts) => runCommand(() => import("./jobs-command.ts").then((m) => m.runJobsResume(id, opts)), opts));

registerDatasetsCommand(program);
registerBenchCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err: unknown) {
  // commander throws for --help/--version (exit 0) and for usage errors (already printed on stderr).
  const code = (err as { exitCode?: number }).exitCode;
  if (typeof code === "number" && code !== 0 && process.argv.includes("--json")) {
    // Scripts reading stdout get the same error object as for any other failure.
    const message = (err instanceof Error ? err.message : String(err)).replace(/^error: /, "");
    process.stdout.write(`${JSON.stringify({ error: { category: "usage", message } })}\n`);
  }
  process.exit(typeof code === "number" ? (code === 0 ? 0 : 2) : 1);
}
