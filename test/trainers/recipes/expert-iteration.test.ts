/**
 * The expert-iteration recipe (trainers/recipes/expert-iteration.sh) end to end on the package's tiny
 * CPU model: the generator samples, the real judge filters, sft-reweight trains on what passed, and a
 * second round samples from the trained checkpoint.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../support/cli.ts";

const work = mkdtempSync(join(tmpdir(), "expert-iteration-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SCRIPT = join(REPO_ROOT, "trainers", "recipes", "expert-iteration.sh");
const ENV = { ...process.env, PYTHON: process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3", DB: join(work, "harness.db") };

function runRound(dir: string, policy?: string): { state: string; last_step: number; job_dir: string; config: { data: { train: string } } } {
  const r = Bun.spawnSync([SCRIPT, dir, join(REPO_ROOT, "trainers", "examples", "data", "toy-answers.jsonl"), "32", ...(policy ? [policy] : [])], { env: ENV, stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`the recipe failed (exit ${r.exitCode}): ${r.stderr.toString().slice(-2000)}`);
  return JSON.parse(r.stdout.toString().trim().split("\n").at(-1)!);
}

const jsonl = (path: string) => readFileSync(path, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

test("one round of expert iteration keeps only judged-correct samples of the tiny model and trains sft-reweight on them; the next round samples from the trained checkpoint", () => {
  const first = runRound(join(work, "round-1"));
  const filtered = JSON.parse(readFileSync(join(work, "round-1", "filter.json"), "utf8")) as { judged: number; kept: number; verdicts: Record<string, number>; system_errors: number };
  // 8 toy problems × 32 samples, every one judged; what was kept is exactly what the judge accepted.
  expect(filtered.judged).toBe(256);
  expect(filtered.system_errors).toBe(0);
  expect(filtered.kept).toBeGreaterThan(0);
  expect(filtered.kept).toBe(filtered.verdicts.AC ?? -1);
  const kept = jsonl(join(work, "round-1", "kept.jsonl"));
  expect(kept).toHaveLength(filtered.kept);
  const answers = new Map(jsonl(join(REPO_ROOT, "trainers", "examples", "data", "toy-answers.jsonl")).map((p) => [p.id as string, p.answer as string]));
  for (const row of kept) {
    expect(row.prompt).toContain(`Answer with the number ${answers.get(row.problem_id as string)}.`);
    expect(row.completion).toContain(answers.get(row.problem_id as string)!);
  }
  expect(first).toMatchObject({ state: "completed", last_step: 4 });
  expect(first.config.data.train).toBe(join(work, "round-1", "kept.jsonl"));

  runRound(join(work, "round-2"), first.job_dir);
  const resampled = jsonl(join(work, "round-2", "samples.jsonl"));
  expect(resampled).toHaveLength(256);
  expect(new Set(resampled.map((s) => s.model))).toEqual(new Set([`codejudge_train:${first.job_dir.split("/").at(-1)}/step-000004`]));
});
