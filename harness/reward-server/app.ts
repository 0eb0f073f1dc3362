/**
 * The reward server (Hono). Routes:
 *   GET  /health               liveness and load
 *   GET  /v1/schemas           built-in and configured schemas, modifiers
 *   GET  /v1/stats             requests, items by status, cache hits, latency percentiles
 *   POST /v1/rewards           {schema, items, tests?, deadline_ms?} -> {results}
 *   POST /get_reward           OpenRLHF remote reward: {query, prompts, labels} -> {rewards, scores, extra_logs}
 *   POST /v1/output-prediction CRUXEval-style prediction checks and the adversarial code game
 * The judge is injected: this module never builds a sandbox.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Problem } from "../../datasets/types.ts";
import type { RewardSchema, RewardSchemaInput } from "../rewards/definition.ts";
import { RewardSchemaError } from "../rewards/definition.ts";
import { validateSchema } from "../rewards/evaluate.ts";
import { judgeOutputPrediction } from "../rewards/output-prediction.ts";
import { listSchemas, resolveSchema } from "../rewards/registry.ts";
import { bearerMatches } from "../serve-access.ts";
import type { SampleJudge } from "../types.ts";
import type { RewardAppContext } from "./app-context.ts";
import { scoreOpenRlhf } from "./openrlhf.ts";
import { BadRequest, parseBody, parseInlineProblem, predictionRequest, rewardsRequest } from "./requests.ts";
import { createScorer, type ScoreItem, type Scorer } from "./scorer.ts";
import { DeadlineExceeded } from "./judge-cache.ts";
import { DEFAULT_SPECIAL_TOKENS } from "./special-tokens.ts";

export interface RewardAppOptions {
  judge: SampleJudge;
  /** Problems requests may name by id (the dataset loaded at start-up). */
  problems: ReadonlyMap<string, Problem>;
  /** Judgings in flight at once (default 8). */
  concurrency?: number;
  /** Default and maximum deadline of one request, ms (default 120 000). */
  deadlineMs?: number;
  /** Extra schemas (e.g. loaded from a user's file), usable by name; they shadow built-ins. */
  schemas?: readonly (RewardSchema | RewardSchemaInput)[];
  /** Schema of the OpenRLHF endpoint when the request names none (default "binary"). */
  defaultSchema?: string;
  /** Judged samples remembered (default 20 000). */
  cacheSize?: number;
  /** Tokens stripped from the ends of OpenRLHF responses (default DEFAULT_SPECIAL_TOKENS). */
  specialTokens?: readonly string[];
  /** Largest request body, bytes (default 64 MiB). */
  maxBodyBytes?: number;
  /** Bearer token every request but /health must carry (harness/serve-access.ts); null or absent: none. */
  token?: string | null;
}

