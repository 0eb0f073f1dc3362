/**
 * HTTP calls to a set of Piston endpoints, with the retry policy of the backend: a refused or reset
 * connection, a timeout, a 5xx or a malformed body marks the endpoint failed and the request is
 * sent again (to another endpoint when there is one) after a backoff with jitter; a 429 waits for
 * Retry-After without blaming the endpoint. Attempts and total time are bounded; then the call is a
 * SandboxError `remote_unreachable`, never a verdict. A request the server refuses as such (400, 401,
 * 413) is not retried: sending it again cannot help.
 */
import {
  EXTENSIONS_HEADER,
  OUTPUT_CAP_HEADER,
  type PistonExecuteRequest,
  type PistonExecuteResponse,
  type PistonPairRequest,
  type PistonPairResponse,
  type PistonRuntime,
} from "../piston-wire.ts";
import { SandboxError } from "../types.ts";
import { type Endpoint, EndpointPool, type EndpointSpec } from "./endpoints.ts";

export interface PistonClientOptions {
  endpoints: readonly EndpointSpec[];
  token?: string;
  /** Attempts per request, all endpoints together (default 8). */
  maxAttempts?: number;
  /** How long one request may keep retrying, ms (default 300 000). */
  giveUpMs?: number;
}

export interface Answer<T> {
  body: T;
  /** The output cap the server states (our server's header), or null. */
  outputCap: number | null;
  /** The extensions the server advertises (our server's header; none for stock Piston). */
  extensions: string[];
}

const BASE_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;

export class PistonClient {
  readonly pool: EndpointPool;

  constructor(private readonly o: PistonClientOptions) {
    if (o.endpoints.length === 0) throw new SandboxError("piston: no endpoint configured (--judge-opt piston=URL[,URL…] or HARNESS_PISTON_URLS)", "sandbox_unavailable");
    this.pool = new EndpointPool(o.endpoints);
  }

  runtimes(timeoutMs = 30_000): Promise<Answer<PistonRuntime[]>> {
    return this.call("GET", "/api/v2/runtimes", undefined, timeoutMs, isRuntimeList);
  }

  execute(request: PistonExecuteRequest, timeoutMs: number): Promise<Answer<PistonExecuteResponse>> {
    return this.call("POST", "/api/v2/execute", JSON.stringify(request), timeoutMs, isExecuteResponse);
  }

  /** Our server's extension (see piston-wire.ts); only for endpoints that advertise it. */
  executePair(request: PistonPairRequest, timeoutMs: number): Promise<Answer<PistonPairResponse>> {
    return this.call("POST", "/api/v2/execute-pair", JSON.stringify(request), timeoutMs, isPairResponse);
  }

  /**
   * The extensions every endpoint advertises, each endpoint asked once (its runtimes answer carries
   * the header). One endpoint without an extension is enough to leave it out: a request may go to any.
   */
  async commonExtensions(timeoutMs = 30_000): Promise<Set<string>> {
    let common = null as Set<string> | null;
    for (const ep of this.pool.endpoints) {
      const result = await this.attempt(ep, "GET", "/api/v2/runtimes", undefined, timeoutMs, isRuntimeList);
      if (!("answer" in result)) throw new SandboxError(`piston GET /api/v2/runtimes failed at ${ep.url}: ${result.error}`, "remote_unreachable");
      const mine = new Set(result.answer.extensions);
      common = common === null ? mine : new Set([...common].filter((e: string) => mine.has(e)));
    }
    return common ?? new Set();
  }

