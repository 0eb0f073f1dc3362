/**
 * `bun run datasets ...`: Hub pulls and dataset preparation. Registration only; each action
 * module is imported when its subcommand runs. The judge for filter-by-reward is wired here.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { describeUnknownLanguage, parseLanguage } from "../../judges/languages.ts";
import { runCommand } from "./run-command.ts";

const parseCount = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a non-negative integer");
  return n;
};
const parsePositive = (v: string): number => {
  const n = parseCount(v);
  if (n === 0) throw new InvalidArgumentError("expected a positive integer");
  return n;
};
const parseNumber = (v: string): number => {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("expected a number");
  return n;
};
const parseFraction = (v: string): number => {
  const n = parseNumber(v);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError("expected a number in (0, 1]");
  return n;
};
const parseList = (v: string): string[] => v.split(",").map((s) => s.trim()).filter(Boolean);
const parseLang = (v: string) => {
  const l = parseLanguage(v);
  if (!l) throw new InvalidArgumentError(describeUnknownLanguage(v));
  return l;
};

/** Runs an action through the shared error reporting (Hub failures included; a JSON error object with --json). */
const act = runCommand;

const commands = () => import("../../datasets/prepare/commands.ts");
const json = () => new Option("--json", "print exactly one JSON document on stdout");
const format = () => new Option("--format <name>", "force the dataset format instead of auto-detecting it");
const skipInvalid = () => new Option("--skip-invalid", "skip rows that do not fit their format (counted)");
const hubCache = () => new Option("--hub-cache <dir>", "Hub cache for hf: inputs (default: $HARNESS_HUB_CACHE or .harness/hub)");
const threshold = () => new Option("--minhash-threshold <x>", "Jaccard similarity of 5-word shingles counted as near-duplicate").argParser(parseFraction).default(0.8);
const INPUT = "dataset file (JSON, JSONL, .gz) or a pulled Hub dataset hf:org/name[@rev][?config=C&split=S]";

