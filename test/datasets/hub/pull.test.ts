import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resolvePulledDataset } from "../../../datasets/hub/resolve.ts";
import { readHubSettings } from "../../../datasets/hub/settings.ts";
import { startHubServer } from "../../support/hub-server.ts";
import { toJsonl } from "../temp-files.ts";
import { catchHubError, FILES, REPO, row, sha256, useHub } from "./hub-fixtures.ts";

const { server, settings: current, pull } = useHub();

describe("pullDataset online", () => {
  test("downloads the data files of a revision and records size and sha256 of each in the manifest", async () => {
    const sha = server.commit(REPO, FILES);
    const r = await pull();
    expect(r.online).toBe(true);
    expect(r.sha).toBe(sha);
    expect(r.files.map((f) => f.path)).toEqual([
      "data/test-00000-of-00001.jsonl",
      "data/train-00000-of-00002.jsonl",
      "data/train-00001-of-00002.jsonl",
    ]);
    for (const f of r.files) {
      const served = server.fileBytes(REPO, sha, f.path);
      expect(readFileSync(f.localPath)).toEqual(Buffer.from(served));
      expect(f.sha256).toBe(sha256(served));
    }
    const manifest = JSON.parse(readFileSync(r.manifestPath, "utf8"));
    expect(manifest).toMatchObject({ repo_id: REPO, revision: "main", sha });
    expect(Number.isNaN(Date.parse(manifest.fetched_at))).toBe(false);
    expect(manifest.files).toHaveLength(3);
    const entry = manifest.files.find((f: { path: string }) => f.path === "data/test-00000-of-00001.jsonl");
    expect(entry.size).toBe(FILES["data/test-00000-of-00001.jsonl"].length);
    expect(entry.sha256).toBe(sha256(FILES["data/test-00000-of-00001.jsonl"]));
    // The listing is kept so an offline run can tell which files a selection lacks.
    expect(manifest.remote_files.map((f: { path: string }) => f.path)).toContain("README.md");
  });

  test("fetches only the files of the chosen split", async () => {
    server.commit(REPO, FILES);
    const r = await pull({ split: "train" });
    expect(r.files.map((f) => f.path)).toEqual(["data/train-00000-of-00002.jsonl", "data/train-00001-of-00002.jsonl"]);
    expect(r.datasetId).toBe("hf:acme/puzzles?split=train");
    const fetched = server.requests.filter((q) => q.kind === "resolve").slice(-2).map((q) => q.path);
    expect(fetched.every((p) => p.includes("/data/train-"))).toBe(true);
  });

  test("a second pull finds complete files in the cache and downloads nothing", async () => {
    server.commit(REPO, FILES);
    await pull();
    const before = server.requests.filter((q) => q.kind === "resolve").length;
    const again = await pull();
    expect(server.requests.filter((q) => q.kind === "resolve").length).toBe(before);
    expect(Object.values(again.status)).toEqual(["cached", "cached", "cached"]);
  });

  test("pins a branch: after it moves, the cache keeps the old commit until pulled again", async () => {
    const first = server.commit(REPO, FILES);
    await pull();
    const second = server.commit(REPO, { ...FILES, "data/test-00000-of-00001.jsonl": toJsonl([row("t2")]) });
    const pinned = await resolvePulledDataset(REPO, { revision: "main", split: "test", cacheDir: current().cacheDir });
    expect(pinned.sha).toBe(first);
    expect(readFileSync(pinned.files[0]!.localPath, "utf8")).toContain('"t"');
    const repulled = await pull({ split: "test" });
    expect(repulled.sha).toBe(second);
    const now = await resolvePulledDataset(REPO, { revision: "main", split: "test", cacheDir: current().cacheDir });
    expect(now.sha).toBe(second);
    expect(readFileSync(now.files[0]!.localPath, "utf8")).toContain('"t2"');
  });

  test("a full commit sha is accepted as the revision and pins to itself", async () => {
    const sha = server.commit(REPO, FILES);
    server.commit(REPO, { ...FILES, "data/test-00000-of-00001.jsonl": toJsonl([row("moved")]) });
    const r = await pull({ revision: sha, split: "test" });
    expect(r.sha).toBe(sha);
    expect((await resolvePulledDataset(REPO, { revision: sha, split: "test", cacheDir: current().cacheDir })).sha).toBe(sha);
  });

  test("a revision with slashes is sent as one percent-encoded path segment", async () => {
    const sha = server.commit(REPO, { "default/train/0000.parquet": "PAR1 fake" }, { branch: "refs/convert/parquet" });
    const r = await pull({ revision: "refs/convert/parquet", config: "default", split: "train" });
    expect(r.sha).toBe(sha);
    expect(r.files.map((f) => f.path)).toEqual(["default/train/0000.parquet"]);
    expect(server.requests.some((q) => q.kind === "revision" && q.path.endsWith("/revision/refs%2Fconvert%2Fparquet"))).toBe(true);
  });

  test("a selection that matches nothing lists the repo's data files", async () => {
    server.commit(REPO, FILES);
    const err = await catchHubError(() => pull({ split: "validation" }));
    expect(err.code).toBe("no_match");
    expect(err.message).toContain("split=validation");
    expect(err.message).toContain("data/train-00000-of-00002.jsonl");
  });

  test("an unknown revision is a not_found error, not a fallback to the cache", async () => {
    server.commit(REPO, FILES);
    await pull();
    const err = await catchHubError(() => pull({ revision: "no-such-branch" }));
    expect(err.code).toBe("not_found");
  });
});