  private async call<T>(method: string, path: string, body: string | undefined, timeoutMs: number, valid: (v: unknown) => v is T): Promise<Answer<T>> {
    const deadline = Date.now() + (this.o.giveUpMs ?? 300_000);
    const maxAttempts = this.o.maxAttempts ?? 8;
    const failed = new Set<Endpoint>();
    let lastError = "no attempt made";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const ep = await this.pool.acquire(deadline, failed);
      if (!ep) break;
      const result = await this.attempt(ep, method, path, body, timeoutMs, valid);
      if ("answer" in result) {
        this.pool.release(ep, { ok: true });
        return result.answer;
      }
      lastError = `${ep.url}: ${result.error}`;
      if (result.kind === "fatal") {
        this.pool.release(ep, { ok: "neutral" });
        throw new SandboxError(`piston ${method} ${path} refused by ${lastError}`, "remote_unreachable");
      }
      if (result.kind === "busy") this.pool.release(ep, { ok: "neutral" });
      else {
        this.pool.release(ep, { ok: false, error: result.error });
        failed.add(ep);
      }
      if (Date.now() >= deadline) break;
      await sleep(Math.min(deadline - Date.now(), result.retryAfterMs ?? backoff(attempt)));
    }
    throw new SandboxError(`piston ${method} ${path} failed after retries; last: ${lastError}; endpoints: ${this.pool.describe()}`, "remote_unreachable");
  }

  private async attempt<T>(
    ep: Endpoint,
    method: string,
    path: string,
    body: string | undefined,
    timeoutMs: number,
    valid: (v: unknown) => v is T,
  ): Promise<{ answer: Answer<T> } | { kind: "retry" | "busy" | "fatal"; error: string; retryAfterMs?: number }> {
    let res: Response;
    let text: string;
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (this.o.token) headers.authorization = `Bearer ${this.o.token}`;
      res = await fetch(`${ep.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      const name = err instanceof Error ? err.name : "";
      const why = name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
      return { kind: "retry", error: why };
    }
    if (res.status === 429) return { kind: "busy", error: "429 busy", retryAfterMs: retryAfter(res.headers.get("retry-after")) };
    if (res.status >= 500) return { kind: "retry", error: `HTTP ${res.status} ${messageOf(text)}` };
    if (res.status === 413) return { kind: "fatal", error: `HTTP 413: the request (${body?.length ?? 0} bytes) exceeds the server's body limit (stock Piston: 100 kB); use a server with a larger limit (serve --piston) ${messageOf(text)}` };
    if (res.status !== 200) return { kind: "fatal", error: `HTTP ${res.status} ${messageOf(text)}` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: "retry", error: `malformed JSON (${JSON.stringify(text.slice(0, 80))})` };
    }
    if (!valid(parsed)) return { kind: "retry", error: `a response not in Piston's shape (${JSON.stringify(text.slice(0, 80))})` };
    const cap = Number(res.headers.get(OUTPUT_CAP_HEADER));
    const extensions = (res.headers.get(EXTENSIONS_HEADER) ?? "").split(",").map((e) => e.trim()).filter(Boolean);
    return { answer: { body: parsed, outputCap: Number.isFinite(cap) && cap > 0 ? cap : null, extensions } };
  }
}

function messageOf(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === "string" ? `(${m})` : "";
  } catch {
    return text ? `(${text.slice(0, 120)})` : "";
  }
}

function retryAfter(header: string | null): number | undefined {
  const s = Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.min(30_000, s * 1000) + Math.random() * 250 : undefined;
}

/** Exponential backoff with full jitter. */
function backoff(attempt: number): number {
  return Math.random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function isRuntimeList(v: unknown): v is PistonRuntime[] {
  return Array.isArray(v) && v.every((r) => typeof r === "object" && r !== null && typeof r.language === "string" && typeof r.version === "string" && Array.isArray(r.aliases));
}

function isStage(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s.stdout === "string" && typeof s.stderr === "string" && (s.code === null || typeof s.code === "number") && (s.signal === null || typeof s.signal === "string");
}

function isExecuteResponse(v: unknown): v is PistonExecuteResponse {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return isStage(r.run) && (r.compile === undefined || isStage(r.compile));
}

function isPairResponse(v: unknown): v is PistonPairResponse {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return isExecuteResponse(r.program) && isExecuteResponse(r.peer);
}
