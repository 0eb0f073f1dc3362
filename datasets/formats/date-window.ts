/**
 * Contamination windows: keep only problems published inside a date range (LiveCodeBench's
 * `--start_date/--end_date` idea), e.g. after a model's training cut-off. The window is
 * [since, until): `since` inclusive, `until` exclusive, both ISO dates read as UTC. Problems
 * without a `contest_date` cannot be shown to be inside the window, so a window drops them.
 */
import { UsageError } from "../../judges/errors.ts";
import type { Problem } from "../types.ts";
import { parseUtcDate } from "./utc-date.ts";

export interface DateWindow {
  /** Earliest contest date kept (inclusive), e.g. "2024-08-01". */
  since?: string;
  /** First contest date no longer kept (exclusive). */
  until?: string;
}

export interface WindowResult {
  problems: Problem[];
  /** Dated problems outside the window. */
  outside: number;
  /** Problems without a contest_date (dropped whenever a bound is given). */
  undated: number;
}

/** Keeps the problems whose contest_date lies in [since, until); throws on an unreadable bound. */
export function filterByContestDate(problems: Problem[], window: DateWindow): WindowResult {
  const since = readBound(window.since, "since");
  const until = readBound(window.until, "until");
  if (since === null && until === null) return { problems, outside: 0, undated: 0 };
  if (since !== null && until !== null && since >= until) {
    throw new UsageError(`empty date window: since (${window.since}) is not before until (${window.until})`);
  }
  const kept: Problem[] = [];
  let outside = 0;
  let undated = 0;
  for (const p of problems) {
    const at = p.contest_date === undefined ? null : parseUtcDate(p.contest_date);
    if (at === null) undated++;
    else if ((since !== null && at < since) || (until !== null && at >= until)) outside++;
    else kept.push(p);
  }
  return { problems: kept, outside, undated };
}

function readBound(value: string | undefined, name: "since" | "until"): number | null {
  if (value === undefined || value === "") return null;
  const ms = parseUtcDate(value);
  if (ms === null) throw new UsageError(`--${name}: not an ISO 8601 date: ${JSON.stringify(value)} (expected e.g. 2024-08-01)`);
  return ms;
}
