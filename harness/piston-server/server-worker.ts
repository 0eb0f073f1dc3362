/**
 * Worker entry of the Piston server: serves HTTP (validation, admission, /health) on its own thread,
 * so /health answers promptly while the main thread is busy starting and reaping sandboxed
 * programs. Admitted jobs are run by the main thread, which owns the sandbox.
 */
import type { PistonExecuteResponse } from "../../judges/piston-wire.ts";
import { createPistonApp } from "./app.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol.ts";

declare const self: Worker;

const post = (m: FromWorker) => self.postMessage(m);
const pending = new Map<number, { resolve: (v: PistonExecuteResponse) => void; reject: (e: Error) => void }>();
let server: ReturnType<typeof Bun.serve> | null = null;

function start(init: WorkerInit): void {
  let nextId = 0;
  const app = createPistonApp({
    runtimes: init.runtimes,
    limits: init.limits,
    admission: init.admission,
    token: init.token,
    execute: (job) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        post({ type: "execute", id, job });
      }),
  });
  // Bun's own cap sits above the app's, so an oversized body gets the app's 413 {message}, not a bare one.
  const maxRequestBodySize = init.limits.maxBodyBytes * 2 + (1 << 20);
  // A queued job can wait minutes; Bun's default idle timeout (10 s) would cut its connection.
  server = Bun.serve({ port: init.port, hostname: init.hostname, fetch: app.fetch, idleTimeout: 0, maxRequestBodySize });
  post({ type: "ready", port: server.port ?? 0 });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === "init") {
    try {
      start(m);
    } catch (e: unknown) {
      post({ type: "failed", error: e instanceof Error ? e.message : String(e) });
    }
  } else if (m.type === "done") {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  } else if (m.type === "stop") {
    void (async () => {
      await server?.stop(true);
      post({ type: "stopped" });
    })();
  }
};
