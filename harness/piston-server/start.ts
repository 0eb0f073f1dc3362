/**
 * Starts the Piston-compatible server (`bun run serve --piston`, tests, bench) on a sandbox.
 * HTTP is served from a Worker thread and only the sandbox work stays on the calling thread, as in
 * the reward server: spawning and reaping sandboxed programs blocks an event loop for milliseconds
 * at a time, which would otherwise hold /health (and every response) behind it.
 */
import { availableParallelism } from "node:os";
import type { Sandbox } from "../../judges/types.ts";
import { startHttpWorker } from "../http-worker/start.ts";
import type { AdmissionOptions } from "./admission.ts";
import { executeJob } from "./execute.ts";
import { buildRuntimes } from "./runtimes.ts";
import { executePairJob } from "./pair.ts";
import { DEFAULT_SERVER_LIMITS, type PistonServerLimits } from "./validate.ts";
import type { WorkerAnswer, WorkerInit, WorkerJob } from "./worker-protocol.ts";

export interface PistonServerOptions {
  sandbox: Sandbox;
  /** Default 127.0.0.1; the caller checks the access rule (harness/serve-access.ts) first. */
  hostname?: string;
  /** 0 picks a free port (default 2000, Piston's). */
  port?: number;
  token?: string | null;
  limits?: Partial<PistonServerLimits>;
  admission?: Partial<AdmissionOptions>;
}

export interface PistonServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Listens and resolves once ready; the runtimes are read from the sandbox's tool versions. */
export async function startPistonServer(o: PistonServerOptions): Promise<PistonServer> {
  const runtimes = buildRuntimes(await o.sandbox.versions());
  if (runtimes.length === 0) throw new Error("piston server: the sandbox reports neither g++ nor python3");
  const cores = availableParallelism();
  const limits = { ...DEFAULT_SERVER_LIMITS, ...o.limits };
  // One job per core: oversubscribed cores would make CPU times, and so TLE, depend on load.
  const admission = { concurrency: cores, queueSize: 64 * cores, perClient: 16 * cores, ...o.admission };
  const hostname = o.hostname ?? "127.0.0.1";
  const worker = await startHttpWorker<WorkerInit, WorkerJob, WorkerAnswer>({
    entry: new URL("./server-worker.ts", import.meta.url).href,
    what: "piston server",
    port: o.port ?? 2000,
    hostname,
    init: { runtimes, limits, admission, token: o.token ?? null, pair: o.sandbox.runPair !== undefined },
    handle: (job) => ("pair" in job ? executePairJob(o.sandbox, job.pair, limits) : executeJob(o.sandbox, job.execute, limits)),
  });
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return { url: `http://${host}:${worker.port}`, port: worker.port, stop: worker.stop };
}
