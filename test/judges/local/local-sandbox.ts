/**
 * One local sandbox shared by the tests of a file, with the limits those tests run under and a
 * Python preparer: the set-up the run and pair tests had each written out.
 */
import { afterAll, beforeAll } from "bun:test";
import { createLocalSandbox, type LocalSandbox } from "../../../judges/local/index.ts";
import type { PreparedProgram, RunLimits } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

export const compileLimits = { cpuMs: 20_000, wallMs: 40_000, memoryMb: 1024, logBytes: 16 << 10 };
export const limits: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 4, fileBytes: 1 << 20 };

/** Registers the file's sandbox (created before its tests, closed after) and returns its accessors. */
export function useLocalSandbox(): { sandbox: () => LocalSandbox; preparePython: (code: string) => Promise<PreparedProgram> } {
  let sandbox: LocalSandbox | null = null;
  beforeAll(() => {
    sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
  });
  afterAll(async () => {
    await sandbox?.close?.();
  });
  const get = () => {
    if (!sandbox) throw new Error("the sandbox is created in beforeAll");
    return sandbox;
  };
  return {
    sandbox: get,
    async preparePython(code) {
      const result = await get().prepare({ language: "python", code }, compileLimits);
      if (!result.ok) throw new Error(result.log);
      return result.program;
    },
  };
}
