/**
 * The worker half of a server whose HTTP runs on its own thread: it builds the app from the main
 * thread's init message, listens, and forwards the work the app hands it to the main thread. So
 * /health answers promptly while the main thread is busy starting and reaping sandboxed programs
 * (which blocks an event loop for milliseconds at a time).
 */
import type { FromHttpWorker, ToHttpWorker } from "./protocol.ts";

declare const self: Worker;

/** Forwards one request to the main thread; aborting `signal` tells the main thread to give up on it. */
export type CallMain<Req, Res> = (request: Req, signal?: AbortSignal) => Promise<Res>;

export interface WorkerApp {
  fetch: (request: Request) => Response | Promise<Response>;
  /** Bun's own body cap, when the app's own cap must be the one clients see. */
  maxRequestBodySize?: number;
}

/** Call once at the top of a worker entry: `build` makes the app when the init message arrives. */
export function serveFromWorker<Init, Req, Res>(build: (init: Init, call: CallMain<Req, Res>) => WorkerApp): void {
  const post = (m: FromHttpWorker<Req>) => self.postMessage(m);
  const pending = new Map<number, { resolve: (v: Res) => void; reject: (e: Error) => void }>();
  let server: ReturnType<typeof Bun.serve> | null = null;
  let nextId = 0;

  const call: CallMain<Req, Res> = (request, signal) =>
    new Promise<Res>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ type: "call", id, request });
      signal?.addEventListener("abort", () => post({ type: "abort", id }), { once: true });
    });

  const start = (m: Extract<ToHttpWorker<Init, Res>, { type: "init" }>) => {
    const app = build(m.init, call);
    const bodyCap = app.maxRequestBodySize === undefined ? {} : { maxRequestBodySize: app.maxRequestBodySize };
    // A queued job or a batch of slow judgings can take minutes; Bun's default idle timeout (10 s) would cut its connection.
    server = Bun.serve({ port: m.port, hostname: m.hostname, fetch: app.fetch, idleTimeout: 0, ...bodyCap });
    post({ type: "ready", port: server.port ?? 0 });
  };

  self.onmessage = (event: MessageEvent<ToHttpWorker<Init, Res>>) => {
    const m = event.data;
    if (m.type === "init") {
      try {
        start(m);
      } catch (e: unknown) {
        post({ type: "failed", error: e instanceof Error ? e.message : String(e) });
      }
    } else if (m.type === "reply") {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else {
        const err = new Error(m.error.message);
        err.name = m.error.name;
        p.reject(err);
      }
    } else if (m.type === "stop") {
      void (async () => {
        await server?.stop(true);
        post({ type: "stopped" });
      })();
    }
  };
}
