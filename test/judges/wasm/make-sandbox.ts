/** The WASM sandbox as the registry builds it (clang in the local OS sandbox), for this folder's tests. */
import { createLocalToolRunner } from "../../../judges/local/tool-runner.ts";
import { createWasmSandbox } from "../../../judges/wasm/index.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";

/** Two guest workers: enough for concurrent runs, modest on a shared 2-core machine. */
export function makeWasmSandbox(poolSize = 2) {
  const cacheDir = sharedTestCacheDir();
  return createWasmSandbox({ toolRunner: createLocalToolRunner({ cacheDir }), cacheDir, poolSize });
}
