/** Parsing of path and query parameters; anything malformed is a 400 naming the parameter. */
import { makeBadRequest, type ParamPlace } from "./errors.ts";

/** Parses a positive integer id (a path segment such as /runs/:id, or a query value such as ?a=). */
export function parseId(name: string, raw: string | undefined, place: ParamPlace = "query"): number {
  if (raw === undefined || !/^[1-9][0-9]{0,15}$/.test(raw)) throw makeBadRequest(name, `expected a positive integer, got ${JSON.stringify(raw ?? "")}`, place);
  return Number(raw);
}

/** Parses an optional positive integer with a default and an upper bound. */
export function parseIntParam(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw makeBadRequest(name, `expected a positive integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n > max) throw makeBadRequest(name, `must be at most ${max}, got ${n}`);
  return n;
}

/** Parses an optional value that must be one of `allowed`. */
export function parseEnum<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw makeBadRequest(name, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** Parses an optional YYYY-MM-DD date as UTC midnight, in ms since the epoch. */
export function parseDay(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) throw makeBadRequest(name, `expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return ms;
}

/** Parses a dataset sha256 path segment (64 hex digits). */
export function parseSha(raw: string): string {
  if (!/^[0-9a-f]{64}$/.test(raw)) throw makeBadRequest("sha", `expected 64 lowercase hex digits, got ${JSON.stringify(raw)}`, "path");
  return raw;
}

/** Trims an optional free-text filter; empty means absent. */
export function parseText(name: string, raw: string | undefined, maxLength = 200): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (v.length > maxLength) throw makeBadRequest(name, `longer than ${maxLength} characters`);
  return v;
}
