/**
 * The reward-hacking catalogue against the Piston backend (real HTTP to our server on loopback,
 * local sandbox behind it). Function-mode entries run through the server's execute-pair extension
 * (runPair); interactive entries read the interactor's output file back through its collect
 * extension. No entry is skipped.
 */
import { afterAll } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { runHackCatalogue } from "../hacks/catalogue.ts";

let server: PistonServer | null = null;
afterAll(async () => {
  await server?.stop();
});

runHackCatalogue(
  "piston (against serve --piston)",
  async () => {
    server = await startTestPistonServer();
    // batchTests: C++ stdio entries run through the batch runner (our server alone would not be batched).
    const sandbox = createPistonSandbox({ endpoints: [{ url: server.url, concurrency: 4 }], batchTests: 32 });
    // The self-test is where the backend finds the execute-pair extension and offers runPair.
    await sandbox.selfTest();
    return sandbox;
  },
);
