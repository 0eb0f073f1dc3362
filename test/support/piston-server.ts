/**
 * Our Piston-compatible server on loopback, backed by the real local sandbox, for the tests of the
 * Piston backend and of the server itself. Its output cap is set to the conformance suite's output
 * limit, as an operator would set it to the judge's (a larger cap would only ship more bytes).
 */
import { createLocalSandbox } from "../../judges/local/index.ts";
import { startPistonServer, type PistonServer, type PistonServerOptions } from "../../harness/piston-server/start.ts";
import { sharedTestCacheDir } from "./test-cache.ts";

export const TEST_OUTPUT_CAP = 1 << 20;

/** Starts a server on a free loopback port; stop it when done. */
export function startTestPistonServer(opts: Partial<PistonServerOptions> = {}): Promise<PistonServer> {
  return startPistonServer({
    sandbox: createLocalSandbox({ cacheDir: sharedTestCacheDir() }),
    port: 0,
    ...opts,
    limits: { outputCapBytes: TEST_OUTPUT_CAP, ...opts.limits },
  });
}
