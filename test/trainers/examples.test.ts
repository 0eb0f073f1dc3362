/**
 * The CPU example configs themselves (trainers/examples/{sft-reweight,grpo-tinylora,ppo}.yaml), as a
 * user launches them, on this machine and on a real single-node Slurm: each algorithm's job completes
 * every step; the RL ones are scored by their own reward server.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { parseOneJson, REPO_ROOT, runCli } from "../support/cli.ts";
import { startSlurmCluster, type SlurmCluster } from "../support/slurm-cluster.ts";

const ENV = { CODEJUDGE_PYTHON: process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3" };
let cluster: SlurmCluster;
let root = "";

beforeAll(async () => {
  cluster = await startSlurmCluster();
  root = mkdtempSync(join(tmpdir(), "examples-slurm-"));
});

afterAll(async () => {
  await cluster.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Shown {
  job_dir: string;
  state: string;
  exit_code: number | null;
  launcher: string;
  metrics_rows: number;
  last_metrics: Record<string, unknown> | null;
  reward_stats: Record<string, unknown> | null;
}

async function runExamples(launcher: "local" | "slurm"): Promise<void> {
  const db = join(root, `${launcher}.db`);
  const algos = ["sft-reweight", "grpo-tinylora", "ppo"] as const;
  const ids: Record<string, string> = {};
  for (const algo of algos) {
    const config = join(REPO_ROOT, "trainers", "examples", `${algo}.yaml`);
    const started = parseOneJson<{ job_id: string; launcher: string }>(
      await runCli(["train", algo, "--config", config, "--launcher", launcher, "--json", "--db", db, "--jobs-dir", join(root, "jobs"), "--no-watch"], { env: ENV }),
    );
    expect(started.launcher).toBe(launcher);
    ids[algo] = started.job_id;
  }
  for (const algo of algos) {
    let job: Shown;
    for (;;) {
      job = parseOneJson<Shown>(await runCli(["jobs", "show", ids[algo]!, "--db", db, "--json"], { env: ENV }));
      if (["completed", "failed", "cancelled"].includes(job.state)) break;
      await Bun.sleep(1000);
    }
    const steps = (parse(readFileSync(join(REPO_ROOT, "trainers", "examples", `${algo}.yaml`), "utf8")) as { max_steps: number }).max_steps;
    expect({ algo, state: job.state, exit_code: job.exit_code, rows: job.metrics_rows }).toEqual({ algo, state: "completed", exit_code: 0, rows: steps });
    if (algo !== "sft-reweight") {
      // The job's own server scored every completion: its statistics say how many, none lost.
      expect(job.reward_stats).toMatchObject({ infra_errors: 0, timeouts: 0 });
      expect(job.reward_stats!.items as number).toBeGreaterThan(0);
      expect(job.last_metrics).toMatchObject({ reward_null_frac: 0 });
    }
    // The GRPO example has an eval: section: the job sampled its policy before training, at 4 and at 8.
    if (algo === "grpo-tinylora") expect(readdirSync(join(job.job_dir, "eval")).filter((f) => f.startsWith("samples-")).sort()).toEqual(["samples-step-0.jsonl", "samples-step-4.jsonl", "samples-step-8.jsonl"]);
  }
}

test("each algorithm's CPU example config completes every step on the local launcher", () => runExamples("local"));

test("each algorithm's CPU example config, submitted with --launcher slurm, completes every step on the node", () => runExamples("slurm"));
