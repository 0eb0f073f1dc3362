/**
 * Requests to an OpenAI-compatible endpoint through the official `openai` SDK (imported lazily).
 * The SDK's own retries are off: retry policy lives in retry.ts, where it can be tested. SDK errors
 * are classified into {@link EndpointError}s.
 */
import type { PromptSpec } from "../../datasets/prompt.ts";
import { EndpointError } from "./retry.ts";

export interface EndpointConfig {
  endpoint: string;
  model: string;
  apiKey?: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  promptStyle: "chat" | "completion";
  /** Per-request timeout, ms. */
  timeoutMs?: number;
}

export interface Choice {
  text: string;
  finishReason: string | null;
}

/** Sends one request for `n` choices of `spec`. Rejects with EndpointError, or the abort reason when aborted. */
export type RequestChoices = (spec: PromptSpec, n: number, signal: AbortSignal) => Promise<Choice[]>;

/** Creates the request function for an endpoint. */
export async function createEndpointClient(cfg: EndpointConfig): Promise<RequestChoices> {
  const { default: OpenAI } = await import("openai");
  const client = new OpenAI({
    baseURL: cfg.endpoint,
    // Local servers (vLLM, llama.cpp) ignore the key, but the SDK refuses to start without one.
    apiKey: cfg.apiKey ?? process.env.OPENAI_API_KEY ?? "EMPTY",
    maxRetries: 0,
    timeout: cfg.timeoutMs ?? 10 * 60_000,
  });

  const classify = (err: unknown): unknown => {
    if (err instanceof OpenAI.APIUserAbortError) return err;
    if (err instanceof OpenAI.APIConnectionError) {
      return new EndpointError(`cannot reach ${cfg.endpoint}: ${err.message}`, null, true, null, { cause: err });
    }
    if (err instanceof OpenAI.APIError && typeof err.status === "number") {
      const s = err.status;
      const retryable = s === 408 || s === 409 || s === 429 || s >= 500;
      return new EndpointError(`${cfg.endpoint} answered ${s}: ${err.message}`, s, retryable, retryAfter(err.headers), {
        cause: err,
      });
    }
    return err;
  };

  return async (spec, n, signal) => {
    const common = {
      model: cfg.model,
      n,
      temperature: cfg.temperature,
      top_p: cfg.topP,
      max_tokens: cfg.maxTokens,
      ...(spec.stop ? { stop: spec.stop } : {}),
    };
    try {
      if (cfg.promptStyle === "completion") {
        const res = await client.completions.create({ ...common, prompt: spec.prompt, stream: false }, { signal });
        return checkChoices(res.choices).map((c) => ({ text: c.text ?? "", finishReason: c.finish_reason ?? null }));
      }
      const messages = [
        ...(spec.system ? [{ role: "system" as const, content: spec.system }] : []),
        { role: "user" as const, content: spec.prompt },
      ];
      const res = await client.chat.completions.create({ ...common, messages, stream: false }, { signal });
      return checkChoices(res.choices).map((c) => ({
        text: c.message?.content ?? "",
        finishReason: c.finish_reason ?? null,
      }));
    } catch (err) {
      throw classify(err);
    }
  };
}

function checkChoices<T>(choices: T[] | undefined): T[] {
  if (!Array.isArray(choices)) throw new EndpointError("response has no 'choices' array", 200, false);
  return choices;
}

function retryAfter(headers: Headers | undefined): number | null {
  const v = headers?.get("retry-after");
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s)) return s * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
