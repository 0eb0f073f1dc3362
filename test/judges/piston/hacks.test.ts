/**
 * The reward-hacking catalogue against the Piston backend (real HTTP to our server on loopback,
 * local sandbox behind it). Function-mode entries run through the server's execute-pair extension
 * (runPair). Interactive entries are skipped: the grader reads the interactor's output file back
 * (PairSide.collect), and a Piston response carries stdout and stderr only.
 */
import { afterAll } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { HACK_CATALOGUE, runHackCatalogue } from "../hacks/catalogue.ts";

const NO_COLLECT = "needs the interactor's output file read back (PairSide.collect), which a Piston response cannot carry";

const skips = Object.fromEntries(HACK_CATALOGUE.filter((e) => e.task.interactor).map((e) => [e.id, NO_COLLECT]));

let server: PistonServer | null = null;
afterAll(async () => {
  await server?.stop();
});

runHackCatalogue(
  "piston (against serve --piston)",
  async () => {
    server = await startTestPistonServer();
    const sandbox = createPistonSandbox({ endpoints: [{ url: server.url, concurrency: 4 }] });
    // The self-test is where the backend finds the execute-pair extension and offers runPair.
    await sandbox.selfTest();
    return sandbox;
  },
  skips,
);
