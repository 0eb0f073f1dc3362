/**
 * Evaluation and reward-server statistics as part of a job: `bun run train` with an `eval:` section
 * on the tiny CPU model, the local launcher, the job's own reward server and real SQLite. The job
 * samples its policy before training (step 0), every `eval.every_steps` and at the end; the harness
 * judges each into an ordinary run linked to the job; the server's statistics reach the store and the job page.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReportApp } from "../../reports/app.ts";
import { dueCheckpoints } from "../../trainers/evaluate.ts";
import { attrsOf, textsOf } from "../reports/support/html.ts";
import { parseOneJson, runCli } from "../support/cli.ts";

const ENV = { CODEJUDGE_PYTHON: process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3" };
let root = "";

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "job-evaluation-"));
  writeFileSync(
    join(root, "problems.jsonl"),
    [
      { id: "toy/seven", statement: "Answer with the number 7.", mode: "answer", answer: "7" },
      { id: "toy/three", statement: "Answer with the number 3.", mode: "answer", answer: "3" },
    ].map((p) => JSON.stringify(p)).join("\n") + "\n",
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("evaluation during a job", () => {
  test("the checkpoints due are the base policy, every N steps and the final one once the job has ended", () => {
    const all = [1, 2, 3, 4, 5].map((step) => ({ step, path: `step-${step}` }));
    expect(dueCheckpoints(all, { base: true, everySteps: 2 }, false).map((c) => c.step)).toEqual([0, 2, 4]);
    expect(dueCheckpoints(all, { base: true, everySteps: 2 }, true).map((c) => c.step)).toEqual([0, 2, 4, 5]);
    expect(dueCheckpoints(all, { base: false }, false).map((c) => c.step)).toEqual([1, 2, 3, 4, 5]);
    expect(dueCheckpoints([], { base: true }, false)).toEqual([{ step: 0, path: "base" }]);
  });

  test("a grpo-tinylora job with eval: judges the base policy, steps 2 and 4 and the final step 5 into runs, and its reward server's statistics reach the store and the job page", async () => {
    const config = join(root, "grpo.yaml");
    writeFileSync(
      config,
      [
        "model: {name: tiny}",
        "data: {dataset: problems.jsonl}",
        "max_steps: 5",
        "tinylora: {r: 2, u: 8}",
        "optim: {lr: 0.05, schedule: constant}",
        "reward: {schema: binary, timeout_s: 60}",
        "grpo: {num_generations: 4, prompts_per_step: 2, max_completion_length: 4}",
        "eval: {every_steps: 2, samples: 2, max_new_tokens: 4}",
      ].join("\n"),
    );
    const db = join(root, "harness.db");
    const started = await runCli(["train", "grpo-tinylora", "--config", config, "--json", "--db", db, "--jobs-dir", join(root, "jobs")], { env: ENV });
    const { job_id, job_dir } = parseOneJson<{ job_id: string; job_dir: string }>(started);
    // The job checkpoints at the evaluation steps though save_every is 0, and samples its policy there itself.
    expect(JSON.parse(readFileSync(join(job_dir, "config.json"), "utf8"))).toMatchObject({
      eval_every: 2,
      save_every: 0,
      eval: { prompts: join(job_dir, "eval", "prompts.jsonl"), n: 2, max_new_tokens: 4, initial: true },
    });
    const evalLog = join(job_dir, "logs", "eval.log");
    const reader = new Database(db, { readonly: true });
    try {
      // The detached evaluator and watcher keep the store current; nothing here runs a jobs command.
      for (;;) {
        const state = (reader.query("SELECT state FROM jobs WHERE id = ?").get(job_id) as { state: string }).state;
        const evals = (reader.query("SELECT count(*) AS n FROM job_evals WHERE job_id = ?").get(job_id) as { n: number }).n;
        if (state === "completed" && evals === 4) break;
        expect(["pending", "running", "completed"]).toContain(state);
        if (existsSync(evalLog)) expect(readFileSync(evalLog, "utf8")).not.toMatch(/error/i);
        await Bun.sleep(500);
      }
    } finally {
      reader.close();
    }
    const shown = parseOneJson<{ evals: { step: number; run_id: number; checkpoint: string; best: boolean }[]; reward_stats: Record<string, unknown> }>(
      await runCli(["jobs", "show", job_id, "--db", db, "--json"], { env: ENV }),
    );
    expect(shown.evals.map((e) => e.step)).toEqual([0, 2, 4, 5]);
    expect(shown.evals[0]!.checkpoint).toBe("base");
    // The samples came from the job's own process (the policy in memory at each step): 2 problems × 2.
    for (const step of [0, 2, 4, 5]) {
      const rows = readFileSync(join(job_dir, "eval", `samples-step-${step}.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { model: string });
      expect(rows.map((r) => r.model)).toEqual(Array(4).fill(`codejudge_train:${job_id}/step-${String(step).padStart(6, "0")}`));
    }
    expect(shown.evals.filter((e) => e.best)).toHaveLength(1);
    // The judged set is the one the job sampled on: another validation set is refused, naming why.
    const refused = await runCli(["jobs", "eval", job_id, "--dataset", join(root, "problems.jsonl"), "--db", db], { env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--dataset does not apply");
    const board = (await runCli(["leaderboard", "--db", db, "--json"])).stdout;
    for (const step of [0, 2, 4, 5]) expect(board).toContain(`${job_id}@step-${step}`);
    // 5 steps × 2 prompts × 4 generations scored by the job's own server, none lost to the infrastructure.
    expect(shown.reward_stats).toMatchObject({ items: 40, ok: 40, timeouts: 0, infra_errors: 0 });
    expect((shown.reward_stats.latency_ms as { p50: number } | null)?.p50).toBeGreaterThanOrEqual(0);
    const viewer = buildReportApp({ dbPath: db });
    try {
      const html = await (await viewer.app.request(`/jobs/${job_id}`)).text();
      expect(html).toContain("Reward server");
      expect(html).toMatch(/infra errors<\/th>\s*<td>0<\/td>/);
      expect(html).toContain(`${job_id}@step-0`);
      // pass@1 across the checkpoints as a chart: one point per evaluation, placed by step, linked to its run.
      const evalsDb = new Database(db, { readonly: true });
      const evals = evalsDb.query("SELECT step, run_id AS runId, pass1, best FROM job_evals WHERE job_id = ? ORDER BY step").all(job_id) as {
        step: number;
        runId: number;
        pass1: number | null;
        best: number;
      }[];
      evalsDb.close();
      expect(evals.map((e) => e.step)).toEqual([0, 2, 4, 5]);
      expect(attrsOf(html, "svg.series a.run-point", "href")).toEqual(evals.filter((e) => e.pass1 !== null).map((e) => `/runs/${e.runId}`));
      expect(textsOf(html, "svg.series circle title")).toEqual(
        evals.filter((e) => e.pass1 !== null).map((e) => `step ${e.step}: pass@1 ${e.pass1!.toFixed(3)}${e.best ? " (best)" : ""}`),
      );
      const xs = attrsOf(html, "svg.series circle", "cx").map(Number);
      // Steps 0, 2, 4, 5: the gaps between points follow the steps, not the points' order.
      const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
      expect(gaps[0]! / gaps[2]!).toBeCloseTo(2, 5);
      expect(textsOf(html, "svg.series text.value").slice(-2)).toEqual(["step 0", "step 5"]);
    } finally {
      viewer.close();
    }
  });
});
