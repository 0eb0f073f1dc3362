/**
 * The main-thread half of a server whose HTTP runs on a Worker thread (harness/http-worker/serve.ts):
 * starts the worker, answers its calls with `handle`, and stops it. Used by the reward server and
 * the Piston server, whose main threads own the judge and the sandbox.
 */
import type { FromHttpWorker, ToHttpWorker } from "./protocol.ts";

export interface HttpWorkerOptions<Init, Req, Res> {
  /** The worker entry (it calls serveFromWorker), as a URL string. */
  entry: string;
  /** Names the server in the error a crashed worker gives ("reward server"). */
  what: string;
  port: number;
  hostname: string;
  init: Init;
  /** Does one forwarded request; `signal` aborts when the HTTP side gives up on it or the server stops. */
  handle: (request: Req, signal: AbortSignal) => Promise<Res>;
}

export interface HttpWorker {
  /** The port the worker listens on (the one picked when 0 was asked for). */
  port: number;
  /** Closes the listener, aborts the calls still running and ends the worker. */
  stop(): Promise<void>;
}

/** Resolves once the worker listens; rejects with the worker's own error when it cannot. */
export function startHttpWorker<Init, Req, Res>(o: HttpWorkerOptions<Init, Req, Res>): Promise<HttpWorker> {
  const worker = new Worker(o.entry);
  const send = (m: ToHttpWorker<Init, Res>) => worker.postMessage(m);
  const running = new Map<number, AbortController>();
  let onStopped: (() => void) | null = null;

  const answer = async (id: number, request: Req) => {
    const controller = new AbortController();
    running.set(id, controller);
    try {
      send({ type: "reply", id, ok: true, value: await o.handle(request, controller.signal) });
    } catch (e: unknown) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ type: "reply", id, ok: false, error: { name: err.name, message: err.message } });
    } finally {
      running.delete(id);
    }
  };

  const stop = () =>
    new Promise<void>((done) => {
      onStopped = () => {
        for (const c of running.values()) c.abort();
        worker.terminate();
        done();
      };
      send({ type: "stop" });
    });

  return new Promise<HttpWorker>((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`${o.what} worker failed: ${e.message}`));
    worker.onmessage = (event: MessageEvent<FromHttpWorker<Req>>) => {
      const m = event.data;
      if (m.type === "call") void answer(m.id, m.request);
      else if (m.type === "abort") running.get(m.id)?.abort();
      else if (m.type === "failed") {
        worker.terminate();
        reject(new Error(m.error));
      } else if (m.type === "stopped") onStopped?.();
      else if (m.type === "ready") resolve({ port: m.port, stop });
    };
    send({ type: "init", port: o.port, hostname: o.hostname, init: o.init });
  });
}