/** Largest request body accepted: 4 096 items of long completions fit; a runaway client does not. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export type { RewardAppContext } from "./app-context.ts";

/** Creates the reward server application. */
export function createRewardApp(opts: RewardAppOptions): Hono {
  const catalog = new Map((opts.schemas ?? []).map((s) => [s.name, validateSchema(s)] as const));
  const resolved = new Map<string, RewardSchema>();
  const scorer = createScorer({ judge: opts.judge, concurrency: opts.concurrency, cacheSize: opts.cacheSize });
  const started = Date.now();
  const ctx: RewardAppContext = {
    scorer,
    problems: opts.problems,
    deadlineMs: opts.deadlineMs ?? 120_000,
    defaultSchema: opts.defaultSchema ?? "binary",
    schemaFor(spec) {
      if (typeof spec !== "string") return validateSchema(spec);
      // A remote client names schemas; it may not make the server read files.
      if (/\.(json|ya?ml)$/i.test(spec) || spec.includes("/")) throw new BadRequest(`schema: '${spec}' looks like a path; send the schema inline`);
      let s = resolved.get(spec);
      if (!s) {
        s = resolveSchema(spec, catalog);
        resolved.set(spec, s);
      }
      return s;
    },
    buildItems(items, field) {
      const inline = new Map<string, { problem: Problem; key: string }>();
      return items.map((it, i) => {
        let problem: Problem;
        let key: string;
        if (it.problem_id !== undefined) {
          const p = opts.problems.get(it.problem_id);
          if (!p) throw new BadRequest(`${field}[${i}].problem_id: unknown problem '${it.problem_id}' (${opts.problems.size} problems loaded)`);
          problem = p;
          key = `id:${p.id}`;
        } else {
          const body = JSON.stringify(it.problem);
          // A GRPO group sends the same inline problem with every sample: convert and hash it once.
          let entry = inline.get(body);
          if (!entry) {
            entry = { problem: parseInlineProblem(it.problem ?? {}, `${field}[${i}].problem`), key: `inline:${new Bun.CryptoHasher("sha256").update(body).digest("hex")}` };
            inline.set(body, entry);
          }
          problem = entry.problem;
          key = entry.key;
        }
        return { id: it.id, problem, problemKey: key, completion: it.completion, ...(it.language ? { language: it.language } : {}), ...(it.truncated !== undefined ? { truncated: it.truncated } : {}), ...(it.group !== undefined ? { group: `group:${it.group}` } : {}) };
      });
    },
  };

  const app = new Hono();
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const token = opts.token;
  if (token) {
    app.use("*", async (c, next) => {
      if (c.req.path !== "/health" && !bearerMatches(c.req.header("authorization"), token)) return c.json({ error: "a valid bearer token is required" }, 401);
      await next();
    });
  }
  app.use("*", bodyLimit({ maxSize: maxBody, onError: (c) => c.json({ error: `body: larger than ${maxBody} bytes` }, 413) }));
  app.onError((err, c) => {
    if (err instanceof BadRequest || err instanceof RewardSchemaError) return c.json({ error: err.message }, 400);
    return c.json({ error: `internal error: ${err.message}` }, 500);
  });

  app.get("/health", (c) => c.json({ status: "ok", uptime_s: Math.round((Date.now() - started) / 1000), ...snakeStats(scorer) }));
  app.get("/v1/schemas", (c) => c.json(listSchemas(catalog)));
  app.get("/v1/stats", (c) => c.json({ uptime_s: Math.round((Date.now() - started) / 1000), ...scorer.scoreStats(), ...snakeStats(scorer) }));

  app.post("/v1/rewards", async (c) => {
    const req = parseBody(rewardsRequest, await readJson(c));
    const schema = ctx.schemaFor(req.schema);
    const items = ctx.buildItems(req.items, "items");
    if (req.tests === "public") {
      // Judging on no test at all would pass for a failure: refuse instead of answering 0.
      const i = items.findIndex((it) => !it.problem.tests.some((t) => t.kind === "public"));
      if (i >= 0) throw new BadRequest(`items[${i}]: problem '${items[i]!.problem.id}' has no public tests; use tests: "all"`);
    }
    const results = await scorer.score(items, { schema, tests: req.tests, deadlineMs: clampDeadline(req.deadline_ms, ctx.deadlineMs) });
    return c.json({ schema: schema.name, results });
  });

  const specialTokens = opts.specialTokens ?? DEFAULT_SPECIAL_TOKENS;
  const noteRefusal = createRefusalLog();
  app.post("/get_reward", async (c) => {
    try {
      return c.json(await scoreOpenRlhf(ctx, await readJson(c), { schema: c.req.query("schema"), deadline_ms: c.req.query("deadline_ms") }, specialTokens));
    } catch (e: unknown) {
      // OpenRLHF logs a refused request at INFO only, after five tries: say it where the operator looks.
      if (e instanceof BadRequest || e instanceof RewardSchemaError) noteRefusal(e.message);
      throw e;
    }
  });

  app.post("/v1/output-prediction", async (c) => {
    const req = parseBody(predictionRequest, await readJson(c));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), clampDeadline(req.deadline_ms, ctx.deadlineMs));
    try {
      const results = await Promise.all(
        req.items.map(async (it) => {
          const t0 = performance.now();
          const latency_ms = () => Math.round(performance.now() - t0);
          try {
            const o = await scorer.runJudged((signal) => judgeOutputPrediction(opts.judge, it.task, it.prediction, it.role, { signal }), controller.signal);
            return { id: it.id, reward: o.reward, correct: o.correct, actual: o.actual, verdict: o.verdict, status: o.infraError ? "infra_error" : "ok", latency_ms: latency_ms() };
          } catch (e: unknown) {
            const status = e instanceof DeadlineExceeded ? "timeout" : "infra_error";
            return { id: it.id, reward: null, correct: null, actual: null, verdict: null, status, latency_ms: latency_ms(), error: (e as Error).message };
          }
        }),
      );
      return c.json({ results });
    } finally {
      clearTimeout(timer);
    }
  });

  return app;
}

/** Writes a refused OpenRLHF request to stderr, each distinct message at most once a minute. */
function createRefusalLog(): (message: string) => void {
  const last = new Map<string, number>();
  return (message) => {
    const now = Date.now();
    if (now - (last.get(message) ?? -Infinity) < 60_000) return;
    if (last.size > 100) last.clear();
    last.set(message, now);
    process.stderr.write(`reward server: refused an OpenRLHF request (400): ${message}\n`);
  };
}

function snakeStats(scorer: Scorer) {
  const s = scorer.stats();
  return { in_flight: s.inFlight, pending: s.pending, cached: s.cached, concurrency: s.concurrency };
}

function clampDeadline(requested: number | undefined, max: number): number {
  return requested === undefined ? max : Math.min(requested, max);
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BadRequest("body: not valid JSON");
  }
}
