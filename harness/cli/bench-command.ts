/**
 * `bun run bench`: the judging speed bench (harness vs a naive baseline vs the floor), or with
 * `--rewards` the reward server's load bench. Both modules are imported only when the command runs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Language } from "../../judges/types.ts";
import { UsageError } from "../../judges/errors.ts";
import { runCommand } from "./run-command.ts";

export const DEFAULT_BENCH_OUT = ".harness/bench/latest.json";
export const DEFAULT_REWARDS_BENCH_OUT = ".harness/bench/rewards-latest.json";

export interface BenchCommandOptions {
  lang: "cpp" | "python" | "both";
  seed?: string;
  submissions?: number;
  tests?: number;
  json?: boolean;
  out?: string;
  cold?: boolean;
  warm?: boolean;
  concurrency?: number;
  slots?: number;
  testConcurrency?: number;
  rewards?: boolean;
  batches?: number;
  /** `--judge piston`: local and Piston judges side by side (harness/bench/piston-bench.ts). */
  judge?: string;
  judgeOpt?: string[];
  /** `function`: the HumanEval-shaped function-mode workload (harness/bench/function-bench.ts). */
  workload?: "stdio" | "function";
  profile?: boolean;
  /** `--no-warm-pass`: skip the second, warm pass of the stdio workload. */
  warmPass?: boolean;
}

const parsePositive = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive integer");
  return n;
};

/** Adds the `bench` command to the CLI. */
export function registerBenchCommand(program: Command): void {
  program
    .command("bench")
    .description("judging speed: this harness vs a naive sequential judge vs the floor, on a seeded corpus (--rewards: reward server load)")
    .addOption(new Option("--lang <lang>", "corpus language").choices(["cpp", "python", "both"]).default("both"))
    .option("--seed <seed>", "corpus seed (default: bench-1)")
    .option("--submissions <n>", "submissions per language (default 64: 8 GRPO groups of 8)", parsePositive)
    .option("--tests <n>", "tests per problem (default 10)", parsePositive)
    .option("--json", "print the JSON report on stdout (progress goes to stderr)")
    .option("--out <file>", `where to write the JSON report (default ${DEFAULT_BENCH_OUT})`)
    .option("--cold", "start the harness from an empty compile cache and PCH (the default)")
    .option("--warm", "reuse the compile cache in .harness/bench/cache between bench runs")
    .option("--concurrency <n>", "samples the harness judges at once (default 2 x cores)", parsePositive)
    .option("--slots <n>", "compiles and runs in flight at once across samples (default: cores)", parsePositive)
    .option("--test-concurrency <n>", "tests of one sample run at once (default 1)", parsePositive)
    .addOption(new Option("--workload <kind>", "stdio: the seeded C++/Python corpus; function: HumanEval samples vs a human-eval-style runner").choices(["stdio", "function"]).default("stdio"))
    .option("--profile", "where the harness's time goes, by phase (stdio: compile, run, checker, store and the sandbox's phases; function: also one sandbox start measured)")
    .option("--no-warm-pass", "stdio: skip the second pass over the corpus with the cache kept (the warm figure)")
    .option("--rewards", "run the reward server load bench instead")
    .option("--batches <n>", "with --rewards: batches of 256 completions to send", parsePositive)
    .addOption(new Option("--judge <name>", "piston: the local judge and the Piston backend side by side on the corpus (a serve --piston process is started unless --judge-opt piston=URL names endpoints); wasm: the WASM judge beside the native one (CPU ratio, start-up, corpus agreement)").choices(["piston", "wasm"]))
    .option("--judge-opt <key=value>", "with --judge piston: a setting of the Piston backend, repeatable", (v: string, prev: string[] = []) => [...prev, v])
    .action((opts: BenchCommandOptions) => runCommand(() => runBenchCommand(opts), opts));
}

