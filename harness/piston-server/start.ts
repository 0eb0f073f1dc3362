/** Starts the Piston-compatible server (`bun run serve --piston`, tests, bench) on a sandbox. */
import { availableParallelism } from "node:os";
import type { Sandbox } from "../../judges/types.ts";
import type { AdmissionOptions } from "./admission.ts";
import { createPistonApp } from "./app.ts";
import { buildRuntimes } from "./runtimes.ts";
import { DEFAULT_SERVER_LIMITS, type PistonServerLimits } from "./validate.ts";

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
  const app = createPistonApp({
    sandbox: o.sandbox,
    runtimes,
    limits: { ...DEFAULT_SERVER_LIMITS, ...o.limits },
    // One job per core: oversubscribed cores would make CPU times, and so TLE, depend on load.
    admission: { concurrency: cores, queueSize: 64 * cores, perClient: 16 * cores, ...o.admission },
    token: o.token ?? null,
  });
  const hostname = o.hostname ?? "127.0.0.1";
  // Bun's own cap sits above the app's, so an oversized body gets the app's 413 {message}, not a bare one.
  const bodyCap = o.limits?.maxBodyBytes ?? DEFAULT_SERVER_LIMITS.maxBodyBytes;
  // A queued job can wait minutes; Bun's default idle timeout (10 s) would cut its connection.
  const server = Bun.serve({ port: o.port ?? 2000, hostname, fetch: app.fetch, idleTimeout: 0, maxRequestBodySize: bodyCap * 2 + (1 << 20) });
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return { url: `http://${host}:${server.port}`, port: server.port ?? 0, stop: async () => void (await server.stop(true)) };
}
