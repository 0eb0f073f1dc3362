/**
 * Worker entry of the Piston server: serves HTTP (validation, admission, /health) on its own thread,
 * so /health answers promptly while the main thread is busy starting and reaping sandboxed
 * programs. Admitted jobs are run by the main thread, which owns the sandbox.
 */
import type { PistonExecuteResponse } from "../../judges/piston-wire.ts";
import { serveFromWorker } from "../http-worker/serve.ts";
import { createPistonApp } from "./app.ts";
import type { ExecuteJob } from "./validate.ts";
import type { WorkerInit } from "./worker-protocol.ts";

serveFromWorker<WorkerInit, ExecuteJob, PistonExecuteResponse>((init, call) => {
  const app = createPistonApp({ ...init, execute: (job) => call(job) });
  // Bun's own cap sits above the app's, so an oversized body gets the app's 413 {message}, not a bare one.
  return { fetch: app.fetch, maxRequestBodySize: init.limits.maxBodyBytes * 2 + (1 << 20) };
});
