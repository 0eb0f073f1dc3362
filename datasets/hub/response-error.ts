/**
 * What a refused Hub request means, read as huggingface_hub reads it: the `X-Error-Code` header
 * first (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`), then the status. The
 * Hub answers 401 with `RepoNotFound` both for a repo that does not exist and for a private one
 * asked for without access, so the message says "not found" and names both causes.
 */
import { HubError } from "./errors.ts";
import type { HubSettings } from "./settings.ts";

/** Thrown for failures worth a retry and, when they persist, worth falling back to the cache. */
export class HubUnreachableError extends HubError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "unreachable", [], options);
  }
}

/** The repo id in a Hub URL (`/api/datasets/{id}/…` or `/datasets/{id}/resolve/…`), for messages. */
function repoOf(url: string): string | null {
  const m = /\/(?:api\/)?datasets\/([^/]+\/[^/]+)\//.exec(new URL(url).pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** The error a non-retried failed response stands for. */
export function errorFromResponse(res: Response, what: string, url: string, settings: Pick<HubSettings, "endpoint" | "token" | "tokenSource">): HubError {
  const code = res.headers.get("x-error-code");
  const hubMessage = res.headers.get("x-error-message");
  const said = hubMessage ? ` The Hub says: ${hubMessage}` : "";
  const status = `HTTP ${res.status}${code ? `, ${code}` : ""}`;
  const repo = repoOf(url) ?? what;
  const token = settings.token ? `the token from ${settings.tokenSource ?? "the settings"}` : null;
  switch (code) {
    case "RepoNotFound": {
      const access = token ? `or ${token} has no access to it` : "or it is private and no token is set (hf auth login, or HF_TOKEN)";
      return new HubError(`${what}: dataset repo ${repo} not found on the Hub (${status}). Check the id; ${access}.${said}`, "not_found");
    }
    case "RevisionNotFound":
      return new HubError(`${what}: revision not found in ${repo} (${status}); check the branch, tag or sha.${said}`, "not_found");
    case "EntryNotFound":
      return new HubError(`${what}: file not found in ${repo} (${status}).${said}`, "not_found");
    case "GatedRepo": {
      const who = token ? `the account of ${token}` : "your account, then log in (hf auth login) or set HF_TOKEN";
      return new HubError(
        `${what}: ${repo} is a gated dataset (${status}): accept its conditions at ${settings.endpoint}/datasets/${repo} with ${who}.${said}`,
        "gated",
      );
    }
  }
  if (res.status === 401 || res.status === 403) {
    const hint = token ? `${token} was refused or has no access to it` : "if it is private, log in (hf auth login) or set HF_TOKEN";
    return new HubError(`${what}: the Hub refused access (${status}); ${hint}.${said}`, "unauthorized");
  }
  if (res.status === 404) return new HubError(`${what}: not found on the Hub (${status} for ${url}).${said}`, "not_found");
  return new HubError(`${what}: unexpected ${status} from ${url}.${said}`, "bad_response");
}
