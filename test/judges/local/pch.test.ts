import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { compileCpp, CPP_BINARY, CPP_FLAGS } from "../../../judges/local/compile.ts";
import { createContext, type SandboxContext } from "../../../judges/local/context.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { createPchGate, isPchCached, PCH_HEADER, pchKey, preparePch, probePchUse, spareCoresNow, type StagedPch } from "../../../judges/local/pch.ts";
import { locateTools, readVersion } from "../../../judges/local/tools.ts";
import { makeFreshCacheDir, sharedTestCacheDir } from "../../support/test-cache.ts";

// Sandboxed compiles and runs take seconds on a busy 2-core machine; the first C++ compile also builds the PCH.
setDefaultTimeout(60_000);

const compileLimits = { cpuMs: 20_000, wallMs: 40_000, memoryMb: 1024, logBytes: 16 << 10 };
const bitsProgram = (tag: string) => `#include <bits/stdc++.h>\n// ${tag}\nint main() { std::vector<int> v{3, 1, 2}; std::sort(v.begin(), v.end()); std::cout << v[0] << "\\n"; }\n`;

/** The .gch files in the cache, with their inode and mtime. */
function cachedGchFiles(cacheDir: string): { path: string; ino: number; mtimeMs: number }[] {
  const root = join(cacheDir, "pch");
  const found = [];
  for (const prefix of readdirSync(root)) {
    for (const key of readdirSync(join(root, prefix))) {
      const path = join(root, prefix, key, `${PCH_HEADER}.gch`);
      const stat = statSync(path);
      found.push({ path, ino: stat.ino, mtimeMs: stat.mtimeMs });
    }
  }
  return found;
}

describe("precompiled <bits/stdc++.h>", () => {
  const cacheDir = sharedTestCacheDir();
  const contexts: SandboxContext[] = [];
  afterAll(() => {
    for (const ctx of contexts) ctx.dispose();
  });

  test("is built once per flag set and reused by later compiles and other sandbox instances", async () => {
    const first = createLocalSandbox({ cacheDir });
    const a = await first.prepare({ language: "cpp", code: bitsProgram(crypto.randomUUID()) }, compileLimits);
    expect(a.ok).toBe(true);
    // A cold build may still be running after the first compile (which then went without it): close waits for it.
    await first.close?.();
    const built = cachedGchFiles(cacheDir);
    expect(built).toHaveLength(1);

    const second = createLocalSandbox({ cacheDir });
    const b = await second.prepare({ language: "cpp", code: bitsProgram(crypto.randomUUID()) }, compileLimits);
    expect(b.ok).toBe(true);
    expect(a.ok && b.ok && a.program.key !== b.program.key).toBe(true);
    expect(cachedGchFiles(cacheDir)).toEqual(built);
    if (b.ok) {
      const outcome = await second.run(b.program, {}, { cpuMs: 1000, wallMs: 10_000, memoryMb: 256, outputBytes: 1024, processes: 4, fileBytes: 1024 });
      expect(outcome).toMatchObject({ termination: "exited", stdout: "1\n" });
    }
    await second.close?.();
  });

  test("is loaded by g++ (-H marks it with '!') and rejected for other flags (-Winvalid-pch)", async () => {
    const tools = locateTools();
    const gxx = tools.gxx ?? "/usr/bin/g++";
    const ctx = await createContext({ unsafeNoSandbox: false, cacheDir, tools });
    contexts.push(ctx);
    const version = readVersion([gxx, "--version"]) ?? "unknown";
    const staged = await preparePch({ cacheDir, context: async () => ctx }, gxx, CPP_FLAGS, version);
    expect(staged).not.toBeNull();
    if (!staged) return;
    const { dir } = staged;
    expect(await staged.accepted).toBe(true);
    expect(await probePchUse(ctx, gxx, CPP_FLAGS, dir)).toBe(true);
    const otherFlags = CPP_FLAGS.map((flag) => (flag === "-O2" ? "-O0" : flag));
    expect(await probePchUse(ctx, gxx, otherFlags, dir)).toBe(false);
  });

  test("a filler compile (made on a spare lane while the PCH builds, at a low priority) makes the same program", async () => {
    const tools = locateTools();
    const ctx = await createContext({ unsafeNoSandbox: false, cacheDir, tools });
    contexts.push(ctx);
    const source = { language: "cpp" as const, code: bitsProgram("filler") };
    const gxx = tools.gxx ?? "/usr/bin/g++";
    const [plain, filler] = [await compileCpp(ctx, gxx, source, compileLimits, null), await compileCpp(ctx, gxx, source, compileLimits, null, true)];
    expect(plain.ok && filler.ok).toBe(true);
    if (plain.ok && filler.ok) expect(Buffer.from(filler.files[CPP_BINARY] ?? []).equals(Buffer.from(plain.files[CPP_BINARY] ?? []))).toBe(true);
  });

  test("has one key per flag set and compiler version", () => {
    const base = pchKey(CPP_FLAGS, "g++ 12.2.0");
    expect(pchKey([...CPP_FLAGS], "g++ 12.2.0")).toBe(base);
    expect(pchKey([...CPP_FLAGS, "-g"], "g++ 12.2.0")).not.toBe(base);
    expect(pchKey(CPP_FLAGS, "g++ 13.1.0")).not.toBe(base);
  });

  test("is not force-included: a program missing an #include still fails to compile", async () => {
    const sandbox = createLocalSandbox({ cacheDir });
    try {
      const missing = await sandbox.prepare({ language: "cpp", code: `// ${crypto.randomUUID()}\nint main() { std::vector<int> v; return v.size(); }\n` }, compileLimits);
      expect(missing).toMatchObject({ ok: false, cause: "compile_error" });
      expect(missing.log).toContain("vector");
    } finally {
      await sandbox.close?.();
    }
  });
});

