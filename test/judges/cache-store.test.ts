import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureEntry, ensureEntrySync, entryDir, hashKey, readMeta } from "../../judges/cache-store.ts";
import { makeFreshCacheDir } from "../support/test-cache.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = makeFreshCacheDir();
  dirs.push(dir);
  return dir;
}

describe("hashKey", () => {
  test("ignores object key order but not values", () => {
    expect(hashKey({ a: 1, b: { c: "x", d: [1, 2] } })).toBe(hashKey({ b: { d: [1, 2], c: "x" }, a: 1 }));
    expect(hashKey({ a: 1 })).not.toBe(hashKey({ a: 2 }));
    expect(hashKey({ files: { "a.h": "x" } })).not.toBe(hashKey({ files: { "b.h": "x" } }));
    expect(hashKey({ a: [1, 2] })).not.toBe(hashKey({ a: [2, 1] }));
  });
});

describe("ensureEntry", () => {
  test("fills an entry once and returns it without filling again", async () => {
    const cache = freshDir();
    let fills = 0;
    const fill = async (dir: string) => {
      fills++;
      writeFileSync(join(dir, "meta.json"), JSON.stringify({ n: fills }));
    };
    const first = await ensureEntry(cache, "things", "ab12", fill);
    const second = await ensureEntry(cache, "things", "ab12", fill);
    expect(first).toBe(entryDir(cache, "things", "ab12"));
    expect(second).toBe(first);
    expect(fills).toBe(1);
    expect(readMeta<{ n: number }>(first)).toEqual({ n: 1 });
  });

  test("concurrent writers of one key leave exactly one whole entry and no temporary folders", async () => {
    const cache = freshDir();
    const writers = Array.from({ length: 8 }, (_, i) =>
      ensureEntry(cache, "things", "cd34", async (dir) => {
        await Bun.sleep(5 + (i % 3));
        writeFileSync(join(dir, "payload"), `writer ${i}`.repeat(1000));
        writeFileSync(join(dir, "meta.json"), JSON.stringify({ writer: i }));
      }),
    );
    const paths = await Promise.all(writers);
    expect(new Set(paths).size).toBe(1);
    const meta = readMeta<{ writer: number }>(paths[0] ?? "");
    expect(readFileSync(join(paths[0] ?? "", "payload"), "utf8")).toBe(`writer ${meta?.writer}`.repeat(1000));
    expect(readdirSync(join(cache, "tmp"))).toEqual([]);
  });

  test("a failed fill leaves no entry behind", async () => {
    const cache = freshDir();
    await expect(ensureEntry(cache, "things", "ef56", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(entryDir(cache, "things", "ef56"))).toBe(false);
    expect(readMeta(entryDir(cache, "things", "ef56"))).toBeNull();
  });
});

describe("ensureEntrySync", () => {
  test("fills an entry once, leaves no temporary folder, and a failed fill leaves no entry", () => {
    const cache = freshDir();
    let fills = 0;
    const fill = (dir: string) => {
      fills++;
      writeFileSync(join(dir, "meta.json"), JSON.stringify({ n: fills }));
    };
    const first = ensureEntrySync(cache, "things", "ab12", fill);
    expect(ensureEntrySync(cache, "things", "ab12", fill)).toBe(first);
    expect(fills).toBe(1);
    expect(readMeta<{ n: number }>(first)).toEqual({ n: 1 });
    expect(readdirSync(join(cache, "tmp"))).toEqual([]);
    expect(() =>
      ensureEntrySync(cache, "things", "ef56", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(existsSync(entryDir(cache, "things", "ef56"))).toBe(false);
  });

  test("asks the caller whether an entry is already there", () => {
    const cache = freshDir();
    const fill = (dir: string) => writeFileSync(join(dir, "file.bin"), "bytes");
    const dir = ensureEntrySync(cache, "files", "cd34", fill);
    let asked = "";
    const present = (final: string) => {
      asked = final;
      return existsSync(join(final, "file.bin"));
    };
    const refill = () => {
      throw new Error("filled again");
    };
    expect(ensureEntrySync(cache, "files", "cd34", refill, present)).toBe(dir);
    expect(asked).toBe(dir);
    expect(readFileSync(join(dir, "file.bin"), "utf8")).toBe("bytes");
  });
});
