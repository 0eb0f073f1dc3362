/** Retries with exponential backoff and jitter, for transient endpoint failures (429, 5xx, network). */
import { HarnessError } from "../../judges/errors.ts";

/** A failed endpoint request, classified. Produced by the endpoint client from SDK errors. */
export class EndpointError extends HarnessError {
  constructor(
    message: string,
    /** HTTP status, null for network errors and timeouts. */
    readonly status: number | null,
    readonly retryable: boolean,
    /** Server's Retry-After, ms, when it sent one. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, "remote", options);
    this.name = "EndpointError";
  }
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff, ms; doubles each retry. */
  baseMs: number;
  maxMs: number;
  signal?: AbortSignal;
  onRetry?: (err: EndpointError, attempt: number, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails with a non-retryable error, or retries run out. */
export async function withRetries<T>(attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof EndpointError) || !err.retryable || i >= opts.retries || opts.signal?.aborted) throw err;
      const delay = backoffDelay(i, opts.baseMs, opts.maxMs, err.retryAfterMs);
      opts.onRetry?.(err, i + 1, delay);
      await sleep(delay, opts.signal);
    }
  }
}

/** Equal-jitter exponential backoff: half fixed, half random, never below the server's Retry-After. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, retryAfterMs: number | null): number {
  const exp = Math.min(maxMs, baseMs * 2 ** retry);
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.min(maxMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
