/**
 * The verdict of a Python function-mode pair. Success comes only from the tester's report line on
 * its own stderr; the candidate's process contributes how it ended (a limit, a crash), never an AC.
 */
import type { PairOutcome, RunOutcome, Verdict } from "../../types.ts";
import { mapTermination } from "../../verdicts.ts";

const REPORT_PREFIX = "@@tester ";
// SE: the task is broken (test code that does not compile, a prelude that raises), which the tester
// finds before it reads anything from the candidate.
const REPORTED: ReadonlySet<string> = new Set(["AC", "WA", "RE", "CE", "EOF", "SE"]);

/** The last call the candidate answered before a failed assertion: reprs, cut by the tester. */
export interface TesterCall {
  name: string;
  args: string;
  returned: string;
}

export interface TesterReport {
  verdict: "AC" | "WA" | "RE" | "CE" | "EOF" | "SE";
  message?: string;
  call?: TesterCall;
}

const CALL_KEYS = ["args", "name", "returned"];
const REPORT_KEYS: ReadonlySet<string> = new Set(["verdict", "message", "call"]);

/** A `call` object with exactly name, args and returned, all strings; anything else is malformed. */
function readCall(value: unknown): TesterCall | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  if (keys.length !== CALL_KEYS.length || keys.some((k, i) => k !== CALL_KEYS[i])) return null;
  const { name, args, returned } = record;
  if (typeof name !== "string" || typeof args !== "string" || typeof returned !== "string") return null;
  return { name, args, returned };
}

/** How the checker message shows the call: one line after the assertion's. */
export function describeCall(call: TesterCall): string {
  return `last call: ${call.name}(${call.args}) returned ${call.returned}`;
}

/** The tester's one report line, or null when there is none, several, or it is malformed. */
export function readTesterReport(stderr: string): TesterReport | null {
  const lines = stderr.split("\n").filter((line) => line.startsWith(REPORT_PREFIX));
  if (lines.length !== 1) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse((lines[0] as string).slice(REPORT_PREFIX.length));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  if (Object.keys(record).some((k) => !REPORT_KEYS.has(k))) return null;
  const { verdict, message } = record;
  if (typeof verdict !== "string" || !REPORTED.has(verdict)) return null;
  if (message !== undefined && typeof message !== "string") return null;
  const report: TesterReport = { verdict: verdict as TesterReport["verdict"] };
  if (message !== undefined) report.message = message;
  if (record.call !== undefined) {
    // Only a failed assertion names a call: anywhere else, or malformed, the line is not the tester's.
    const call = verdict === "WA" ? readCall(record.call) : null;
    if (!call) return null;
    report.call = call;
  }
  return report;
}

function describeEnd(run: RunOutcome): string {
  if (run.termination === "exited") return "exited with code 0";
  if (run.termination === "nonzero") return `exited with code ${run.exitCode}`;
  return `was killed by ${run.signal ?? "a signal"}`;
}

type Interpretation = { verdict: Verdict; message?: string };

/** The verdict of one pair: a limit the candidate hit first, then the tester's report. */
export function interpretPythonPair(outcome: PairOutcome): Interpretation {
  const { program, peer } = outcome;
  const report = readTesterReport(peer.stderr);
  // A broken task is the harness's failure whatever the candidate did (it is found before any candidate data).
  if (report?.verdict === "SE") return { verdict: "SE", message: report.message ?? "the task is broken" };
  const programEnd = mapTermination(program.termination);
  if (programEnd && programEnd !== "RE") return { verdict: programEnd, message: `the solution hit its ${programEnd} limit` };
  if (!report) {
    // The tester stopped without a word: swamped by the candidate's data, or the candidate's crash took the pipe.
    const peerEnd = mapTermination(peer.termination);
    if (peerEnd === "TLE" || peerEnd === "MLE" || peerEnd === "OLE") return { verdict: peerEnd, message: `the tester hit its ${peerEnd} limit on the solution's data` };
    if (programEnd) return { verdict: programEnd, message: `the solution ${describeEnd(program)}` };
    return { verdict: "RE", message: `the tester ended without a report (it ${describeEnd(peer)}): ${peer.stderr.slice(-500)}` };
  }
  if (report.verdict === "EOF") return { verdict: "RE", message: `the solution ${describeEnd(program)} before the tests finished` };
  if (report.verdict === "AC" && programEnd) return { verdict: programEnd, message: `the tests passed but the solution then ${describeEnd(program)}` };
  const lines = [report.message, report.call && describeCall(report.call)].filter((l): l is string => l !== undefined);
  return lines.length === 0 ? { verdict: report.verdict } : { verdict: report.verdict, message: lines.join("\n") };
}