/** Adds `datasets` and its subcommands to the program. */
export function registerDatasetsCommand(program: Command): void {
  const datasets = program.command("datasets").description("pull datasets from the Hugging Face Hub and prepare them (inspect, filter, decontaminate, export)");

  datasets
    .command("pull")
    .description("download a Hub dataset pinned to a commit, recording sha256 of every file (offline: use the cache)")
    .argument("<repo_id>", "org/name")
    .option("--revision <rev>", "branch, tag or commit sha", "main")
    .option("--config <name>", "only the files of this config")
    .option("--split <name>", "only the files of this split")
    .option("--cache <dir>", "cache folder (default: $HARNESS_HUB_CACHE or .harness/hub)")
    .option("--verify", "re-hash cached files against the manifest")
    .option("--offline", "do not touch the network (like HF_HUB_OFFLINE=1)")
    .addOption(json())
    .action((repoId: string, o) => act(() => import("../../datasets/hub/pull-command.ts").then((m) => m.runPullCommand(repoId, o)), o));

  datasets
    .command("inspect")
    .alias("stats")
    .description("counts, schema and histograms of a dataset")
    .argument("<file>", INPUT)
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) => act(() => commands().then((m) => m.runInspect(file, o)), o));

  datasets
    .command("filter")
    .description("keep the problems that meet every criterion; writes canonical JSONL")
    .argument("<file>", INPUT)
    .requiredOption("--out <file>", "output JSONL (.gz to compress)")
    .option("--source <list>", "sources to keep (comma-separated)", parseList)
    .option("--difficulty <list>", "difficulties to keep (comma-separated)", parseList)
    .option("--rating-min <n>", "lowest rating kept", parseNumber)
    .option("--rating-max <n>", "highest rating kept", parseNumber)
    .option("--tags <list>", "tags a problem must all carry (comma-separated)", parseList)
    .option("--language <lang>", "keep problems accepting this language", parseLang)
    .option("--has-checker", "keep problems judged by a checker program (testlib, cms)")
    .option("--min-tests <n>", "fewest tests kept", parseCount)
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) =>
      act(() => commands().then((m) => m.runFilter(file, { ...o, sources: o.source, difficulties: o.difficulty })), o),
    );

  datasets
    .command("filter-by-reward")
    .description("judge solutions and keep only those that pass every test; writes the kept set and a report of what was dropped")
    .argument("<file>", INPUT)
    .requiredOption("--solutions-from <column|file>", "'solutions' (the problems' reference solutions) or a samples JSONL (trajectories)")
    .requiredOption("--out <file>", "kept problems (column) or kept samples (file), JSONL")
    .requiredOption("--report <file>", "JSON report: verdicts and every dropped item with its verdict")
    .option("--judge <name>", "judge backend", "local")
    .option("--concurrency <n>", "solutions judged at once", parsePositive, 2)
    .option("--max-solutions <n>", "reference solutions judged per problem (default all)", parsePositive)
    .option("--unsafe-no-sandbox", "DANGEROUS: run code without bubblewrap (rlimits only)")
    .option("--testlib <dir>", "folder with your testlib.h, for checker sources that include it")
    .option("--checker <name>", "how rows without a checker are compared: auto (the source's own tester, else the statement) or a checker name", "auto")
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) =>
      act(async () => {
        const [m, j] = await Promise.all([import("../eval/filter-by-reward-command.ts"), import("./open-judge.ts")]);
        return m.runFilterByReward(file, o, () => j.openJudge(o));
      }, o),
    );

  datasets
    .command("decontaminate")
    .description("drop training problems overlapping evaluation sets (13-gram overlap and MinHash near-duplicates)")
    .argument("<train>", INPUT)
    .requiredOption("--against <list>", "evaluation datasets, comma-separated (files or hf: specs)", parseList)
    .requiredOption("--out <file>", "training problems kept, JSONL")
    .requiredOption("--report <file>", "JSON report of every overlapping pair with its scores")
    .option("--ngram <n>", "word n-gram length", parsePositive, 13)
    .addOption(threshold())
    .option("--max-gram-docs <n>", "ignore n-grams found in more evaluation statements than this (boilerplate)", parsePositive, 10)
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) => act(() => commands().then((m) => m.runDecontaminate(file, o)), o));

  datasets
    .command("dedupe")
    .description("drop problems whose statement repeats an earlier one, exactly or nearly")
    .argument("<file>", INPUT)
    .requiredOption("--out <file>", "kept problems, JSONL")
    .option("--report <file>", "JSON report of the duplicates")
    .addOption(threshold())
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) => act(() => commands().then((m) => m.runDedupe(file, o)), o));

  datasets
    .command("compare")
    .description("overlap between two datasets and how their sources, difficulties and test counts differ")
    .argument("<a>", INPUT)
    .argument("<b>", INPUT)
    .addOption(threshold())
    .addOption(hubCache())
    .addOption(json())
    .action((a: string, b: string, o) => act(() => commands().then((m) => m.runCompare(a, b, o)), o));

  datasets
    .command("convert")
    .description("trajectory / chain-of-thought records into SFT records; rows without a final code block are dropped")
    .argument("<trajectories>", "JSONL of {messages: [{role, content}]} or {prompt, response}")
    .requiredOption("--out <file>", "SFT JSONL")
    .addOption(new Option("--style <style>", "output layout").choices(["prompt-completion", "messages"]).default("prompt-completion"))
    .addOption(json())
    .action((file: string, o) => act(() => commands().then((m) => m.runConvert(file, o)), o));

  datasets
    .command("export")
    .description("write problems for a trainer: TRL JSONL or verl Parquet")
    .argument("<file>", INPUT)
    .addOption(new Option("--to <trainer>", "trainer format").choices(["trl", "verl"]).makeOptionMandatory())
    .requiredOption("--out <file>", "output file (.jsonl for trl, .parquet for verl)")
    .addOption(new Option("--style <style>", "TRL layout").choices(["prompt-completion", "messages", "prompt"]).default("prompt-completion"))
    .option("--language <lang>", "language the prompts ask for (default python where accepted)", parseLang)
    .option("--split <name>", "split recorded in verl's extra_info", "train")
    .option("--data-source <name>", "verl data_source of every row (default: each problem's source, else the dataset id)")
    .addOption(new Option("--ground-truth <style>", "verl ground_truth: the problem inline (self-contained) or its id only (the reward server resolves it)").choices(["inline", "ref"]).default("inline"))
    .addOption(format())
    .addOption(skipInvalid())
    .addOption(hubCache())
    .addOption(json())
    .action((file: string, o) => act(() => commands().then((m) => m.runExport(file, o)), o));
}
