/**
 * Worker entry of the reward server: serves HTTP on its own thread so /health answers promptly
 * while the main thread is busy starting sandboxed programs (spawning and cleaning up runs
 * blocks an event loop for milliseconds at a time). Judging is forwarded to the main thread.
 */
import type { Problem } from "../../datasets/types.ts";
import type { JudgedSample, SampleJudge } from "../types.ts";
import { createRewardApp } from "./app.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol.ts";

declare const self: Worker;

const post = (m: FromWorker) => self.postMessage(m);
const pending = new Map<number, { resolve: (v: JudgedSample) => void; reject: (e: Error) => void }>();
let server: ReturnType<typeof Bun.serve> | null = null;

function start(init: WorkerInit): void {
  const problems = new Map<string, Problem>(init.problems.map((p) => [p.id, p]));
  let nextId = 0;
  const judge: SampleJudge = (problem, sample, opts = {}) =>
    new Promise<JudgedSample>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // Identity, not just id: an inline problem may reuse a dataset id with other tests.
      const ref = problems.get(problem.id) === problem ? { id: problem.id } : { problem };
      const { signal, ...rest } = opts;
      post({ type: "judge", id, ref, sample, opts: rest });
      signal?.addEventListener("abort", () => post({ type: "abort", id }), { once: true });
    });
  const app = createRewardApp({ ...init.options, judge, problems });
  server = Bun.serve({ port: init.port, hostname: init.hostname, fetch: app.fetch, idleTimeout: 0 });
  post({ type: "ready", port: server.port ?? 0, hostname: server.hostname ?? init.hostname });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === "init") {
    try {
      start(m);
    } catch (e: unknown) {
      post({ type: "failed", error: e instanceof Error ? e.message : String(e) });
    }
  } else if (m.type === "judged") {
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
