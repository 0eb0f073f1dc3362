/**
 * Starts the Piston-compatible server (`bun run serve --piston`, tests, bench) on a sandbox.
 * HTTP is served from a Worker thread and only the sandbox work stays on the calling thread, as in
 * the reward server: spawning and reaping sandboxed programs blocks an event loop for milliseconds
 * at a time, which would otherwise hold /health (and every response) behind it.
 */
import { availableParallelism } from "node:os";
import type { Sandbox } from "../../judges/types.ts";
import type { AdmissionOptions } from "./admission.ts";
import { executeJob } from "./execute.ts";
import { buildRuntimes } from "./runtimes.ts";
import { DEFAULT_SERVER_LIMITS, type PistonServerLimits } from "./validate.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

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
  const worker = new Worker(new URL("./server-worker.ts", import.meta.url).href);
  const send = (m: ToWorker) => worker.postMessage(m);

  const run = async (id: number, job: Extract<FromWorker, { type: "execute" }>["job"]) => {
    try {
      send({ type: "done", id, ok: true, value: await executeJob(o.sandbox, job, limits) });
    } catch (e: unknown) {
      send({ type: "done", id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return new Promise<PistonServer>((resolve, reject) => {
    let onStopped: (() => void) | null = null;
    worker.onerror = (e) => reject(new Error(`piston server worker failed: ${e.message}`));
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "execute") void run(m.id, m.job);
      else if (m.type === "failed") {
        worker.terminate();
        reject(new Error(m.error));
      } else if (m.type === "stopped") onStopped?.();
      else if (m.type === "ready") {
        const host = hostname.includes(":") ? `[${hostname}]` : hostname;
        resolve({
          url: `http://${host}:${m.port}`,
          port: m.port,
          stop: () =>
            new Promise<void>((done) => {
              onStopped = () => {
                worker.terminate();
                done();
              };
              send({ type: "stop" });
            }),
        });
      }
    };
    send({ type: "init", runtimes, limits, admission, token: o.token ?? null, port: o.port ?? 2000, hostname });
  });
}
