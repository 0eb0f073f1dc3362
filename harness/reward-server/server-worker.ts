/**
 * Worker entry of the reward server: serves HTTP on its own thread so /health answers promptly
 * while the main thread is busy starting sandboxed programs (spawning and cleaning up runs
 * blocks an event loop for milliseconds at a time). Judging is forwarded to the main thread.
 */
import type { Problem } from "../../datasets/types.ts";
import { serveFromWorker } from "../http-worker/serve.ts";
import type { JudgedSample, SampleJudge } from "../types.ts";
import { createRewardApp } from "./app.ts";
import type { JudgeRequest, WorkerInit } from "./worker-protocol.ts";

serveFromWorker<WorkerInit, JudgeRequest, JudgedSample>((init, call) => {
  const problems = new Map<string, Problem>(init.problems.map((p) => [p.id, p]));
  const judge: SampleJudge = (problem, sample, opts = {}) => {
    // Identity, not just id: an inline problem may reuse a dataset id with other tests.
    const ref = problems.get(problem.id) === problem ? { id: problem.id } : { problem };
    const { signal, ...rest } = opts;
    return call({ ref, sample, opts: rest }, signal);
  };
  return { fetch: createRewardApp({ ...init.options, judge, problems }).fetch };
});