describe("integrity of downloads", () => {
  test("a transfer cut short resumes with a Range request for the remaining bytes", async () => {
    const big = toJsonl(Array.from({ length: 200 }, (_, i) => row(`p${i}`)));
    const sha = server.commit(REPO, { "data/train.jsonl.gz": big });
    server.cutTransfers(1000);
    const err = await catchHubError(() => pull());
    expect(err.code).toBe("unreachable");
    expect(err.files).toEqual(["data/train.jsonl.gz"]);
    expect(err.message).toContain("Run the pull again to resume");
    const r = await pull();
    expect(r.status["data/train.jsonl.gz"]).toBe("resumed");
    expect(server.requests.at(-1)?.range).toBe("bytes=1000-");
    expect(r.files[0]!.sha256).toBe(sha256(server.fileBytes(REPO, sha, "data/train.jsonl.gz")));
    expect(readFileSync(r.files[0]!.localPath, "utf8")).toBe(big);
  });

  test("with retries, one pull recovers from a dropped transfer by itself", async () => {
    const big = toJsonl(Array.from({ length: 100 }, (_, i) => row(`q${i}`)));
    server.commit(REPO, { "data/train.jsonl.gz": big });
    server.cutTransfers(500);
    const r = await pull({}, { ...current(), retries: 1 });
    expect(server.requests.at(-1)?.range).toBe("bytes=500-");
    expect(readFileSync(r.files[0]!.localPath, "utf8")).toBe(big);
  });

  test("bytes that do not match the sha256 the Hub published are rejected and not cached", async () => {
    const good = toJsonl([row("x")]);
    server.commit(REPO, { "data/train.jsonl.gz": good });
    server.tamper("data/train.jsonl.gz", good.replace("x", "y"));
    try {
      const err = await catchHubError(() => pull());
      expect(err.code).toBe("integrity");
      expect(err.message).toContain("data/train.jsonl.gz");
      expect(existsSync(join(current().cacheDir, "datasets", "acme--puzzles", "refs"))).toBe(false);
    } finally {
      server.tamper("data/train.jsonl.gz", null);
    }
  });

  test("file names that would escape the cache folder are refused", async () => {
    server.commit(REPO, { "../../escape.jsonl": "{}\n" });
    const err = await catchHubError(() => pull());
    expect(err.code).toBe("bad_response");
    expect(err.message).toContain("../../escape.jsonl");
  });
});

describe("tokens", () => {
  const gated = startHubServer({ token: "hf_secret" });
  afterAll(() => gated.stop());

  test("HF_TOKEN is sent as a bearer token on every request", async () => {
    gated.commit(REPO, FILES);
    const s = readHubSettings({ HF_TOKEN: "hf_secret", HF_ENDPOINT: gated.url }, { cacheDir: current().cacheDir, retries: 0 });
    const r = await pull({}, s);
    expect(r.files).toHaveLength(3);
    expect(gated.requests.length).toBeGreaterThan(3);
    expect(gated.requests.every((q) => q.authorization === "Bearer hf_secret")).toBe(true);
  });

  test("LFS files follow the redirect to storage, which never sees the token, and resume there", async () => {
    const hubWithStorage = startHubServer({ token: "hf_secret", lfsRedirect: true });
    try {
      const big = toJsonl(Array.from({ length: 100 }, (_, i) => row(`s${i}`)));
      hubWithStorage.commit(REPO, { "data/train.jsonl.gz": big });
      hubWithStorage.cutTransfers(700);
      const s = readHubSettings({ HF_TOKEN: "hf_secret", HF_ENDPOINT: hubWithStorage.url }, { cacheDir: current().cacheDir, retries: 1 });
      const r = await pull({}, s);
      expect(readFileSync(r.files[0]!.localPath, "utf8")).toBe(big);
      const storage = hubWithStorage.requests.filter((q) => q.kind === "storage");
      expect(storage.map((q) => q.range)).toEqual([null, "bytes=700-"]);
      expect(storage.every((q) => q.authorization === null)).toBe(true);
      const hubSide = hubWithStorage.requests.filter((q) => q.kind !== "storage");
      expect(hubSide.every((q) => q.authorization === "Bearer hf_secret")).toBe(true);
    } finally {
      await hubWithStorage.stop();
    }
  });

  test("without a token a private repo is not found, as the Hub says, with a hint to log in or set HF_TOKEN", async () => {
    gated.commit(REPO, FILES);
    const s = readHubSettings({ HF_ENDPOINT: gated.url }, { cacheDir: current().cacheDir, retries: 0 });
    const err = await catchHubError(() => pull({}, s));
    expect(err.code).toBe("not_found");
    expect(err.message).toContain("not found");
    expect(err.message).toContain("hf auth login");
    expect(err.message).toContain("HF_TOKEN");
  });

  test("a wrong token is refused, naming where the token came from", async () => {
    gated.commit(REPO, FILES);
    const s = readHubSettings({ HF_TOKEN: "hf_wrong", HF_ENDPOINT: gated.url }, { cacheDir: current().cacheDir, retries: 0 });
    const err = await catchHubError(() => pull({}, s));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain("the token from HF_TOKEN");
    expect(err.message).toContain("Invalid credentials in Authorization header");
  });
});
