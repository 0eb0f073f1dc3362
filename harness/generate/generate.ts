/**
 * Sample generation from an OpenAI-compatible endpoint: n samples per problem, bounded concurrency,
 * retries with backoff, each sample appended to the JSONL file as it arrives, resumable.
 */
import { HarnessError } from "../../judges/errors.ts";
import { createEndpointClient, type Choice, type RequestChoices } from "./client.ts";
import type { PromptSpec } from "../../datasets/prompt.ts";
import { EndpointError, withRetries } from "./retry.ts";
import { countExistingSamples, openAppender, type GeneratedSample } from "./samples-file.ts";
import { createPool } from "../eval/pool.ts";

export interface GenerateOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:8000/v1. */
  endpoint: string;
  model: string;
  apiKey?: string;
  /** Samples wanted per problem. */
  n: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Retries per request after the first attempt (429, 5xx, network errors). */
  retries: number;
  problems: PromptSpec[];
  outPath: string;
  signal?: AbortSignal;
  onSample?: (s: GeneratedSample) => void;
  promptStyle?: "chat" | "completion";
  /** First retry delay, ms (doubles each retry, with jitter). Default 1000. */
  backoffMs?: number;
  /** Longest retry delay, ms. Default 60000. */
  maxBackoffMs?: number;
  /** Per-request timeout, ms. Default 10 minutes. */
  timeoutMs?: number;
}

export interface GenerateSummary {
  problems: number;
  /** Problems that already had n samples in the file. */
  complete: number;
  /** Samples this call set out to generate. */
  wanted: number;
  written: number;
  requests: number;
  retries: number;
  /** Samples that stopped at max tokens (finish_reason "length"). */
  truncated: number;
  /** False once the endpoint ignored or rejected `n` > 1 and samples were requested one by one. */
  nSupported: boolean;
  aborted: boolean;
}

/** The endpoint kept failing (or failed for good): generation stopped. Samples written so far are kept. */
export class GenerationError extends HarnessError {
  constructor(
    message: string,
    readonly summary: GenerateSummary,
    options?: { cause?: unknown },
  ) {
    super(message, "remote", options);
    this.name = "GenerationError";
  }
}

/** Generates the samples `outPath` still lacks (n per problem), appending each as it arrives. */
export async function generateSamples(opts: GenerateOptions): Promise<GenerateSummary> {
  validate(opts);
  const request = await createEndpointClient({
    endpoint: opts.endpoint,
    model: opts.model,
    apiKey: opts.apiKey,
    temperature: opts.temperature,
    topP: opts.topP,
    maxTokens: opts.maxTokens,
    promptStyle: opts.promptStyle ?? "chat",
    timeoutMs: opts.timeoutMs,
  });
  return generateWith(request, opts);
}

/** Same as {@link generateSamples} with an injected request function. */
export async function generateWith(request: RequestChoices, opts: GenerateOptions): Promise<GenerateSummary> {
  validate(opts);
  const existing = await countExistingSamples(opts.outPath);
  const summary: GenerateSummary = {
    problems: opts.problems.length,
    complete: 0,
    wanted: 0,
    written: 0,
    requests: 0,
    retries: 0,
    truncated: 0,
    nSupported: true,
    aborted: false,
  };
  const todo: { spec: PromptSpec; count: number }[] = [];
  for (const spec of opts.problems) {
    const count = opts.n - (existing.get(spec.id) ?? 0);
    if (count > 0) todo.push({ spec, count });
    else summary.complete++;
    summary.wanted += Math.max(0, count);
  }

  const stop = new AbortController();
  const onAbort = (): void => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) stop.abort(opts.signal.reason);
  let fatal: unknown = null;
  const fail = (err: unknown): void => {
    fatal ??= err;
    stop.abort(err);
  };

  const appender = await openAppender(opts.outPath);
  const slots = createPool(opts.concurrency);
  const attempt = (spec: PromptSpec, n: number): Promise<Choice[]> =>
    slots.run(() =>
      withRetries(
        () => {
          if (stop.signal.aborted) throw stop.signal.reason;
          summary.requests++;
          return request(spec, n, stop.signal);
        },
        {
          retries: opts.retries,
          baseMs: opts.backoffMs ?? 1000,
          maxMs: opts.maxBackoffMs ?? 60_000,
          signal: stop.signal,
          onRetry: () => summary.retries++,
        },
      ),
    );

  const runChunk = async (spec: PromptSpec, count: number): Promise<void> => {
    if (stop.signal.aborted) return;
    const ask = summary.nSupported ? count : 1;
    let choices: Choice[];
    try {
      choices = await attempt(spec, ask);
    } catch (err) {
      if (stop.signal.aborted) return;
      // Some servers reject n > 1 outright: fall back to one sample per request.
      if (ask > 1 && err instanceof EndpointError && err.status === 400) {
        summary.nSupported = false;
        await Promise.all(Array.from({ length: count }, () => runChunk(spec, 1)));
        return;
      }
      return fail(err);
    }
    if (stop.signal.aborted) return;
    if (choices.length === 0) return fail(new EndpointError(`endpoint returned no choices for '${spec.id}'`, 200, false));
    const got = choices.slice(0, ask).map((c) => toSample(spec, c, opts.model));
    await appender.append(got);
    for (const s of got) {
      summary.written++;
      if (s.finish_reason === "length") summary.truncated++;
      opts.onSample?.(s);
    }
    const rest = count - got.length;
    if (rest > 0) {
      // The server ignored n: ask for the rest one sample per request, in parallel.
      summary.nSupported = false;
      await Promise.all(Array.from({ length: rest }, () => runChunk(spec, 1)));
    }
  };

  try {
    await Promise.all(todo.map((t) => runChunk(t.spec, t.count).catch(fail)));
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    await appender.close();
  }
  if (fatal !== null) {
    const why = fatal instanceof Error ? fatal.message : String(fatal);
    throw new GenerationError(`generation stopped after ${summary.written} new sample(s): ${why}`, summary, {
      cause: fatal,
    });
  }
  summary.aborted = opts.signal?.aborted ?? false;
  return summary;
}

function toSample(spec: PromptSpec, c: Choice, model: string): GeneratedSample {
  return {
    problem_id: spec.id,
    completion: c.text,
    model,
    ...(spec.language ? { language: spec.language } : {}),
    finish_reason: c.finishReason,
  };
}

function validate(opts: GenerateOptions): void {
  const positive = { n: opts.n, concurrency: opts.concurrency, maxTokens: opts.maxTokens };
  for (const [name, v] of Object.entries(positive)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`generateSamples: ${name} must be a positive integer (got ${v})`);
  }
  if (!Number.isInteger(opts.retries) || opts.retries < 0) {
    throw new RangeError(`generateSamples: retries must be a non-negative integer (got ${opts.retries})`);
  }
  const ids = new Set<string>();
  for (const p of opts.problems) {
    if (ids.has(p.id)) throw new RangeError(`generateSamples: duplicate problem id '${p.id}'`);
    ids.add(p.id);
  }
}
