/**
 * Worker entry of the Piston server: serves HTTP (validation, admission, /health) on its own thread,
 * so /health answers promptly while the main thread is busy starting and reaping sandboxed
 * programs. Admitted jobs are run by the main thread, which owns the sandbox.
 */
import type { PistonExecuteResponse, PistonPairResponse } from "../../judges/piston-wire.ts";
import { serveFromWorker } from "../http-worker/serve.ts";
import { createPistonApp } from "./app.ts";
import type { WorkerAnswer, WorkerInit, WorkerJob } from "./worker-protocol.ts";

serveFromWorker<WorkerInit, WorkerJob, WorkerAnswer>((init, call) => {
  // The main thread answers each kind of job with its own response shape.
  const app = createPistonApp({
    ...init,
    execute: (job) => call({ execute: job }) as Promise<PistonExecuteResponse>,
    ...(init.pair ? { executePair: (job) => call({ pair: job }) as Promise<PistonPairResponse> } : {}),
  });
  // Bun's own cap sits above the app's, so an oversized body gets the app's 413 {message}, not a bare one.
  return { fetch: app.fetch, maxRequestBodySize: init.limits.maxBodyBytes * 2 + (1 << 20) };
});
