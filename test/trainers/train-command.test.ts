/**
 * `bun run train` and `bun run jobs` as a user runs them: real processes, the local launcher, the
 * real training package under Debian's python3 (torch), the live harness reward server, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../support/cli.ts";

const PYTHON = process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3";
const ENV = { CODEJUDGE_PYTHON: PYTHON };

let root = "";
let db = "";
let jobsDir = "";

interface ShownJob {
  state: string;
  exit_code: number | null;
  last_step: number | null;
  metrics_rows: number;
  last_metrics: Record<string, unknown> | null;
  logs: { stdout: string; stderr: string };
  metrics_path: string;
  checkpoint_dir: string;
  history: { state: string }[];
  versions: Record<string, unknown>;
}

async function show(id: string): Promise<ShownJob> {
  return parseOneJson<ShownJob>(await runCli(["jobs", "show", id, "--db", db, "--json"], { env: ENV }));
}

/** Polls `jobs show` (which refreshes the state and ingests metrics) until `done` holds. */
async function waitFor(id: string, done: (j: ShownJob) => boolean): Promise<ShownJob> {
  for (;;) {
    const j = await show(id);
    if (done(j)) return j;
    await Bun.sleep(500);
  }
}

let grpoJob = "";

const finished = (j: ShownJob) => ["completed", "failed", "cancelled"].includes(j.state);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "train-command-"));
  db = join(root, "harness.db");
  jobsDir = join(root, "jobs");
  // Two answer-mode problems: the reward server judges them without a sandbox, and their prompts are short.
  writeFileSync(
    join(root, "problems.jsonl"),
    [
      { id: "toy/seven", statement: "Answer with the number 7.", mode: "answer", answer: "7" },
      { id: "toy/three", statement: "Answer with the number 3.", mode: "answer", answer: "3" },
    ].map((p) => JSON.stringify(p)).join("\n") + "\n",
  );
  writeFileSync(
    join(root, "sft.jsonl"),
    Array.from({ length: 8 }, (_, i) => JSON.stringify({ prompt: `<|user|>\nPrint ${i}.\n<|assistant|>\n`, completion: `\`\`\`python\nprint(${i})\n\`\`\`` })).join("\n") + "\n",
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("bun run train", () => {
  test("a config with a misspelt key is refused with exit 2, naming the key, and nothing is recorded", async () => {
    const config = join(root, "typo.yaml");
    writeFileSync(config, "model: {name: tiny}\ndata: {dataset: problems.jsonl}\ngrpo:\n  num_generation: 4\n");
    const r = await runCli(["train", "grpo-tinylora", "--config", config, "--db", db, "--jobs-dir", jobsDir], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${config}:4: grpo.num_generation: unknown key`);
    expect(existsSync(db)).toBe(false);
  });

  test("an unknown algorithm is refused with exit 2 and the known ones", async () => {
    const r = await runCli(["train", "dpo", "--config", join(root, "typo.yaml"), "--db", db, "--json"], { env: ENV });
    expect(r.code).toBe(2);
    expect(parseOneJson<{ error: { message: string } }>(r).error.message).toContain("known: sft-reweight, grpo-tinylora, ppo");
  });

  test("a local job whose interpreter cannot run the package is refused before launch, and nothing is recorded", async () => {
    const config = join(root, "nopython.yaml");
    writeFileSync(config, "model: {name: tiny}\ndata: {train: sft.jsonl}\npython: /nonexistent/python3\n");
    const r = await runCli(["train", "sft-reweight", "--config", config, "--db", db, "--jobs-dir", jobsDir], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('python "/nonexistent/python3" cannot run the training package');
    expect(existsSync(db)).toBe(false);
  });

  test("--dry-run renders the job folder (data, config, run.sh with the reward server) without launching or recording it", async () => {
    const config = join(root, "dry.yaml");
    writeFileSync(config, "model: {name: tiny}\ndata: {dataset: problems.jsonl}\nmax_steps: 2\n");
    const r = parseOneJson<{ job_dir: string; dry_run: boolean; data: { records: number; problems: string }; command: { argv: string[]; reward_server: boolean } }>(
      await runCli(["train", "grpo-tinylora", "--config", config, "--dry-run", "--json", "--db", db, "--jobs-dir", jobsDir], { env: ENV }),
    );
    expect(r.dry_run).toBe(true);
    expect(r.data.records).toBe(2);
    expect(r.command.reward_server).toBe(true);
    expect(r.command.argv).toEqual([PYTHON, "-m", "codejudge_train", "train", "--algo", "grpo-tinylora", "--config", join(r.job_dir, "config.json"), "--job-dir", r.job_dir]);
    expect(readFileSync(join(r.job_dir, "run.sh"), "utf8")).toContain("serve --rewards --host 127.0.0.1 --port 0 --dataset");
    const prompts = readFileSync(join(r.job_dir, "data", "prompts.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(prompts[0]).toEqual({ prompt: "<|user|>\nAnswer with the number 7.\n<|assistant|>\n", problem_id: "toy/seven" });
    expect(JSON.parse(readFileSync(join(r.job_dir, "job.json"), "utf8")).versions).toMatchObject({ codejudge_train: expect.any(String), harness: expect.any(String) });
    expect(existsSync(db)).toBe(false);
  });

  test("grpo-tinylora on the local launcher trains against the live reward server; the job completes and its metrics are in the store", async () => {
    const config = join(root, "grpo.yaml");
    writeFileSync(
      config,
      [
        "model: {name: tiny}",
        "data: {dataset: problems.jsonl}",
        "max_steps: 3",
        "save_every: 1",
        "tinylora: {r: 2, u: 8}",
        "optim: {lr: 0.05, schedule: constant}",
        "reward: {schema: binary, timeout_s: 60}",
        "grpo: {num_generations: 4, prompts_per_step: 2, max_completion_length: 4}",
      ].join("\n"),
    );
    const started = await runCli(["train", "grpo-tinylora", "--config", config, "--launcher", "local", "--json", "--db", db, "--jobs-dir", jobsDir], { env: ENV });
    const { job_id } = parseOneJson<{ job_id: string }>(started);
    grpoJob = job_id;
    const job = await waitFor(job_id, finished);
    expect(job.state).toBe("completed");
    expect(job.exit_code).toBe(0);
    expect(job.metrics_rows).toBe(3);
    expect(job.last_step).toBe(3);
    // Rewards came from the harness server (not a stand-in), with no infrastructure errors.
    expect(job.last_metrics).toMatchObject({ step: 3, reward_source: "server", reward_infra_errors: 0 });
    expect(job.history.map((h) => h.state)).toEqual(["pending", "running", "completed"]);
    expect(readFileSync(join(job.logs.stderr), "utf8")).toMatch(/codejudge: reward server http:\/\/127\.0\.0\.1:\d+\/v1\/rewards/);
    expect(existsSync(join(job.checkpoint_dir, "latest"))).toBe(true);
    const listed = parseOneJson<{ jobs: { job_id: string; state: string }[] }>(await runCli(["jobs", "list", "--db", db, "--json"], { env: ENV }));
    expect(listed.jobs).toContainEqual(expect.objectContaining({ job_id, state: "completed" }));
  });

  test("jobs eval judges each checkpoint into a run named after the job and step, and marks the best by pass@1", async () => {
    const r = await runCli(["jobs", "eval", grpoJob, "--n", "2", "--max-new-tokens", "4", "--db", db, "--json"], { env: ENV });
    const { evals } = parseOneJson<{ evals: { step: number; run_id: number; run_name: string; pass1: number; best: boolean }[] }>(r);
    expect(evals.map((e) => e.step)).toEqual([1, 2, 3]);
    expect(evals.map((e) => e.run_name)).toEqual([1, 2, 3].map((s) => `${grpoJob}@step-${s}`));
    const best = evals.filter((e) => e.best);
    expect(best).toHaveLength(1);
    expect(best[0]!.pass1).toBe(Math.max(...evals.map((e) => e.pass1)));
    const job = await show(grpoJob);
    expect(readFileSync(join(job.checkpoint_dir, "best"), "utf8").trim()).toBe(`step-${String(best[0]!.step).padStart(6, "0")}`);
    // Ordinary runs: the leaderboard lists them.
    const board = (await runCli(["leaderboard", "--db", db, "--json"])).stdout;
    for (const e of evals) expect(board).toContain(e.run_name);
  });

  test("the job's watcher brings its state and metrics into the store while it runs, with no jobs command", async () => {
    const config = join(root, "watched.yaml");
    writeFileSync(config, "model: {name: tiny}\ndata: {train: sft.jsonl}\nmax_steps: 20\nsft: {batch_size: 4}\n");
    const { job_id } = parseOneJson<{ job_id: string }>(await runCli(["train", "sft-reweight", "--config", config, "--json", "--db", db, "--jobs-dir", jobsDir], { env: ENV }));
    const reader = new Database(db, { readonly: true });
    try {
      for (;;) {
        const row = reader.query("SELECT state, last_step FROM jobs WHERE id = ?").get(job_id) as { state: string; last_step: number | null };
        if (row.state === "completed") {
          expect(row.last_step).toBe(20);
          break;
        }
        expect(["pending", "running"]).toContain(row.state);
        await Bun.sleep(300);
      }
      expect(reader.query("SELECT count(*) AS n FROM job_metrics WHERE job_id = ?").get(job_id)).toEqual({ n: 20 });
    } finally {
      reader.close();
    }
  });

  test("a cancelled sft-reweight job is resumed from its checkpoint and completes every step", async () => {
    const config = join(root, "sft.yaml");
    writeFileSync(config, "model: {name: tiny}\ndata: {train: sft.jsonl}\nmax_steps: 100\nsave_every: 2\nsft: {batch_size: 4}\n");
    const { job_id } = parseOneJson<{ job_id: string }>(await runCli(["train", "sft-reweight", "--config", config, "--json", "--db", db, "--jobs-dir", jobsDir], { env: ENV }));
    await waitFor(job_id, (j) => (j.last_step ?? 0) >= 4 || finished(j));
    const cancelled = await runCli(["jobs", "cancel", job_id, "--db", db, "--json"], { env: ENV });
    expect(parseOneJson(cancelled)).toEqual({ job_id, state: "cancelled" });
    const stopped = await show(job_id);
    expect(stopped.state).toBe("cancelled");
    const resumed = parseOneJson<{ state: string }>(await runCli(["jobs", "resume", job_id, "--db", db, "--json"], { env: ENV }));
    expect(["pending", "running", "completed"]).toContain(resumed.state);
    const done = await waitFor(job_id, finished);
    expect(done).toMatchObject({ state: "completed", exit_code: 0, last_step: 100, metrics_rows: 100 });
    expect(done.history.map((h) => h.state)).toEqual(["pending", "running", "cancelled", "pending", "running", "completed"]);
    // The second attempt continued from a checkpoint: every step is in the metrics, and step 1 was trained once.
    const steps = readFileSync(done.metrics_path, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { step: number }).step);
    expect(new Set(steps).size).toBe(100);
    expect(steps.filter((s) => s === 1)).toHaveLength(1);
    const logs = await runCli(["jobs", "logs", job_id, "--db", db], { env: ENV });
    expect(logs.stdout).toContain('"status": "completed"');
  });
});
