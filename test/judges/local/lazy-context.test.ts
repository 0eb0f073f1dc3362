import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { createContext, type SandboxContext } from "../../../judges/local/context.ts";
import { createLazyContext } from "../../../judges/local/lazy-context.ts";
import { locateTools } from "../../../judges/local/tools.ts";
import { SandboxError } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

const newContext = () => createContext({ unsafeNoSandbox: false, cacheDir: sharedTestCacheDir(), tools: locateTools() });

describe("createLazyContext", () => {
  test("sets the context up once, on first use", async () => {
    let created = 0;
    const lazy = createLazyContext("the test sandbox", () => {
      created += 1;
      return newContext();
    });
    expect(created).toBe(0);
    const first = lazy.get();
    expect(lazy.get()).toBe(first);
    expect(existsSync((await first).workDir)).toBe(true);
    expect(created).toBe(1);
    await lazy.close();
  });

  test("close removes the context's folder, and a closed one refuses work naming its owner", async () => {
    const lazy = createLazyContext("the test sandbox", newContext);
    const ctx: SandboxContext = await lazy.get();
    await lazy.close();
    expect(existsSync(ctx.workDir)).toBe(false);
    await lazy.close();
    let refused: unknown = null;
    try {
      lazy.get();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SandboxError);
    expect((refused as SandboxError).message).toBe("the test sandbox is closed");
  });

  test("closing one that never ran sets nothing up", async () => {
    let created = 0;
    const lazy = createLazyContext("the test sandbox", () => {
      created += 1;
      return newContext();
    });
    await lazy.close();
    expect(created).toBe(0);
  });
});
