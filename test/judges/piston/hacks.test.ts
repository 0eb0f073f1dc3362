/**
 * The reward-hacking catalogue against the Piston backend (real HTTP to our server on loopback,
 * local sandbox behind it). Function-mode and interactive entries are skipped: they need two
 * processes joined by a pipe (runPair), which Piston's one-process-per-request API cannot express;
 * the grader refuses them with a clear error instead of judging them unsafely.
 */
import { afterAll } from "bun:test";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { createPistonSandbox } from "../../../judges/piston/index.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { HACK_CATALOGUE, runHackCatalogue } from "../hacks/catalogue.ts";

const NO_PAIR = "needs runPair (two processes joined by a pipe), which Piston's API cannot express";

const skips = Object.fromEntries(HACK_CATALOGUE.filter((e) => e.task.mode === "function" || e.task.interactor).map((e) => [e.id, NO_PAIR]));

let server: PistonServer | null = null;
afterAll(async () => {
  await server?.stop();
});

runHackCatalogue(
  "piston (against serve --piston)",
  async () => {
    server = await startTestPistonServer();
    return createPistonSandbox({ endpoints: [{ url: server.url, concurrency: 4 }] });
  },
  skips,
);
