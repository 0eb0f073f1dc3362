/**
 * Starts the reward server for `bun run serve --rewards`, the bench and tests.
 *
 * By default HTTP is served from a Worker thread and only judging stays on the calling thread:
 * a sandbox that spawns processes and removes run folders synchronously would otherwise hold
 * /health (and every response) behind that work. `isolate: false` serves in-process.
 */
import type { Problem } from "../../datasets/types.ts";
import { createRewardApp, type RewardAppOptions } from "./app.ts";
import { startHttpWorker } from "../http-worker/start.ts";
import type { JudgedSample } from "../types.ts";
import { type JudgeRequest, stripProblem, type WorkerInit } from "./worker-protocol.ts";

export interface RewardServerOptions extends RewardAppOptions {
  /** 0 picks a free port (default 8321). */
  port?: number;
  /** Default 127.0.0.1: exposing a code-execution service is the caller's explicit choice. */
  hostname?: string;
  /** Serve HTTP from a worker thread (default true). */
  isolate?: boolean;
}

export interface RewardServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the server and resolves once it listens; `stop()` closes it. */
export async function startRewardServer(opts: RewardServerOptions): Promise<RewardServer> {
  const port = opts.port ?? 8321;
  const hostname = opts.hostname ?? "127.0.0.1";
  if (opts.isolate === false) {
    const app = createRewardApp(opts);
    // A batch of slow judgings can take minutes; Bun's default idle timeout (10 s) would cut it.
    const server = Bun.serve({ port, hostname, fetch: app.fetch, idleTimeout: 0 });
    return { url: listenUrl(hostname, server.port ?? port), port: server.port ?? port, stop: () => server.stop(true) };
  }
  return startIsolated(opts, port, hostname);
}

async function startIsolated(opts: RewardServerOptions, port: number, hostname: string): Promise<RewardServer> {
  const { judge: _judge, problems, port: _port, hostname: _hostname, isolate: _isolate, ...options } = opts;
  const worker = await startHttpWorker<WorkerInit, JudgeRequest, JudgedSample>({
    entry: new URL("./server-worker.ts", import.meta.url).href,
    what: "reward server",
    port,
    hostname,
    init: { problems: [...problems.values()].map(stripProblem), options },
    handle: async ({ ref, sample, opts: judgeOpts }, signal) => {
      const problem = "id" in ref ? problems.get(ref.id) : ref.problem;
      if (!problem) throw new Error(`problem '${"id" in ref ? ref.id : "?"}' vanished from the dataset`);
      return opts.judge(problem, sample, { ...judgeOpts, signal });
    },
  });
  return { url: listenUrl(hostname, worker.port), port: worker.port, stop: worker.stop };
}

/** An IPv6 literal needs brackets in a URL (`http://[::1]:8321`), or clients read its colons as the port. */
function listenUrl(hostname: string, port: number): string {
  return `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
}

/** Problems as a map by id, for callers holding a list. */
export function indexProblems(list: Iterable<Problem>): Map<string, Problem> {
  return new Map([...list].map((p) => [p.id, p]));
}
