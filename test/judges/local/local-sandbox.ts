/**
 * One local sandbox shared by the tests of a file, with the limits those tests run under and a
 * Python preparer: the set-up the run and pair tests had each written out.
 */
import { afterAll, beforeAll } from "bun:test";
import { rmSync } from "node:fs";
import { createContext, type SandboxContext } from "../../../judges/local/context.ts";
import { createLocalSandbox, type LocalSandbox, type LocalSandboxOptions } from "../../../judges/local/index.ts";
import { locateTools } from "../../../judges/local/tools.ts";
import type { PreparedProgram, RunLimits } from "../../../judges/types.ts";
import { makeFreshCacheDir, sharedTestCacheDir } from "../../support/test-cache.ts";

export const compileLimits = { cpuMs: 20_000, wallMs: 40_000, memoryMb: 1024, logBytes: 16 << 10 };
export const limits: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 4, fileBytes: 1 << 20 };

export interface UseLocalSandboxOptions extends Omit<LocalSandboxOptions, "cacheDir"> {
  /** A private empty cache folder, removed after the file's tests (for tests that observe the cache), instead of the shared one. */
  freshCache?: boolean;
}

/** Registers the file's sandbox (created before its tests, closed after) and returns its accessors. */
export function useLocalSandbox(opts: UseLocalSandboxOptions = {}): {
  sandbox: () => LocalSandbox;
  cacheDir: () => string;
  preparePython: (code: string) => Promise<PreparedProgram>;
} {
  const { freshCache = false, ...options } = opts;
  let sandbox: LocalSandbox | null = null;
  let cacheDir = "";
  beforeAll(() => {
    cacheDir = freshCache ? makeFreshCacheDir() : sharedTestCacheDir();
    sandbox = createLocalSandbox({ ...options, cacheDir });
  });
  afterAll(async () => {
    await sandbox?.close?.();
    if (freshCache) rmSync(cacheDir, { recursive: true, force: true });
  });
  const get = () => {
    if (!sandbox) throw new Error("the sandbox is created in beforeAll");
    return sandbox;
  };
  return {
    sandbox: get,
    cacheDir: () => cacheDir,
    async preparePython(code) {
      const result = await get().prepare({ language: "python", code }, compileLimits);
      if (!result.ok) throw new Error(result.log);
      return result.program;
    },
  };
}

/** Registers a sandbox context (the local backend's plumbing, without a Sandbox) for the file's tests, disposed after them. */
export function useSandboxContext(): () => SandboxContext {
  let ctx: SandboxContext | null = null;
  beforeAll(async () => {
    ctx = await createContext({ unsafeNoSandbox: false, cacheDir: sharedTestCacheDir(), tools: locateTools() });
  });
  afterAll(async () => {
    await ctx?.scratch.settle();
    ctx?.dispose();
  });
  return () => {
    if (!ctx) throw new Error("the context is created in beforeAll");
    return ctx;
  };
}
