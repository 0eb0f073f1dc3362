/** Job pages and the job event stream: `live` events (state and curves) until the job ends. */
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { HarnessDb } from "../../harness/store/db.ts";
import { loadJob, loadJobLive, loadJobs } from "../data/jobs.ts";
import { JobPageView, JobsPage } from "../views/jobs.tsx";
import { sendPage } from "./render.tsx";

const KEEPALIVE_MS = 15_000;
const ENDED = new Set(["completed", "failed", "cancelled"]);

export function registerJobs(app: Hono, db: HarnessDb, pollMs: number): void {
  app.get("/jobs", (c) => sendPage(c, <JobsPage data={loadJobs(db)} />));
  app.get("/api/jobs", (c) => c.json(loadJobs(db)));
  app.get("/jobs/:id", (c) => sendPage(c, <JobPageView data={loadJob(db, c.req.param("id"))} />));
  app.get("/api/jobs/:id", (c) => c.json(loadJob(db, c.req.param("id"))));
  app.get("/api/jobs/:id/events", (c) => {
    const id = c.req.param("id");
    loadJobLive(db, id); // an unknown job is a 404 before any stream starts
    return streamSSE(c, async (stream) => {
      let last = "";
      let lastWrite = Date.now();
      while (!stream.aborted) {
        const live = loadJobLive(db, id);
        const json = JSON.stringify(live);
        if (json !== last) {
          await stream.writeSSE({ event: "live", data: json });
          [last, lastWrite] = [json, Date.now()];
        } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
          await stream.write(": keep-alive\n\n");
          lastWrite = Date.now();
        }
        if (ENDED.has(live.state)) {
          await stream.writeSSE({ event: "done", data: json });
          return;
        }
        await stream.sleep(pollMs);
      }
    });
  });
}
