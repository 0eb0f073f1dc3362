/** Failures of Hub pulls and of the local Hub cache. */
import { type ErrorCategory, HarnessError } from "../../judges/errors.ts";

export type HubErrorCode =
  /** The repo id or a revision is malformed. */
  | "bad_repo_id"
  /** The Hub answered 401/403: the repo is private or gated and the token is missing or lacks access. */
  | "unauthorized"
  /** The Hub answered 404: no such repo, revision or file. */
  | "not_found"
  /** The repo is gated: its conditions must be accepted on its Hub page first. */
  | "gated"
  /** The Hub could not be reached (connection failure, timeout, 5xx) and the cache could not stand in. */
  | "unreachable"
  /** The Hub answered something we cannot use (bad JSON, unsafe file names, wrong size). */
  | "bad_response"
  /** Nothing is cached for the requested repo and revision. */
  | "not_cached"
  /** The cache lacks files the selection needs. */
  | "missing_files"
  /** A file's bytes do not match the sha256 recorded for it. */
  | "integrity"
  /** No file of the repo matches the config/split selection. */
  | "no_match";

/** A Hub pull or cache lookup that cannot go on; the message says what to do about it. */
export class HubError extends HarnessError {
  constructor(
    message: string,
    readonly code: HubErrorCode,
    /** Repo paths concerned (missing or corrupted files). */
    readonly files: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, categorizeHubCode(code), options);
    this.name = "HubError";
  }
}

/** What the user can fix (a bad id, a pull not done yet, a selection that matches nothing) versus what the Hub (remote) or the cache on disk (store) did. */
function categorizeHubCode(code: HubErrorCode): ErrorCategory {
  switch (code) {
    case "bad_repo_id":
    case "not_found":
    case "not_cached":
    case "no_match":
    case "unauthorized":
    case "gated":
      return "usage";
    case "integrity":
      return "store";
    case "missing_files":
    case "unreachable":
    case "bad_response":
      return "remote";
  }
}
