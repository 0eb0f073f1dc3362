/**
 * The status channel of a session (see status.ts for one run's): sandbox-init appends one line per
 * run, "TOKEN SEQ exit|signal ...", before the run's end markers. Each run's share of the file must
 * be exactly that line with the run's number; anything else is a forgery, as in one-shot mode.
 */
import { type SettledStatus, settleStatusReport } from "./exec.ts";
import type { ProgramRlimits } from "./launch.ts";
import { parseStatusReport, type StatusReport } from "./status.ts";

/** The end marker sandbox-init writes on stdout and stderr after run `seq`'s report. */
export function sessionMarker(token: string, seq: number): string {
  return `${token}:${seq}:end\n`;
}

/** Run `seq`'s report; lines without a number (the cgroup-joining shell's, init's before any run) are read as one-shot reports. */
function parseLine(text: string, token: string, seq: number): StatusReport {
  const fields = text.split(" ");
  if (fields[0] === token && /^\d+$/.test(fields[1] ?? "")) {
    if (fields[1] !== String(seq)) return { kind: "forged", reason: "a status line for another run" };
    return parseStatusReport(`${token} ${fields.slice(2).join(" ")}`, token);
  }
  return parseStatusReport(text, token);
}

/** What the harness believes of run `seq`'s share of the status file; harness failures throw. */
export function parseSessionReport(text: string, token: string, seq: number, rlimits: ProgramRlimits): SettledStatus {
  return settleStatusReport(parseLine(text, token, seq), rlimits, "session");
}
