/**
 * `bun run train --launcher slurm` on a real single-node Slurm: the job's batch script starts the
 * reward server and the training package on the node; `jobs show` follows it through scontrol.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../support/cli.ts";
import { startSlurmCluster, type SlurmCluster } from "../support/slurm-cluster.ts";

const ENV = { CODEJUDGE_PYTHON: process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3" };
let cluster: SlurmCluster;
let root = "";

beforeAll(async () => {
  cluster = await startSlurmCluster();
  root = mkdtempSync(join(tmpdir(), "train-slurm-"));
});

afterAll(async () => {
  await cluster.stop();
  rmSync(root, { recursive: true, force: true });
});

test("a grpo-tinylora job submitted to Slurm trains against its own reward server and completes", async () => {
  writeFileSync(join(root, "problems.jsonl"), `${JSON.stringify({ id: "toy/seven", statement: "Answer with the number 7.", mode: "answer", answer: "7" })}\n`);
  const config = join(root, "grpo.yaml");
  writeFileSync(
    config,
    [
      "model: {name: tiny}",
      "data: {dataset: problems.jsonl}",
      "max_steps: 2",
      "save_every: 1",
      "grpo: {num_generations: 2, prompts_per_step: 1, max_completion_length: 4}",
      "launcher:",
      "  type: slurm",
      "  resources: {nodes: 1, gpus_per_node: 0, cpus_per_task: 1, mem: 500M, time: '00:10:00', partition: debug}",
    ].join("\n"),
  );
  const db = join(root, "harness.db");
  const started = parseOneJson<{ job_id: string; launcher: string; launcher_id: string; job_dir: string }>(
    await runCli(["train", "grpo-tinylora", "--config", config, "--json", "--db", db, "--jobs-dir", join(root, "jobs")], { env: ENV }),
  );
  expect(started.launcher).toBe("slurm");
  expect(started.launcher_id).toMatch(/^\d+$/);
  const sbatch = readFileSync(join(started.job_dir, "sbatch.sh"), "utf8");
  expect(sbatch).toContain("#SBATCH --mem=500M\n");
  expect(sbatch).toContain("#SBATCH --time=00:10:00\n");
  let job: { state: string; exit_code: number | null; metrics_rows: number; last_metrics: Record<string, unknown> | null };
  for (;;) {
    job = parseOneJson(await runCli(["jobs", "show", started.job_id, "--db", db, "--json"], { env: ENV }));
    if (["completed", "failed", "cancelled"].includes(job.state)) break;
    await Bun.sleep(500);
  }
  expect(job).toMatchObject({ state: "completed", exit_code: 0, metrics_rows: 2 });
  expect(job.last_metrics).toMatchObject({ reward_source: "server", reward_infra_errors: 0 });
});
