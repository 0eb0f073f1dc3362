/**
 * The Piston-compatible server (Hono). Routes, as Piston's API v2:
 *   GET  /api/v2/runtimes   [{language, version, aliases, runtime?}]
 *   GET  /api/v2/packages   the served runtimes as installed packages
 *   POST /api/v2/execute    {language, version, files, stdin, args, limits} -> {language, version, compile?, run}
 * plus GET /health (load; never behind the token or the queue), and, when the sandbox can pair runs,
 * the extension POST /api/v2/execute-pair {program, peer} -> {program, peer} (pair.ts), advertised
 * by the `x-piston-extensions: execute-pair` header on every /api answer, and the `collect` extension
 * (an execute body's `collect` names files read back into the run stage's `files`), and
 * `cached-compile` (compiles are cached by content, so clients need not batch tests). Errors are `{message}` with Piston's
 * status codes: 400 bad field, 413 body too large, 415 not JSON, 429 queue full, 500 sandbox failure;
 * 401 when a token is configured and the request lacks it.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getConnInfo } from "hono/bun";
import { CACHED_COMPILE_EXTENSION, COLLECT_EXTENSION, EXTENSIONS_HEADER, OUTPUT_CAP_HEADER, PAIR_EXTENSION, type PistonExecuteResponse, type PistonPairResponse } from "../../judges/piston-wire.ts";
import { bearerMatches } from "../serve-access.ts";
import { createAdmission, type AdmissionOptions } from "./admission.ts";
import { type PairJob, parsePairRequest } from "./pair.ts";
import { describeRuntimes, type ServedRuntime } from "./runtimes.ts";
import { type ExecuteJob, ExecuteRequestError, parseExecuteRequest, type PistonServerLimits } from "./validate.ts";

export interface PistonAppOptions {
  /** Runs one admitted job (on the sandbox, possibly on another thread). */
  execute: (job: ExecuteJob) => Promise<PistonExecuteResponse>;
  /** Runs one admitted pair job; absent: the sandbox cannot pair runs, and the extension is off. */
  executePair?: (job: PairJob) => Promise<PistonPairResponse>;
  runtimes: readonly ServedRuntime[];
  limits: PistonServerLimits;
  admission: AdmissionOptions;
  /** Bearer token every /api request must carry (null: none, loopback only). */
  token: string | null;
}

export function createPistonApp(o: PistonAppOptions): Hono {
  const app = new Hono();
  const admission = createAdmission(o.admission);
  const started = Date.now();

  app.get("/health", (c) => c.json({ status: "ok", uptime_s: Math.round((Date.now() - started) / 1000), ...admission.load() }));

  app.use("/api/*", async (c, next) => {
    if (o.token && !bearerMatches(c.req.header("authorization"), o.token)) return c.json({ message: "a valid bearer token is required" }, 401);
    c.header(OUTPUT_CAP_HEADER, String(o.limits.outputCapBytes));
    c.header(EXTENSIONS_HEADER, [...(o.executePair ? [PAIR_EXTENSION] : []), COLLECT_EXTENSION, CACHED_COMPILE_EXTENSION].join(", "));
    await next();
  });

  app.get("/api/v2/runtimes", (c) => c.json(describeRuntimes(o.runtimes)));
  app.get("/api/v2/packages", (c) => c.json(o.runtimes.map((rt) => ({ language: rt.language, language_version: rt.version, installed: true }))));

  /** Both execute routes: body checks, validation, admission (one slot per job), then the sandbox. */
  const route = <J, R>(path: string, parse: (body: unknown) => J, run: (job: J) => Promise<R>) =>
    app.post(
      path,
      bodyLimit({ maxSize: o.limits.maxBodyBytes, onError: (c) => c.json({ message: `request body exceeds ${o.limits.maxBodyBytes} bytes` }, 413) }),
      async (c) => {
        // Stock Piston takes application/json only; text/plain (or none) is accepted too, because that is
        // what fetch sends for a string body and engineer-man's own piston-client (1.0.2) sets no type.
        const type = c.req.header("content-type") ?? "text/plain";
        if (!type.startsWith("application/json") && !type.startsWith("text/plain")) return c.json({ message: "requests must be of type application/json" }, 415);
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return c.json({ message: "request body is not valid JSON" }, 400);
        }
        let job;
        try {
          job = parse(body);
        } catch (err) {
          if (err instanceof ExecuteRequestError) return c.json({ message: err.message }, 400);
          throw err;
        }
        const admitted = admission.admit(clientOf(c));
        if (!admitted) {
          c.header("retry-after", "1");
          return c.json({ message: "too many jobs queued; retry later" }, 429);
        }
        const release = await admitted;
        try {
          return c.json(await run(job) as object);
        } catch (err) {
          return c.json({ message: `sandbox failure: ${err instanceof Error ? err.message : String(err)}` }, 500);
        } finally {
          release();
        }
      },
    );
  route("/api/v2/execute", (body) => parseExecuteRequest(body, o.runtimes, o.limits), o.execute);
  const executePair = o.executePair;
  if (executePair) route("/api/v2/execute-pair", (body) => parsePairRequest(body, o.runtimes, o.limits), executePair);

  app.notFound((c) => c.json({ message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((err, c) => c.json({ message: `internal error: ${err.message}` }, 500));
  return app;
}

/**
 * Who a request comes from, for per-client limits: its remote address. Not a header the client
 * chooses, and not the token, which every client of a fleet shares.
 */
function clientOf(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
