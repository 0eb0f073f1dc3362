import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { sha256File } from "../../datasets/sha256.ts";
import { catchDatasetError, useTempDir } from "./temp-files.ts";
import { HUMANEVAL_GZ } from "../support/real-data.ts";

const tmp = useTempDir();

function sha256sum(path: string): string {
  const out = Bun.spawnSync(["sha256sum", path]);
  return out.stdout.toString().split(" ")[0] ?? "";
}

describe("sha256File", () => {
  test("agrees with sha256sum on a file larger than one read chunk", async () => {
    const path = tmp.write("big.bin", new Uint8Array(3_000_000).map((_, i) => (i * 7919) % 251));
    expect(await sha256File(path)).toBe(sha256sum(path));
  });

  test("hashes the stored bytes of a real gzip dataset, not its decompressed text", async () => {
    const path = HUMANEVAL_GZ;
    expect(await sha256File(path)).toBe(sha256sum(path));
  });

  test("reports a missing file as a DatasetError", async () => {
    const err = await catchDatasetError(() => sha256File(join(tmp.dir, "missing")));
    expect(err.message).toContain("ENOENT");
  });
});
