/** Typed failures of the report viewer: HTTP-level errors map to status codes, the rest is a 500. */
import { HarnessError } from "../judges/errors.ts";

/** A request the viewer answers with a status other than 200 (unknown id, bad query parameter). */
export class HttpError extends HarnessError {
  constructor(
    readonly status: 400 | 404 | 414,
    message: string,
  ) {
    super(message, "usage");
    this.name = "HttpError";
  }
}

/** Builds a 404 naming what was not found. */
export function makeNotFound(what: string): HttpError {
  return new HttpError(404, `${what} not found`);
}

/** Where a parameter came from, so the message points at the part of the URL to fix. */
export type ParamPlace = "query" | "path";

/** Builds a 400 naming the offending parameter and whether it is in the path or the query string. */
export function makeBadRequest(param: string, detail: string, place: ParamPlace = "query"): HttpError {
  return new HttpError(400, `${place} parameter '${param}': ${detail}`);
}

/** The database the viewer was pointed at cannot be opened or is not a harness database. */
export class ReportDbError extends HarnessError {
  constructor(
    readonly path: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    // Always about the path the user pointed --db at (missing, unreadable, not a harness database).
    super(`${path}: ${detail}`, "usage", options);
    this.name = "ReportDbError";
  }
}
