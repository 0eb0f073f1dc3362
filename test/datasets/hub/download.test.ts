import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { toJsonl } from "../temp-files.ts";
import { catchHubError, FILES, REPO, row, useHub } from "./hub-fixtures.ts";

const { server, settings, pull } = useHub();
const BIG = toJsonl(Array.from({ length: 50 }, (_, i) => row(`s${i}`)));

describe("downloads", () => {
  test("ask for the bytes as stored (Accept-Encoding: identity)", async () => {
    server.commit(REPO, FILES);
    await pull();
    const downloads = server.requests.filter((q) => q.kind === "resolve");
    expect(downloads).toHaveLength(3);
    expect(downloads.every((q) => q.acceptEncoding === "identity")).toBe(true);
  });

  test("a transfer that stalls is abandoned after the read timeout and resumed with Range", async () => {
    server.commit(REPO, { "data/train.jsonl": BIG });
    server.stallTransfers(300);
    const before = server.requests.length;
    const r = await pull({}, { ...settings(), retries: 1, downloadTimeoutMs: 200 });
    expect(readFileSync(r.files[0]!.localPath, "utf8")).toBe(BIG);
    expect(server.requests.slice(before).filter((q) => q.kind === "resolve").map((q) => q.range)).toEqual([null, "bytes=300-"]);
  });

  test("a transfer that keeps stalling fails the pull, saying it stalled, instead of hanging", async () => {
    server.commit(REPO, { "data/train.jsonl": BIG });
    server.stallTransfers(10, 5);
    const err = await catchHubError(() => pull({}, { ...settings(), retries: 1, downloadTimeoutMs: 200 }));
    expect(err.code).toBe("unreachable");
    expect(err.message).toContain("the transfer stalled (no data for 0.2 s)");
    expect(err.files).toEqual(["data/train.jsonl"]);
    server.stallTransfers(0, 0);
  });

  test("--split finds the partial-{split} folders of the Hub's parquet conversion", async () => {
    const converted = {
      "default/partial-train/0000.jsonl": toJsonl([row("a")]),
      "default/partial-train/0001.jsonl": toJsonl([row("b")]),
      "default/test/0000.jsonl": toJsonl([row("t")]),
    };
    server.commit(REPO, converted, { branch: "refs/convert/parquet" });
    const r = await pull({ revision: "refs/convert/parquet", split: "train" });
    expect(r.files.map((f) => f.path)).toEqual(["default/partial-train/0000.jsonl", "default/partial-train/0001.jsonl"]);
  });

  test("metadata JSON beside the data is never pulled as data", async () => {
    server.commit(REPO, { "train/data.jsonl": toJsonl([row("a")]), "train/state.json": "{}", "train/dataset_info.json": "{}", "dataset_dict.json": "{}" });
    const r = await pull();
    expect(r.files.map((f) => f.path)).toEqual(["train/data.jsonl"]);
  });
});