function writeReport(path: string, report: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** Runs the bench command; returns the exit code (1 when the judges disagree). */
export async function runBenchCommand(o: BenchCommandOptions): Promise<number> {
  if (o.cold && o.warm) throw new UsageError("--cold and --warm contradict each other");
  if (o.rewards) return runRewardsCommand(o);
  if (o.judge === "piston") return runPistonBenchCommand(o);
  if (o.judge === "wasm") return runWasmBenchCommand(o);
  if (o.workload === "function") return runFunctionBenchCommand(o);
  const { runBench } = await import("../bench/run-bench.ts");
  const { formatBenchReport } = await import("../bench/report.ts");
  const languages: Language[] = o.lang === "both" ? ["cpp", "python"] : [o.lang];
  // A broken toolchain fails here, clearly, not as a bench full of disagreements.
  await (await import("./backends.ts")).openJudgeBackend("local").then((sandbox) => sandbox.close?.());
  // Exiting runs the "exit" handlers that remove the bench's temp caches and the sandbox's scratch.
  const onSigint = () => process.exit(130);
  process.once("SIGINT", onSigint);
  let report: Awaited<ReturnType<typeof runBench>>;
  try {
    report = await runBench({
      languages,
      seed: o.seed,
      submissions: o.submissions,
      tests: o.tests,
      warm: o.warm,
      concurrency: o.concurrency,
      slots: o.slots,
      testConcurrency: o.testConcurrency,
      warmPass: o.warmPass,
      profile: o.profile,
      onProgress: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
  const out = o.out ?? DEFAULT_BENCH_OUT;
  writeReport(out, report);
  if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${formatBenchReport(report)}report written to ${out}\n`);
  if (!report.ok) process.stderr.write(`bench FAILED: the judges disagree on ${report.failures.length} submission(s); see ${out}\n`);
  return report.ok ? 0 : 1;
}

/** `--rewards`: the reward server's load bench (harness/bench/reward-server-bench.ts). */
async function runRewardsCommand(o: BenchCommandOptions): Promise<number> {
  const [{ runRewardsBench: run, formatRewardsBench: format }, { openJudgeBackend }, { createSampleJudge }, { createChecker }, { createPool }] = await Promise.all([
    import("../bench/reward-server-bench.ts"),
    import("./backends.ts"),
    import("../eval/judge-sample.ts"),
    import("../../judges/checkers/index.ts"),
    import("../eval/pool.ts"),
  ]);
  const sandbox = await openJudgeBackend("local");
  try {
    // The server judges many requests at once: the slots keep its sandbox runs to one per core.
    const slots = createPool(o.slots ?? availableParallelism());
    const judge = createSampleJudge({ sandbox, makeChecker: (spec) => createChecker(spec, { sandbox }), grading: { slots } });
    const report = await run({
      judge,
      batches: o.batches,
      concurrency: o.concurrency,
      onBatch: (done, total, ms) => process.stderr.write(`[bench --rewards] batch ${done}/${total}: ${Math.round(ms)} ms\n`),
    });
    const out = o.out ?? DEFAULT_REWARDS_BENCH_OUT;
    writeReport(out, report);
    process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${format(report)}\nreport written to ${out}\n`);
    return 0;
  } finally {
    await sandbox.close?.();
  }
}

export const DEFAULT_PISTON_BENCH_OUT = ".harness/bench/piston-latest.json";

/** `--judge piston`: local vs Piston on the same corpus (harness/bench/piston-bench.ts). */
async function runPistonBenchCommand(o: BenchCommandOptions): Promise<number> {
  const { runPistonBench, formatPistonBench } = await import("../bench/piston-bench.ts");
  const report = await runPistonBench({
    languages: o.lang === "both" ? ["cpp", "python"] : [o.lang],
    seed: o.seed,
    submissions: o.submissions,
    tests: o.tests,
    judgeOpt: o.judgeOpt,
    onProgress: (line) => process.stderr.write(`[bench --judge piston] ${line}\n`),
  });
  const out = o.out ?? DEFAULT_PISTON_BENCH_OUT;
  writeReport(out, report);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatPistonBench(report)}report written to ${out}\n`);
  const disagree = Object.values(report.languages).some((l) => l.disagreements.length > 0);
  if (disagree) process.stderr.write(`bench FAILED: the local and Piston judges disagree; see ${out}\n`);
  return disagree ? 1 : 0;
}

export const DEFAULT_WASM_BENCH_OUT = ".harness/bench/wasm-latest.json";

/** `--judge wasm`: the WASM judge beside the native one: CPU ratio, start-up, corpus agreement (harness/bench/wasm-bench.ts). */
async function runWasmBenchCommand(o: BenchCommandOptions): Promise<number> {
  const { runWasmBench, formatWasmBench } = await import("../bench/wasm-bench.ts");
  const report = await runWasmBench({ seed: o.seed, submissions: o.submissions, tests: o.tests, onProgress: (line) => process.stderr.write(`[bench --judge wasm] ${line}\n`) });
  const out = o.out ?? DEFAULT_WASM_BENCH_OUT;
  writeReport(out, report);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatWasmBench(report)}report written to ${out}\n`);
  return 0;
}

export const DEFAULT_FUNCTION_BENCH_OUT = ".harness/bench/function-latest.json";

/** `--workload function`: HumanEval-shaped samples, sandboxed harness vs a human-eval-style runner. */
async function runFunctionBenchCommand(o: BenchCommandOptions): Promise<number> {
  const { runFunctionBench, formatFunctionBench } = await import("../bench/function-bench.ts");
  const report = await runFunctionBench({
    submissions: o.submissions,
    concurrency: o.concurrency,
    slots: o.slots,
    profile: o.profile,
    onProgress: (line) => process.stderr.write(`[bench] ${line}\n`),
  });
  const out = o.out ?? DEFAULT_FUNCTION_BENCH_OUT;
  writeReport(out, report);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatFunctionBench(report)}report written to ${out}\n`);
  if (!report.ok) process.stderr.write(`bench FAILED: harness and baseline disagree on ${report.failures.length} sample(s); see ${out}\n`);
  return report.ok ? 0 : 1;
}