/** Lets pending promise callbacks run, so a waiter that could proceed has. */
const settleMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

/** A staged PCH whose use-probe has settled (`ok`: g++ accepts it). */
const accepted = (dir: string, ok = true): StagedPch => ({ dir, accepted: Promise.resolve(ok) });

/** A gate with one spare lane whose build runs until the test calls `finish(dir)`, counting builds. */
function gateWithHeldBuild() {
  let finish: (dir: string) => void = () => {};
  let builds = 0;
  const gate = createPchGate(
    () => {
      builds++;
      return new Promise<StagedPch | null>((resolve) => (finish = (dir) => resolve(accepted(dir))));
    },
    1,
    false,
  );
  return { gate, finish: (dir: string) => finish(dir), builds: () => builds };
}

describe("the PCH gate", () => {
  test("while a cold build runs, the spare lanes compile without the PCH and further compiles wait for it", async () => {
    const { gate, finish, builds } = gateWithHeldBuild();
    const first = await gate.acquire();
    expect(first).toMatchObject({ pch: null, spare: true });
    let waiting: string | null | undefined;
    const second = gate.acquire().then((lease) => (waiting = lease.pch));
    await settleMicrotasks();
    expect(waiting).toBeUndefined();
    first.release();
    first.release(); // a second release must not free a lane that is not held
    const third = await gate.acquire();
    expect(third.pch).toBeNull();
    finish("/staged-pch");
    expect(await second).toBe("/staged-pch");
    third.release();
    expect(await gate.acquire()).toMatchObject({ pch: "/staged-pch", spare: false });
    expect(builds()).toBe(1);
  });

  test("with no spare lane or a PCH already cached, every compile waits for it", async () => {
    for (const [lanes, cached] of [[0, false], [2, true]] as const) {
      const gate = createPchGate(async () => accepted("/staged-pch"), lanes, cached);
      expect((await gate.acquire()).pch).toBe("/staged-pch");
    }
  });

  test("cores count as spare only while the machine is not saturated, and the gate asks at each compile", async () => {
    expect(spareCoresNow(2, 0.5)).toBe(1);
    expect(spareCoresNow(4, 3.9)).toBe(3);
    expect(spareCoresNow(2, 2)).toBe(0);
    expect(spareCoresNow(1, 0)).toBe(0);
    let spare = 0;
    const gate = createPchGate(() => new Promise<StagedPch | null>(() => {}), () => spare, false);
    let waited = false;
    void gate.acquire().then(() => (waited = true));
    await settleMicrotasks();
    expect(waited).toBe(false);
    spare = 1;
    expect((await gate.acquire()).pch).toBeNull();
  });

  test("whenReady() starts the build and resolves while a lane is free, else once a lane frees or the build ends", async () => {
    const { gate, finish, builds } = gateWithHeldBuild();
    await gate.whenReady();
    expect(builds()).toBe(1);
    const lease = await gate.acquire();
    expect(lease.pch).toBeNull();
    let ready = 0;
    const waiting = [gate.whenReady(), gate.whenReady()].map((p) => p.then(() => ready++));
    await settleMicrotasks();
    expect(ready).toBe(0);
    lease.release();
    await settleMicrotasks();
    expect(ready).toBe(2);
    // With the lane taken again, a waiter is released by the end of the build.
    const again = await gate.acquire();
    let afterBuild = false;
    const last = gate.whenReady().then(() => (afterBuild = true));
    await settleMicrotasks();
    expect(afterBuild).toBe(false);
    finish("/staged-pch");
    await Promise.all([...waiting, last]);
    expect(afterBuild).toBe(true);
    again.release();
    expect(builds()).toBe(1);
  });

  test("the first compiles do not wait for the use-probe, and once it rejects the PCH no compile gets it", async () => {
    let verdict: (ok: boolean) => void = () => {};
    const probe = new Promise<boolean>((resolve) => (verdict = resolve));
    const gate = createPchGate(async () => ({ dir: "/staged-pch", accepted: probe }), 0, false);
    expect((await gate.acquire()).pch).toBe("/staged-pch");
    let settled = false;
    const settling = gate.settle().then(() => (settled = true));
    await settleMicrotasks();
    expect(settled).toBe(false); // close waits for the probe, which uses the work folder
    verdict(false);
    await settling;
    expect(await gate.acquire()).toMatchObject({ pch: null, spare: false });
  });

  test("settle() waits for a build in progress and never throws", async () => {
    let finished = false;
    const gate = createPchGate(async () => {
      await settleMicrotasks();
      finished = true;
      return null;
    }, 1, false);
    await gate.settle(); // nothing started: returns at once
    expect((await gate.acquire()).pch).toBeNull();
    await gate.settle();
    expect(finished).toBe(true);
  });

  test("in a cold sandbox, the first compile (made while the PCH builds) runs correctly, and close leaves the PCH cached", async () => {
    const fresh = makeFreshCacheDir();
    const tools = locateTools();
    const version = readVersion([tools.gxx ?? "/usr/bin/g++", "--version"]) ?? "unknown";
    const sandbox = createLocalSandbox({ cacheDir: fresh });
    try {
      expect(isPchCached(fresh, CPP_FLAGS, version)).toBe(false);
      const prepared = await sandbox.prepare({ language: "cpp", code: bitsProgram(crypto.randomUUID()) }, compileLimits);
      expect(prepared.ok).toBe(true);
      if (prepared.ok) {
        const outcome = await sandbox.run(prepared.program, {}, { cpuMs: 1000, wallMs: 10_000, memoryMb: 256, outputBytes: 1024, processes: 4, fileBytes: 1024 });
        expect(outcome).toMatchObject({ termination: "exited", stdout: "1\n" });
      }
      await sandbox.close?.();
      expect(isPchCached(fresh, CPP_FLAGS, version)).toBe(true);
    } finally {
      await sandbox.close?.();
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
