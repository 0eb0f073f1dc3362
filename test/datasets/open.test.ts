import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { pullDataset } from "../../datasets/hub/pull.ts";
import { readHubSettings } from "../../datasets/hub/settings.ts";
import { openDataset } from "../../datasets/open.ts";
import { sha256File } from "../../datasets/sha256.ts";
import { HUMANEVAL_GZ } from "../support/real-data.ts";
import { startHubServer } from "../support/hub-server.ts";
import { type ColumnSpec, writeParquet, writeSaveToDisk } from "./columnar-fixtures.ts";
import { catchDatasetError, toJsonl, useTempDir } from "./temp-files.ts";

const { dir, write } = useTempDir();
const hub = startHubServer();
afterAll(() => hub.stop());

const row = (id: string) => ({ id, statement: `Print ${id}.`, tests: [{ input: "", output: id }] });
const spec: ColumnSpec = { id: "string", statement: "string", tests: { list: { struct: { input: "string", output: "string" } } } };

describe("openDataset", () => {
  test("opens a local JSONL file with its basename as id, its own sha256 and no revision", async () => {
    const path = write("puzzles.jsonl", toJsonl([row("a"), row("b")]));
    const d = await openDataset(path);
    expect(d).toMatchObject({ source: path, datasetId: "puzzles", format: "canonical", revision: null, invalid: 0 });
    expect(d.problems.map((p) => p.id)).toEqual(["a", "b"]);
    expect(d.sha256).toBe(await sha256File(path));
  });

  test("opens a published format in a gzipped file (HumanEval) and a Parquet file", async () => {
    const he = await openDataset(HUMANEVAL_GZ);
    expect(he.format).toBe("humaneval");
    expect(he.problems).toHaveLength(164);
    const pq = await openDataset(writeParquet(join(dir, "rows.parquet"), spec, [row("x"), row("y")]));
    expect(pq.problems.map((p) => p.id)).toEqual(["x", "y"]);
  });

  test("opens a save_to_disk folder, its shards in order", async () => {
    const folder = writeSaveToDisk(join(dir, "saved"), spec, [[row("p1")], [row("p2"), row("p3")]]);
    const d = await openDataset(folder);
    expect(d.problems.map((p) => p.id)).toEqual(["p1", "p2", "p3"]);
    expect(d.datasetId).toBe("saved");
  });

  test("opens a pulled hf: dataset from the cache with its pinned commit as revision", async () => {
    const cacheDir = join(dir, "hub");
    const sha = hub.commit("acme/open", { "data/train-00000-of-00001.jsonl": toJsonl([row("h1"), row("h2")]) });
    await pullDataset({ repoId: "acme/open" }, readHubSettings({}, { endpoint: hub.url, cacheDir }));
    const d = await openDataset("hf:acme/open", { hubCache: cacheDir });
    expect(d).toMatchObject({ source: "hf:acme/open", revision: sha, format: "canonical" });
    expect(d.problems.map((p) => p.id)).toEqual(["h1", "h2"]);
  });

  test("a file that does not exist is a DatasetError naming it", async () => {
    const err = await catchDatasetError(() => openDataset(join(dir, "nope.jsonl")));
    expect(err.message).toContain("nope.jsonl");
  });
});
