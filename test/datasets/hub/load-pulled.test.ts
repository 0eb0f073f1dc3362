import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { parquetWriteBuffer } from "hyparquet-writer";
import { loadHubDataset } from "../../../datasets/hub/load-pulled.ts";
import { pullDataset } from "../../../datasets/hub/pull.ts";
import { readHubSettings } from "../../../datasets/hub/settings.ts";
import { sha256File } from "../../../datasets/sha256.ts";
import { DatasetError } from "../../../datasets/types.ts";
import { startHubServer } from "../../support/hub-server.ts";
import { toJsonl, useTempDir } from "../temp-files.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const { dir } = useTempDir();
const server = startHubServer();
afterAll(() => server.stop());
const HUMANEVAL = HUMANEVAL_GZ;
const row = (id: string) => ({ id, statement: `Print ${id}.`, tests: [{ input: "", output: id }] });

describe("loadHubDataset", () => {
  test("loads every shard of a pulled split with the id, pinned sha and sha256 a run records", async () => {
    const cacheDir = join(dir, "a");
    const sha = server.commit("acme/shards", {
      "data/train-00000-of-00002.jsonl": toJsonl([row("a"), row("b")]),
      "data/train-00001-of-00002.jsonl": toJsonl([row("c")]),
      "data/test-00000-of-00001.jsonl": toJsonl([row("t")]),
    });
    const pulled = await pullDataset({ repoId: "acme/shards" }, readHubSettings({}, { endpoint: server.url, cacheDir }));
    const train = await loadHubDataset("hf:acme/shards@main?split=train", { cacheDir });
    expect(train.problems.map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(train.format).toBe("canonical");
    expect(train.datasetId).toBe("hf:acme/shards?split=train");
    expect(train.revision).toBe(sha);
    expect(train.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(train.sha256).not.toBe(pulled.datasetSha256);
    // A single file's dataset hash is the file's own hash, as for a local dataset file.
    const test1 = await loadHubDataset("hf:acme/shards?split=test", { cacheDir });
    expect(test1.sha256).toBe(await sha256File(test1.pulled.files[0]!.localPath));
  });

  test("a problem id repeated across shards is a DatasetError naming both files", async () => {
    const cacheDir = join(dir, "b");
    server.commit("acme/dupes", { "data/train-0.jsonl": toJsonl([row("a")]), "data/train-1.jsonl": toJsonl([row("a")]) });
    await pullDataset({ repoId: "acme/dupes" }, readHubSettings({}, { endpoint: server.url, cacheDir }));
    const err = await loadHubDataset("hf:acme/dupes", { cacheDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toContain("duplicate problem id 'a'");
    expect((err as Error).message).toContain("train-0.jsonl");
    expect((err as Error).message).toContain("train-1.jsonl");
  });
});

describe("a Hub dataset in Parquet", () => {
  test("HumanEval rows as {config}/{split}-00000-of-00001.parquet pull and load as HumanEval problems", async () => {
    const rows = gunzipSync(readFileSync(HUMANEVAL)).toString("utf8").trim().split("\n").slice(0, 20).map((l) => JSON.parse(l) as Record<string, string>);
    const columns = ["task_id", "prompt", "canonical_solution", "test", "entry_point"];
    const parquet = parquetWriteBuffer({ columnData: columns.map((name) => ({ name, data: rows.map((r) => r[name]), type: "STRING" as const })) });
    const cacheDir = join(dir, "pq");
    server.commit("openai/openai_humaneval", {
      "README.md": "# HumanEval\n",
      "openai_humaneval/test-00000-of-00001.parquet": new Uint8Array(parquet),
    });
    await pullDataset({ repoId: "openai/openai_humaneval", config: "openai_humaneval", split: "test" }, readHubSettings({}, { endpoint: server.url, cacheDir }));
    const d = await loadHubDataset("hf:openai/openai_humaneval?config=openai_humaneval&split=test", { cacheDir });
    expect(d.format).toBe("humaneval");
    expect(d.problems.map((p) => p.id)).toEqual(rows.map((r) => r.task_id as string));
    expect(d.problems[0]!.entry_point).toBe(rows[0]!.entry_point);
  });
});
