import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { loadAll } from "../../../datasets/load.ts";
import { startHubServer } from "../../support/hub-server.ts";
import { toJsonl, useTempDir } from "../../datasets/temp-files.ts";
import { HUMANEVAL_GZ, RLLM_LEETCODE_GZ } from "../../support/real-data.ts";

const ENTRY = join(import.meta.dir, "../../../harness/cli/main.ts");
const HUMANEVAL = HUMANEVAL_GZ;
// Six real rllm rows, four of them interactive without an interactor (see test/datasets/fixtures/rllm-interactive.README.md).
const INTERACTIVE = join(import.meta.dir, "../../datasets/fixtures/rllm-interactive.jsonl");
const { dir, write } = useTempDir();
const hub = startHubServer({ token: "hf_cli" });
afterAll(() => hub.stop());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function datasets(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const proc = Bun.spawn(["bun", ENTRY, "datasets", ...args], {
    // The judge's compile cache (.harness/cache) lands in the scratch folder, not the checkout.
    cwd: dir,
    env: { ...process.env, HF_ENDPOINT: hub.url, HF_TOKEN: "hf_cli", HARNESS_HUB_CACHE: join(dir, "hub"), ...env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}
const json = <T = Record<string, unknown>>(r: Run): T => {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

const row = (id: string, source: string, tests: number) => ({
  id,
  statement: `Problem ${id}: print the answer for case ${id}.`,
  source,
  tests: Array.from({ length: tests }, (_, i) => ({ input: `${i}\n`, output: `${i}\n` })),
});
const sha = hub.commit("acme/cli", {
  "data/train-00000-of-00001.jsonl": toJsonl([row("a", "codeforces", 3), row("b", "atcoder", 1), row("c", "codeforces", 7)]),
  "data/test-00000-of-00001.jsonl": toJsonl([row("t", "codeforces", 2)]),
});

describe("bun run datasets pull", () => {
  test("pulls with HF_ENDPOINT and HF_TOKEN and prints the pinned files as JSON", async () => {
    const out = json<{ sha: string; online: boolean; files: { path: string; sha256: string; status: string }[] }>(
      await datasets(["pull", "acme/cli", "--split", "train", "--json"]),
    );
    expect(out.sha).toBe(sha);
    expect(out.online).toBe(true);
    expect(out.files.map((f) => [f.path, f.status])).toEqual([["data/train-00000-of-00001.jsonl", "downloaded"]]);
  });

  test("offline, a split that was never pulled fails naming the missing file", async () => {
    const r = await datasets(["pull", "acme/cli", "--split", "test"], { HF_HUB_OFFLINE: "1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error (missing_files)");
    expect(r.stderr).toContain("data/test-00000-of-00001.jsonl");
  });

  test("offline --verify catches a corrupted cached file", async () => {
    const cache = join(dir, "verify-cache");
    json(await datasets(["pull", "acme/cli", "--split", "test", "--cache", cache, "--json"]));
    const file = join(cache, "datasets", "acme--cli", "snapshots", sha, "files", "data", "test-00000-of-00001.jsonl");
    writeFileSync(file, readFileSync(file, "utf8").replace("case t", "case u"));
    const r = await datasets(["pull", "acme/cli", "--split", "test", "--cache", cache, "--offline", "--verify"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error (integrity)");
    expect(r.stderr).toContain("data/test-00000-of-00001.jsonl");
  });
});

describe("bun run datasets on prepared data", () => {
  test("inspect reads a pulled hf: dataset from the cache", async () => {
    const out = json<{ problems: number; revision: string; sources: Record<string, number>; tests: { max: number } }>(
      await datasets(["inspect", "hf:acme/cli?split=train", "--json"]),
    );
    expect(out.problems).toBe(3);
    expect(out.revision).toBe(sha);
    expect(out.sources).toEqual({ codeforces: 2, atcoder: 1 });
    expect(out.tests.max).toBe(7);
  });

  test("filter writes the kept problems as canonical JSONL", async () => {
    const path = join(dir, "filtered.jsonl");
    const out = json(await datasets(["filter", "hf:acme/cli?split=train", "--source", "codeforces", "--min-tests", "5", "--out", path, "--json"]));
    expect(out).toMatchObject({ input: 3, kept: 1, dropped: { source: 1, tests: 1 } });
    expect((await loadAll({ path })).problems.map((p) => p.id)).toEqual(["c"]);
  });

  test("decontaminate drops a HumanEval prompt planted in a training file and writes the report", async () => {
    const he = (await loadAll({ path: HUMANEVAL })).problems;
    const train = write("train.jsonl", toJsonl([row("x", "codeforces", 1), { ...row("leak", "codeforces", 1), statement: he[5]!.statement }]));
    const out = join(dir, "clean.jsonl");
    const report = join(dir, "contamination.json");
    const doc = json(await datasets(["decontaminate", train, "--against", HUMANEVAL, "--out", out, "--report", report, "--json"]));
    expect(doc).toMatchObject({ kept: 1, dropped: 1, pairs: 1 });
    expect((await loadAll({ path: out })).problems.map((p) => p.id)).toEqual(["x"]);
    const r = JSON.parse(readFileSync(report, "utf8"));
    expect(r.pairs[0]).toMatchObject({ train_id: "leak", eval_id: he[5]!.id, eval_set: "HumanEval" });
  });

  test("a threshold outside (0, 1] is a usage error", async () => {
    const r = await datasets(["dedupe", "x.jsonl", "--out", "y.jsonl", "--minhash-threshold", "2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected a number in (0, 1]");
  });

  test("export --to verl writes a Parquet file verl can read", async () => {
    const out = join(dir, "train.parquet");
    json(await datasets(["export", "hf:acme/cli?split=train", "--to", "verl", "--out", out, "--json"]));
    const bytes = readFileSync(out);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows.map((r) => (r.extra_info as { problem_id: string }).problem_id)).toEqual(["a", "b", "c"]);
  });

  test("export --data-source names every row's data_source, also when the reader filled the source (rllm leetcode)", async () => {
    const out = join(dir, "leetcode.parquet");
    json(await datasets(["export", RLLM_LEETCODE_GZ, "--to", "verl", "--out", out, "--data-source", "leetcode", "--json"]));
    const bytes = readFileSync(out);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.data_source))).toEqual(new Set(["leetcode"]));
    // The source's prelude travels with the tests, so a judge-backed reward runs the solution after it.
    const truth = JSON.parse((rows[0]!.reward_model as { ground_truth: string }).ground_truth);
    expect(truth.prelude).toContain("from typing import List");
  });

  test("export leaves out the interactive problems no judge can decide (real rllm rows) and counts them", async () => {
    const out = join(dir, "interactive.jsonl");
    const report = json(await datasets(["export", INTERACTIVE, "--to", "trl", "--style", "prompt", "--out", out, "--json"]));
    expect(report).toMatchObject({ input: 6, written: 2, skipped: { unjudgeable: 4 } });
    const ids = readFileSync(out, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { problem_id: string }).problem_id);
    expect(ids).toEqual(["deepcoder/3", "deepcoder/6"]);
  });

  test("convert turns trajectories into SFT records and counts the dropped ones", async () => {
    const traj = write("traj.jsonl", toJsonl([{ prompt: "p", response: "```python\nprint(1)\n```" }, { prompt: "p", response: "no code" }]));
    const out = join(dir, "sft.jsonl");
    expect(json(await datasets(["convert", traj, "--out", out, "--json"]))).toMatchObject({ input: 2, kept: 1, dropped: { no_code_block: 1 } });
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(1);
  });

  test("filter-by-reward judges reference solutions in the local sandbox and reports the dropped ones", async () => {
    const he = (await loadAll({ path: HUMANEVAL })).problems.slice(0, 2);
    const rows = he.map((p, i) => ({
      id: p.id,
      statement: p.statement,
      mode: "function",
      test_code: p.test_code,
      solution_prefix: p.solution_prefix,
      entry_point: p.entry_point,
      languages: ["python"],
      solutions: i === 0 ? p.solutions : [{ language: "python", code: `${p.solution_prefix}    return []\n` }],
    }));
    const input = write("reward.jsonl", toJsonl(rows));
    const out = join(dir, "verified.jsonl");
    const report = join(dir, "reward-report.json");
    const r = await datasets(["filter-by-reward", input, "--solutions-from", "solutions", "--judge", "local", "--out", out, "--report", report, "--json"]);
    expect(json(r)).toMatchObject({ judged: 2, kept: 1, verdicts: { AC: 1, WA: 1 } });
    expect((await loadAll({ path: out })).problems.map((p) => p.id)).toEqual([he[0]!.id]);
    const rep = JSON.parse(readFileSync(report, "utf8"));
    expect(rep.dropped).toEqual([expect.objectContaining({ problem_id: he[1]!.id, verdict: "WA" })]);
  });
});
