/**
 * GET against the Hub as huggingface_hub does it: the token only to the Hub's own origin (never
 * to the storage host a redirect leads to), retries with exponential backoff on connection
 * failures, 408, 429 and 5xx, a `Retry-After` (seconds) honoured instead of the backoff, and
 * errors read from the Hub's `X-Error-Code` / `X-Error-Message` headers (response-error.ts).
 */
import type { z } from "zod";
import { HubError } from "./errors.ts";
import { errorFromResponse, HubUnreachableError } from "./response-error.ts";
import type { HubSettings } from "./settings.ts";

export { HubUnreachableError } from "./response-error.ts";

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Limit for the whole request, headers and body (metadata calls). */
  timeoutMs?: number;
  /** Aborts the request (downloads abort it when the body stalls). */
  signal?: AbortSignal;
}

/** Statuses worth another attempt, as huggingface_hub's backoff retries them. */
const RETRIED = new Set([408, 429, 500, 502, 503, 504]);

/**
 * GET with the token, retrying what is worth retrying. Persistent failures throw
 * HubUnreachableError; other errors (not found, gated, refused) throw a HubError at once.
 */
export async function requestWithRetries(settings: HubSettings, url: string, opts: RequestOptions, what: string): Promise<Response> {
  let lastReason = "";
  let wait = 0;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    if (attempt > 0) await Bun.sleep(wait);
    wait = settings.retryDelayMs * 2 ** attempt;
    let res: Response;
    try {
      res = await fetchFollowingRedirects(url, settings.token, opts);
    } catch (err) {
      if (err instanceof HubError || opts.signal?.aborted) throw err;
      lastReason = err instanceof Error ? err.message : String(err);
      continue;
    }
    if (res.ok || res.status === 416) return res;
    await res.body?.cancel();
    if (!RETRIED.has(res.status)) throw errorFromResponse(res, what, url, settings);
    lastReason = `HTTP ${res.status}`;
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    if (retryAfterMs !== null) {
      if (retryAfterMs > settings.maxRetryAfterMs) {
        throw new HubUnreachableError(`${what}: the Hub asks to wait ${retryAfterMs / 1000} s before trying again (HTTP ${res.status}, Retry-After); try later`);
      }
      wait = retryAfterMs;
      lastReason += `, Retry-After ${retryAfterMs / 1000} s`;
    }
  }
  throw new HubUnreachableError(`the Hub at ${settings.endpoint} is unreachable for ${what}: ${lastReason}`);
}

/** `Retry-After` as delay-seconds, in ms; the HTTP-date form is not used by the Hub and is ignored. */
function parseRetryAfter(value: string | null): number | null {
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : null;
}

const MAX_REDIRECTS = 5;

/**
 * Follows redirects by hand: the Hub sends LFS files to storage on another host, and the token
 * must not travel there (the signed URL is the credential). Other headers (Range) do.
 */
async function fetchFollowingRedirects(url: string, token: string | undefined, opts: RequestOptions): Promise<Response> {
  const origin = new URL(url).origin;
  const signals = [opts.signal, opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined].filter((s) => s !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { ...opts.headers };
    if (token && new URL(current).origin === origin) headers.authorization = `Bearer ${token}`;
    const res = await fetch(current, { headers, redirect: "manual", ...(signal ? { signal } : {}) });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    current = new URL(location, current).toString();
  }
  throw new HubError(`more than ${MAX_REDIRECTS} redirects from ${url}`, "bad_response");
}

/** GET and parse JSON, keeping the response (its headers carry the next page). */
export async function fetchJsonWithResponse(settings: HubSettings, url: string, what: string): Promise<{ body: unknown; res: Response }> {
  const res = await requestWithRetries(settings, url, { timeoutMs: settings.requestTimeoutMs }, what);
  try {
    return { body: await res.json(), res };
  } catch (err) {
    throw new HubError(`the Hub's answer for ${what} is not JSON (${url})`, "bad_response", [], { cause: err });
  }
}

/** A Hub answer that does not have the documented shape, naming the field. */
export function badAnswer(what: string, error: z.ZodError): HubError {
  const issue = error.issues[0];
  return new HubError(`the Hub's answer for ${what}: field '${issue?.path.join(".") ?? ""}': ${issue?.message ?? "invalid"}`, "bad_response");
}
