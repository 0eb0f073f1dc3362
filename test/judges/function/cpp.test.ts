/** The C++ function-mode suite (cpp-suite.ts) on the local sandbox (g++, native code). */
import { afterAll, beforeAll, expect, setDefaultTimeout } from "bun:test";
import { createLocalSandbox, type LocalSandbox } from "../../../judges/local/index.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { runCppFunctionSuite } from "./cpp-suite.ts";

// Two g++ compiles and two sandboxed runs per case on a busy 2-core machine.
setDefaultTimeout(180_000);

let sandbox: LocalSandbox;
beforeAll(() => {
  sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
});
afterAll(async () => {
  await sandbox.close?.();
});

runCppFunctionSuite({
  label: "local",
  sandbox: () => sandbox,
  crashBody: "    volatile int* p = nullptr; return *p + x + y;",
  checkThrowing: (result) => expect(result.verdict).toBe("RE"),
  testCodeCrashWords: "signal",
  measuresMemory: true,
});
