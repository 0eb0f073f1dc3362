/**
 * The status channel of a session (see status.ts for one run's): sandbox-init appends one line per
 * run, "TOKEN SEQ exit|signal ...", before the run's end markers. Each run's share of the file must
 * be exactly that line with the run's number; anything else is a forgery, as in one-shot mode.
 */
import { SandboxError } from "../types.ts";
import type { InitStatus } from "./exec.ts";
import type { ProgramRlimits } from "./launch.ts";
import { parseStatusReport, type StatusReport } from "./status.ts";

const ENOMEM = 12;

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
export function parseSessionReport(text: string, token: string, seq: number, rlimits: ProgramRlimits): { status: InitStatus | null; forged: boolean; execNoMemory: boolean } {
  const report = parseLine(text, token, seq);
  switch (report.kind) {
    case "exit":
    case "signal":
      return { status: report, forged: false, execNoMemory: false };
    case "none":
      return { status: null, forged: false, execNoMemory: false };
    case "forged":
      return { status: null, forged: true, execNoMemory: false };
    case "execfail":
      if (report.errno === ENOMEM && rlimits.asBytes > 0) return { status: null, forged: false, execNoMemory: true };
      throw new SandboxError(`the sandbox session could not start the program (errno ${report.errno})`, "internal");
    case "setupfail":
      throw new SandboxError(`sandbox-init failed to set a session run up (errno ${report.errno})`, "sandbox_unavailable");
    case "cgroupfail":
      throw new SandboxError("could not move the session into its cgroup", "sandbox_unavailable");
  }
}
