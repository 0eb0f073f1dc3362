import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertCollectNames, collectFiles } from "../../../judges/local/collect.ts";

function withDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "collect-"));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("collecting files a run left behind", () => {
  test("reads the regular files asked for and leaves out the absent ones", () => {
    withDir((dir) => {
      writeFileSync(join(dir, "output.txt"), "42\n");
      expect(collectFiles(dir, ["output.txt", "missing.txt"], 100)).toEqual({ files: { "output.txt": "42\n" }, overLimit: false });
    });
  });

  test("a symbolic link is never followed, so a program cannot make the harness read a host file", () => {
    withDir((dir) => {
      symlinkSync("/etc/passwd", join(dir, "output.txt"));
      expect(collectFiles(dir, ["output.txt"], 1 << 20)).toEqual({ files: {}, overLimit: false });
    });
  });

  test("a FIFO is skipped without blocking the reader", () => {
    withDir((dir) => {
      Bun.spawnSync(["mkfifo", join(dir, "output.txt")]);
      expect(collectFiles(dir, ["output.txt"], 100)).toEqual({ files: {}, overLimit: false });
    });
  });

  test("a file larger than the limit is reported, not read", () => {
    withDir((dir) => {
      writeFileSync(join(dir, "output.txt"), "x".repeat(101));
      expect(collectFiles(dir, ["output.txt"], 100)).toEqual({ files: {}, overLimit: true });
    });
  });

  test("names with folders or dot parts are refused as a harness bug", () => {
    for (const bad of ["a/b.txt", "..", ".", "", "x\0y"]) expect(() => assertCollectNames([bad])).toThrow("plain file name");
    expect(() => assertCollectNames(["output.txt"])).not.toThrow();
  });
});
