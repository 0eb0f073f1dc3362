/**
 * Renders a job into its folder: the package's config (JSON, so the package needs no YAML reader),
 * run.sh, and job.json (command, environment, resources, versions). run.sh starts the harness reward
 * server first for RL jobs that have no reward URL, so the server lives and dies with the job (on
 * whichever machine the launcher picks) and a requeued job gets a fresh one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AlgoName, Resources, TrainConfig } from "./types.ts";
import { shellQuote } from "./launchers/wrapper.ts";

export const REPO_ROOT = join(import.meta.dir, "..");
export const PACKAGE_DIR = join(REPO_ROOT, "trainers", "python");

export interface RenderInput {
  algo: AlgoName;
  jobId: string;
  jobDir: string;
  /** The package's argv after the interpreter. */
  argv: string[];
  /** The package's config (what config.json holds). */
  packageConfig: Record<string, unknown>;
  /** Start the harness reward server in the job, on this problems file. */
  rewardServer?: { problems: string; schemas?: string };
  resources: Resources;
  python: string;
  gitSha: string | null;
}

export interface RenderedJob {
  script: string;
  configPath: string;
  env: Record<string, string>;
  versions: Record<string, string | null>;
  command: { argv: string[]; env: Record<string, string>; resources: Resources; reward_server: boolean };
}

/** The package's version, read from its __init__.py (no Python needed to render a job). */
export function packageVersion(): string | null {
  try {
    return /__version__\s*=\s*"([^"]+)"/.exec(readFileSync(join(PACKAGE_DIR, "codejudge_train", "__init__.py"), "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

function harnessVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function rewardServerLines(problems: string, schemas: string | undefined): string[] {
  const q = shellQuote;
  const serve = [process.execPath, join(REPO_ROOT, "harness", "cli", "main.ts"), "serve", "--rewards", "--host", "127.0.0.1", "--port", "0", "--dataset", problems, "--stats-file", "logs/reward-stats.jsonl", ...(schemas ? ["--schemas", schemas] : [])];
  return [
    "# The harness reward server for this attempt; stopped when the job's shell exits.",
    // Only lines this attempt writes count: a requeued job's log still holds the previous server's URL.
    "touch logs/reward-server.log; skip=$(wc -l < logs/reward-server.log)",
    `${serve.map(q).join(" ")} 2>> logs/reward-server.log &`,
    "reward_pid=$!",
    // Waited for, so its last statistics line is written before the job's exit code.
    "trap 'kill $reward_pid 2>/dev/null; wait $reward_pid 2>/dev/null || true' EXIT",
    'url=""',
    "for _ in $(seq 1 1200); do",
    "  url=$(tail -n +$((skip + 1)) logs/reward-server.log | grep -o 'http://[^ ]*/v1/rewards' | head -n 1 || true)",
    '  if [ -n "$url" ]; then break; fi',
    '  kill -0 "$reward_pid" 2>/dev/null || { echo "codejudge: the reward server exited; see logs/reward-server.log" >&2; exit 1; }',
    "  sleep 0.1",
    "done",
    '[ -n "$url" ] || { echo "codejudge: the reward server did not start within 120 s" >&2; exit 1; }',
    'echo "codejudge: reward server $url" >&2',
    // The URL changes with each attempt, so it is passed on the command line, not in config.json.
    'reward_args=(--reward-url "$url")',
  ];
}

export function renderJob(input: RenderInput): RenderedJob {
  const q = shellQuote;
  const configPath = join(input.jobDir, "config.json");
  writeFileSync(configPath, `${JSON.stringify(input.packageConfig, null, 2)}\n`);
  const env = {
    PYTHONPATH: [PACKAGE_DIR, process.env.PYTHONPATH].filter(Boolean).join(":"),
    CODEJUDGE_JOB_ID: input.jobId,
    CODEJUDGE_JOB_DIR: input.jobDir,
    PYTHONUNBUFFERED: "1",
  };
  const lines = [
    "#!/bin/bash",
    `# Job ${input.jobId} (${input.algo}), rendered by bun run train.`,
    "set -euo pipefail",
    `cd ${q(input.jobDir)}`,
    "mkdir -p logs",
    // $CODEJUDGE_LAUNCH: the interpreter, or torchrun for several GPUs (set by the launcher).
    "reward_args=()",
    ...(input.rewardServer ? rewardServerLines(input.rewardServer.problems, input.rewardServer.schemas) : []),
    `\${CODEJUDGE_LAUNCH:-${q(input.python)}} ${input.argv.map(q).join(" ")} "\${reward_args[@]}"`,
    "",
  ];
  const script = join(input.jobDir, "run.sh");
  writeFileSync(script, lines.join("\n"), { mode: 0o755 });
  const versions = { harness: harnessVersion(), codejudge_train: packageVersion(), bun: Bun.version, git_sha: input.gitSha };
  const command = { argv: [input.python, ...input.argv], env, resources: input.resources, reward_server: input.rewardServer !== undefined };
  writeFileSync(join(input.jobDir, "job.json"), `${JSON.stringify({ job_id: input.jobId, algo: input.algo, command, versions }, null, 2)}\n`);
  return { script, configPath, env, versions, command };
}

/** The package's view of the config: the harness-only keys dropped, data pointing at the exported files. */
export function packageConfigOf(config: TrainConfig, train: string, rewardUrl: string | undefined, evalPrompts?: string): Record<string, unknown> {
  const { launcher: _launcher, python: _python, eval: evalConfig, data, reward, ...rest } = config;
  const packageData: Record<string, unknown> = { train };
  if (data.eval) packageData.eval = data.eval;
  const packageReward = reward || rewardUrl ? { ...reward, ...(rewardUrl ? { url: rewardUrl } : {}) } : undefined;
  // The package checkpoints at every evaluation step; the harness does the evaluating.
  const evalEvery = evalConfig?.every_steps ? { eval_every: evalConfig.every_steps } : {};
  // The job samples its own policy at those steps (on its own device); the harness judges the files.
  const packageEval = evalConfig && evalPrompts ? { eval: { prompts: evalPrompts, n: evalConfig.samples, max_new_tokens: evalConfig.max_new_tokens, temperature: evalConfig.temperature, initial: evalConfig.initial } } : {};
  return { ...rest, ...evalEvery, ...packageEval, data: packageData, ...(packageReward ? { reward: packageReward } : {}) };
}
