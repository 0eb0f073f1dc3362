import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pullDataset } from "../../../datasets/hub/pull.ts";
import { readHubSettings } from "../../../datasets/hub/settings.ts";
import { REPO_ROOT } from "../../support/cli.ts";
import { startHubServer } from "../../support/hub-server.ts";

let dir: string;
let cache: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "serve-hub-"));
  cache = join(dir, "hub");
  // Pull once from a loopback Hub, then stop it: the server below must read the cache alone.
  const hub = startHubServer();
  const row = { id: "sum", statement: "Print a + b.", tests: [{ input: "1 2\n", output: "3\n" }, { input: "5 7\n", output: "12\n" }] };
  hub.commit("acme/sums", { "data/train-00000-of-00001.jsonl": `${JSON.stringify(row)}\n` });
  await pullDataset({ repoId: "acme/sums" }, readHubSettings({}, { endpoint: hub.url, cacheDir: cache }));
  hub.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads the server's stderr until its banner names the rewards URL. */
async function readRewardsUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.getReader();
  let banner = "";
  while (!/http:\/\/\S+\/v1\/rewards/.test(banner)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited: ${banner}`);
    banner += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return banner.match(/(http:\/\/\S+\/v1\/rewards)/)![1]!;
}

describe("bun run serve --rewards --dataset hf:…", () => {
  test("serves rewards for a pulled Hub dataset read from the cache, offline", async () => {
    const proc = Bun.spawn(
      ["bun", join(REPO_ROOT, "harness/cli/main.ts"), "serve", "--rewards", "--port", "0", "--dataset", "hf:acme/sums", "--hub-cache", cache],
      { cwd: dir, env: { ...process.env, HF_HUB_OFFLINE: "1" }, stdout: "pipe", stderr: "pipe" },
    );
    try {
      const url = await readRewardsUrl(proc.stderr);
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          schema: "binary",
          items: [
            { id: "good", problem_id: "sum", completion: "```python\na, b = map(int, input().split())\nprint(a + b)\n```" },
            { id: "bad", problem_id: "sum", completion: "```python\nprint(3)\n```" },
          ],
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { id: string; reward: number | null; verdict: string }[] };
      const byId = Object.fromEntries(body.results.map((x) => [x.id, x]));
      expect(byId.good).toMatchObject({ reward: 1, verdict: "AC" });
      expect(byId.bad).toMatchObject({ reward: 0, verdict: "WA" });
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
    }
  });

  test("a Hub dataset that was never pulled exits 2 with one line saying to pull it", async () => {
    const proc = Bun.spawn(
      ["bun", join(REPO_ROOT, "harness/cli/main.ts"), "serve", "--rewards", "--port", "0", "--dataset", "hf:acme/never", "--hub-cache", cache],
      { cwd: dir, env: { ...process.env, HF_HUB_OFFLINE: "1" }, stdout: "pipe", stderr: "pipe" },
    );
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toContain("acme/never");
    expect(stderr).toContain("bun run datasets pull acme/never");
  });
});
