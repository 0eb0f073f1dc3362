/**
 * Starts the reward server for `bun run serve --rewards`, the bench and tests.
 *
 * By default HTTP is served from a Worker thread and only judging stays on the calling thread:
 * a sandbox that spawns processes and removes run folders synchronously would otherwise hold
 * /health (and every response) behind that work. `isolate: false` serves in-process.
 */
import type { Problem } from "../../datasets/types.ts";
import { createRewardApp, type RewardAppOptions } from "./app.ts";
import { stripProblem, type FromWorker, type ToWorker } from "./worker-protocol.ts";

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
    return { url: `http://${hostname}:${server.port}`, port: server.port ?? port, stop: () => server.stop(true) };
  }
  return startIsolated(opts, port, hostname);
}

function startIsolated(opts: RewardServerOptions, port: number, hostname: string): Promise<RewardServer> {
  const worker = new Worker(new URL("./server-worker.ts", import.meta.url).href);
  const send = (m: ToWorker) => worker.postMessage(m);
  const running = new Map<number, AbortController>();
  let onStopped: (() => void) | null = null;

  const judgeFor = async (m: Extract<FromWorker, { type: "judge" }>) => {
    const controller = new AbortController();
    running.set(m.id, controller);
    try {
      const problem = "id" in m.ref ? opts.problems.get(m.ref.id) : m.ref.problem;
      if (!problem) throw new Error(`problem '${"id" in m.ref ? m.ref.id : "?"}' vanished from the dataset`);
      const value = await opts.judge(problem, m.sample, { ...m.opts, signal: controller.signal });
      send({ type: "judged", id: m.id, ok: true, value });
    } catch (e: unknown) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ type: "judged", id: m.id, ok: false, error: { name: err.name, message: err.message } });
    } finally {
      running.delete(m.id);
    }
  };

  return new Promise<RewardServer>((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`reward server worker failed: ${e.message}`));
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "judge") void judgeFor(m);
      else if (m.type === "abort") running.get(m.id)?.abort();
      else if (m.type === "failed") {
        worker.terminate();
        reject(new Error(m.error));
      } else if (m.type === "stopped") onStopped?.();
      else if (m.type === "ready") {
        resolve({
          url: `http://${hostname}:${m.port}`,
          port: m.port,
          stop: () =>
            new Promise<void>((done) => {
              onStopped = () => {
                for (const c of running.values()) c.abort();
                worker.terminate();
                done();
              };
              send({ type: "stop" });
            }),
        });
      }
    };
    const { judge: _judge, problems, port: _port, hostname: _hostname, isolate: _isolate, ...options } = opts;
    send({ type: "init", problems: [...problems.values()].map(stripProblem), port, hostname, options });
  });
}

/** Problems as a map by id, for callers holding a list. */
export function indexProblems(list: Iterable<Problem>): Map<string, Problem> {
  return new Map([...list].map((p) => [p.id, p]));
}
