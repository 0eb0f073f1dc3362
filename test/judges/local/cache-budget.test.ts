import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CacheBudget, IN_USE_MS, markUsed } from "../../../judges/local/cache-budget.ts";
import { MAX_PROGRAM_BYTES } from "../../../judges/local/compile.ts";
import { createLocalSandbox, type LocalSandbox } from "../../../judges/local/index.ts";
import type { CompileLimits, PrepareResult } from "../../../judges/types.ts";
import { makeFreshCacheDir } from "../../support/test-cache.ts";

setDefaultTimeout(120_000);

const KIB = 1024;
const longAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Writes an entry like prepare does: `<kind>/<ab>/<key>/{meta.json,program/main}`, last used `usedAt`. */
function writeEntry(kindDir: string, key: string, bytes: number, usedAt: Date): string {
  const dir = join(kindDir, key.slice(0, 2), key);
  mkdirSync(join(dir, "program"), { recursive: true });
  writeFileSync(join(dir, "program", "main"), Buffer.alloc(bytes));
  writeFileSync(join(dir, "meta.json"), "{}");
  utimesSync(join(dir, "meta.json"), usedAt, usedAt);
  return dir;
}

describe("CacheBudget", () => {
  let root = "";
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "cj-budget-"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("over the cap, the least recently used entries go first until the cache is under the cap", () => {
    const kindDir = join(root, "lru", "programs");
    const oldest = writeEntry(kindDir, "aa01", 100 * KIB, longAgo(30));
    const older = writeEntry(kindDir, "bb02", 100 * KIB, longAgo(20));
    const recentlyHit = writeEntry(kindDir, "cc03", 100 * KIB, longAgo(40));
    markUsed(recentlyHit);
    const budget = new CacheBudget(kindDir, join(root, "lru", "tmp"), 250 * KIB);
    const fresh = writeEntry(kindDir, "dd04", 100 * KIB, new Date());
    budget.add(fresh);
    expect(existsSync(oldest)).toBe(false);
    expect(existsSync(older)).toBe(false);
    expect(existsSync(recentlyHit)).toBe(true);
    expect(existsSync(fresh)).toBe(true);
    const kept = budget.scan().reduce((sum, e) => sum + e.bytes, 0);
    expect(kept).toBeLessThanOrEqual(budget.maxBytes);
  });

  test(`entries used in the last ${IN_USE_MS / 1000} s are kept even over the cap (a run may be copying them)`, () => {
    const kindDir = join(root, "busy", "programs");
    const a = writeEntry(kindDir, "aa11", 200 * KIB, new Date());
    const budget = new CacheBudget(kindDir, join(root, "busy", "tmp"), 100 * KIB);
    const b = writeEntry(kindDir, "bb22", 200 * KIB, new Date());
    budget.add(b);
    expect(existsSync(a) && existsSync(b)).toBe(true);
  });
});

describe("the local sandbox's compile cache", () => {
  const CAP_MB = 0.015;
  const compileLimits: CompileLimits = { cpuMs: 60_000, wallMs: 120_000, memoryMb: 1024, logBytes: 16 << 10 };
  let cacheDir = "";
  let sandbox: LocalSandbox;
  beforeAll(() => {
    cacheDir = makeFreshCacheDir();
    // Tiny on purpose: one dynamically linked hello-world is some 8 KiB linked by gold, 16 KiB by ld.bfd.
    sandbox = createLocalSandbox({ cacheDir, cacheMaxMb: CAP_MB });
  });
  afterAll(async () => {
    await sandbox.close?.();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const hello = (tag: string) => ({ language: "cpp" as const, code: `// ${tag} ${crypto.randomUUID()}\n#include <cstdio>\nint main() { std::puts("${tag}"); }\n` });
  const entryOf = (result: PrepareResult) => {
    if (!result.ok) throw new Error(`did not compile: ${result.log}`);
    return dirname((result.program.handle as { programDir: string }).programDir);
  };

  test("evicts the least recently used program once the cap is passed, and prepares it again on demand", async () => {
    const first = hello("first");
    const firstEntry = entryOf(await sandbox.prepare(first, compileLimits));
    utimesSync(join(firstEntry, "meta.json"), longAgo(10), longAgo(10));
    const sizes: number[] = [statSync(join(firstEntry, "program", "main")).size];
    for (const tag of ["second", "third"]) sizes.push(statSync(join(entryOf(await sandbox.prepare(hello(tag), compileLimits)), "program", "main")).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(CAP_MB * 1024 * 1024);
    expect(existsSync(firstEntry)).toBe(false);
    const again = await sandbox.prepare(first, compileLimits);
    expect(again).toMatchObject({ ok: true, cached: false });
  });

  test(`a program over ${MAX_PROGRAM_BYTES >> 20} MiB is a compile error that says so, and nothing big is cached`, async () => {
    const code = `#include <cstdio>\nchar big[250 << 20] = {1};\nint main() { std::printf("%d\\n", big[7]); }\n`;
    const result = await sandbox.prepare({ language: "cpp", code }, compileLimits);
    expect(result).toMatchObject({ ok: false, cause: "compile_error" });
    expect(result.log).toContain(`exceeds the ${MAX_PROGRAM_BYTES >> 20} MiB limit on program size`);
    const du = Bun.spawnSync(["du", "-sb", cacheDir]).stdout.toString();
    expect(Number(du.split("\t")[0])).toBeLessThan(MAX_PROGRAM_BYTES);
  });

  test(`a Python program whose source is over ${MAX_PROGRAM_BYTES >> 20} MiB is a compile error that says so`, async () => {
    const code = `x = 1\n${"#".repeat(MAX_PROGRAM_BYTES)}\nprint(x)\n`;
    const result = await sandbox.prepare({ language: "python", code }, compileLimits);
    expect(result).toMatchObject({ ok: false, cause: "compile_error" });
    expect(result.log).toContain(`exceeds the ${MAX_PROGRAM_BYTES >> 20} MiB limit on program size`);
  });
});
