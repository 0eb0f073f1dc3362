/** The report viewer as a Hono app over a harness database opened read-only. */
import { existsSync } from "node:fs";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { openDb, type HarnessDb } from "../harness/store/db.ts";
import { ReportDbError } from "./errors.ts";
import { registerEvents } from "./routes/events.ts";
import { registerJobs } from "./routes/jobs.tsx";
import { registerPages } from "./routes/pages.tsx";
import { describeError, sendError } from "./routes/render.tsx";
import { registerStatic } from "./routes/static.ts";

export interface ReportAppOptions {
  dbPath: string;
  /** How often the live event stream polls the database, ms (default 500). */
  pollMs?: number;
}

/** Creates the viewer app over the database at `opts.dbPath` (opened read-only). */
export function createReportApp(opts: ReportAppOptions): Hono {
  return buildReportApp(opts).app;
}

/** Like {@link createReportApp}, also returning a `close` that releases the database. */
export function buildReportApp(opts: ReportAppOptions): { app: Hono; close(): void } {
  const db = openReportDb(opts.dbPath);
  const app = new Hono();
  app.use(
    secureHeaders({
      // Only the viewer's own script and stylesheet run: untrusted text can never become markup that executes.
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(async (c, next) => {
    // Every filter fits in a few hundred characters; a longer URL is a pasted mistake or a probe, and
    // gets a page that says so (Bun itself answers an empty 431 past its header limit; see serve script).
    const length = c.req.url.length;
    if (length > MAX_URL_LENGTH) return sendError(c, 414, `the URL is ${length.toLocaleString("en-US")} characters long; the viewer accepts up to ${MAX_URL_LENGTH.toLocaleString("en-US")} (shorten the query string)`);
    await next();
  });
  registerStatic(app);
  registerEvents(app, db, opts.pollMs ?? 500);
  registerPages(app, db);
  registerJobs(app, db, opts.pollMs ?? 500);
  app.get("/api", (c) => c.json({ routes: API_ROUTES }));
  app.notFound((c) => sendError(c, 404, `no page at ${c.req.path}`));
  app.onError((err, c) => {
    const { status, message } = describeError(err);
    if (status === 500) console.error(`reports: ${c.req.method} ${c.req.path}:`, err);
    return sendError(c, status, message);
  });
  return { app, close: () => db.$client.close() };
}

/** Longest URL the viewer answers; longer ones get a 414 page naming both lengths. */
export const MAX_URL_LENGTH = 8192;

const API_ROUTES = [
  "/api/leaderboard?model=&judge=&from=&to=&sort=&dir=",
  "/api/runs/:id",
  "/api/runs/:id/samples?page=&limit=&verdict=&problem=",
  "/api/runs/:id/rewards",
  "/api/runs/:id/events (text/event-stream)",
  "/api/samples/:id",
  "/api/compare?a=&b=",
  "/api/live",
  "/api/datasets",
  "/api/datasets/:sha?page=&limit=",
  "/api/datasets/:sha/problems/:id?tests=all",
  "/api/jobs",
  "/api/jobs/:id",
  "/api/jobs/:id/events (text/event-stream)",
];

/** Opens the database read-only, with errors that say what to do. */
function openReportDb(path: string): HarnessDb {
  if (!existsSync(path)) throw new ReportDbError(path, "no database here; run `bun run eval` first or pass --db");
  let db: HarnessDb;
  try {
    db = openDb(path, { readonly: true });
  } catch (err) {
    throw new ReportDbError(path, `cannot open the database: ${String(err)}`, { cause: err });
  }
  const table = db.$client.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get();
  if (!table) {
    db.$client.close();
    throw new ReportDbError(path, "not a harness database (no runs table)");
  }
  return db;
}
