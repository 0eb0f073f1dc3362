/**
 * The shared sandbox conformance suite against the Piston backend, talking real HTTP to our
 * Piston-compatible server on loopback, itself backed by the local sandbox. No check is skipped:
 * every case is expressible through Piston's API (files, args, stdin, limits), and the containment
 * probes see the server's runs because they happen on this host. The multi-test checks run C++
 * fixtures through the batch runner (compile once, run many).
 */
import { afterAll, setDefaultTimeout } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { runSandboxConformance } from "../conformance/suite.ts";

setDefaultTimeout(60_000);

let server: PistonServer | null = null;
afterAll(async () => {
  await server?.stop();
});

runSandboxConformance("piston (against serve --piston)", async () => {
  server = await startTestPistonServer();
  // batchTests: our server caches compiles, so the backend would not batch unless told to.
  const sandbox = createPistonSandbox({ endpoints: [{ url: server.url, concurrency: 4 }], batchTests: 32 });
  // The self-test is where the backend turns on runPair, collect and batching (its sessions batch
  // the upcoming tests), so the multi-test checks run C++ fixtures through the batch runner.
  await sandbox.selfTest();
  return sandbox;
});
