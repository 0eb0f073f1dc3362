/**
 * The status channel between sandbox-init (and the cgroup-joining shell before it) and the harness.
 * Every genuine line starts with the run's token, 32 random hex digits that only the harness and
 * sandbox-init (non-dumpable, so its memory is out of the program's reach) know. The report is
 * believed only when the file holds exactly one such line, well formed, with finite non-negative
 * integers. Anything else was written by the program through a leaked channel: a forgery, which is
 * the program's own failure, never a harness failure and never a crash of the harness.
 */
import { randomBytes } from "node:crypto";

/** A fresh token for one run. */
export function makeRunToken(): string {
  return randomBytes(16).toString("hex");
}

export type StatusReport =
  /** Nothing was written: the tree was killed before sandbox-init could report. */
  | { kind: "none" }
  | { kind: "forged"; reason: string }
  | { kind: "exit"; code: number; cpuUs: number; maxRssKb: number }
  | { kind: "signal"; signal: number; cpuUs: number; maxRssKb: number }
  /** The program could not be started (errno): a harness failure, except ENOMEM under RLIMIT_AS. */
  | { kind: "execfail"; errno: number }
  /** sandbox-init could not set the limits up: a harness failure. */
  | { kind: "setupfail"; errno: number }
  /** The launcher could not join the run's cgroups: a harness failure. */
  | { kind: "cgroupfail" };

/** Largest figure believed: exit codes and signals fit a byte; times and sizes fit 2^53. */
const MAX_CODE = 255;

function parseCount(text: string, max = Number.MAX_SAFE_INTEGER): number | null {
  if (!/^\d{1,16}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value <= max ? value : null;
}

function parseLine(fields: string[]): StatusReport | null {
  const [kind, ...rest] = fields;
  if ((kind === "exit" || kind === "signal") && rest.length === 4) {
    const [value, utime, stime, rss] = rest.map((f, i) => parseCount(f, i === 0 ? MAX_CODE : undefined));
    if (value == null || utime == null || stime == null || rss == null) return null;
    const cpuUs = utime + stime;
    return kind === "exit" ? { kind, code: value, cpuUs, maxRssKb: rss } : { kind, signal: value, cpuUs, maxRssKb: rss };
  }
  if ((kind === "execfail" || kind === "setupfail") && rest.length === 1) {
    const errno = parseCount(rest[0] ?? "", 4095);
    return errno === null ? null : { kind, errno };
  }
  if (kind === "cgroupfail" && rest.length === 0) return { kind };
  return null;
}

/** Parses the status file's whole content against the run's token. */
export function parseStatusReport(text: string, token: string): StatusReport {
  if (text === "") return { kind: "none" };
  if (!text.endsWith("\n") || text.indexOf("\n") !== text.length - 1) return { kind: "forged", reason: "the status channel holds other than exactly one line" };
  const fields = text.slice(0, -1).split(" ");
  if (fields[0] !== token) return { kind: "forged", reason: "a status line without the run's token" };
  return parseLine(fields.slice(1)) ?? { kind: "forged", reason: "a malformed status line" };
}
