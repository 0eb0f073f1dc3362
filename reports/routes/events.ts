/** Server-Sent Events for a run in progress: polls the database and pushes its progress when it changes. */
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { HarnessDb } from "../../harness/store/db.ts";
import { loadProgress } from "../data/live.ts";
import { loadRunRow } from "../data/runs.ts";
import { HttpError } from "../errors.ts";
import { parseId } from "../params.ts";

/** A comment line is sent after this long without an event, so proxies keep the connection. */
const KEEPALIVE_MS = 15_000;

/**
 * Registers GET /api/runs/:id/events. Events: `progress` (RunProgress JSON) whenever the counts or
 * status change, then `done` once the run is no longer running, after which the stream closes.
 */
export function registerEvents(app: Hono, db: HarnessDb, pollMs: number): void {
  app.get("/api/runs/:id/events", (c) => {
    const id = parseId("id", c.req.param("id"), "path");
    loadRunRow(db, id); // unknown run: a 404 before any stream starts
    return streamSSE(c, async (stream) => {
      let last = "";
      let lastWrite = Date.now();
      let seq = 0;
      while (!stream.aborted) {
        let progress;
        try {
          progress = loadProgress(db, id);
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          await stream.writeSSE({ event: "gone", data: JSON.stringify({ runId: id, message: err.message }) });
          return;
        }
        const json = JSON.stringify(progress);
        if (json !== last) {
          await stream.writeSSE({ event: "progress", data: json, id: String(++seq) });
          last = json;
          lastWrite = Date.now();
        } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
          await stream.write(": keep-alive\n\n");
          lastWrite = Date.now();
        }
        if (progress.status !== "running") {
          await stream.writeSSE({ event: "done", data: json });
          return;
        }
        await stream.sleep(pollMs);
      }
    });
  });
}
