/** Where the Hub is and how to reach it, from the environment the Hugging Face tools also read. */
import { readHubToken } from "./token.ts";

export interface HubSettings {
  /** Base URL of the Hub (`HF_ENDPOINT`), without a trailing slash. */
  endpoint: string;
  /** Access token (token.ts: `HF_TOKEN`, or the file `hf auth login` saved), sent as `Authorization: Bearer`. */
  token?: string;
  /** Where the token came from (`HF_TOKEN`, a file path), said in errors. */
  tokenSource?: string;
  /** Never touch the network (`HF_HUB_OFFLINE=1`). */
  offline: boolean;
  /** Root of the local cache (`--cache`, `HARNESS_HUB_CACHE`). */
  cacheDir: string;
  /** Extra attempts after a failed Hub request (connection error, 5xx, 429). */
  retries: number;
  /** Delay before the first retry, ms; doubled each time. */
  retryDelayMs: number;
  /** Limit for one metadata request, ms. */
  requestTimeoutMs: number;
  /** A download that receives no byte for this long is abandoned and resumed (`HF_HUB_DOWNLOAD_TIMEOUT`, seconds; default 10, as huggingface_hub). */
  downloadTimeoutMs: number;
  /** The longest `Retry-After` honoured, ms; a Hub asking for a longer wait fails the pull saying so. */
  maxRetryAfterMs: number;
}

export const DEFAULT_ENDPOINT = "https://huggingface.co";
export const DEFAULT_HUB_CACHE = ".harness/hub";

const TRUTHY = new Set(["1", "true", "yes", "on"]);

/** Settings from environment variables, with explicit overrides winning. */
export function readHubSettings(env: Record<string, string | undefined> = process.env, overrides: Partial<HubSettings> = {}): HubSettings {
  const token = readHubToken(env);
  const downloadTimeoutS = Number(env.HF_HUB_DOWNLOAD_TIMEOUT ?? Number.NaN);
  return {
    endpoint: (env.HF_ENDPOINT?.trim() || DEFAULT_ENDPOINT).replace(/\/+$/, ""),
    ...(token ? { token: token.token, tokenSource: token.source } : {}),
    offline: TRUTHY.has((env.HF_HUB_OFFLINE ?? "").trim().toLowerCase()),
    cacheDir: env.HARNESS_HUB_CACHE?.trim() || DEFAULT_HUB_CACHE,
    retries: 2,
    retryDelayMs: 250,
    requestTimeoutMs: 30_000,
    downloadTimeoutMs: downloadTimeoutS > 0 ? downloadTimeoutS * 1000 : 10_000,
    maxRetryAfterMs: 120_000,
    ...overrides,
  };
}
