/**
 * A warm side's raw facts (the run init's report, the output the zygote forwarded, the side's
 * cgroup figures) turned into the same ExecResult a cold run has, then into the contract's RunOutcome.
 */
import { decodeUtf8 } from "../capture.ts";
import type { EnforcedLimit, ExecResult, InitStatus } from "../exec.ts";
import { buildRunOutcome } from "../outcome.ts";
import type { RunInput, RunLimits, RunOutcome } from "../../types.ts";
import { WarmUnavailable } from "./unavailable.ts";

export interface SideReport {
  stdout: Uint8Array[];
  stderr: Uint8Array[];
  /** The result pipe: the program's b"ok\n" once set up, then the init's JSON line and the collected files' bytes. */
  result: Uint8Array[];
  stderrTotal: number;
  limit: EnforcedLimit | null;
  wallMs: number;
  cgroupCpuNs: number | null;
  peakBytes: number | null;
  oom: boolean;
  /** Bytes the harness's input files take in the scratch tmpfs. */
  inputPagesBytes: number;
}

interface InitReport {
  cpuUs?: number;
  maxRssKb?: number;
  exit?: number;
  signal?: number;
  scratchUsed?: number;
  files?: [string, number | "over" | null][];
}

const OK = "ok\n";

/**
 * The result pipe's content. Without the program's "ok" first, set-up failed (the text says why);
 * with it but no report after, the init was killed (a limit: the harness knows which).
 */
function parseReport(bytes: Uint8Array): { report: InitReport | null; rest: Uint8Array; setupFailure: string | null } {
  const none = new Uint8Array();
  if (decodeUtf8(bytes.subarray(0, OK.length)) !== OK) {
    return { report: null, rest: none, setupFailure: decodeUtf8(bytes).slice(-2000) || "the run died during set-up" };
  }
  const body = bytes.subarray(OK.length);
  const newline = body.indexOf(10);
  if (newline < 0) return { report: null, rest: none, setupFailure: null };
  const report = JSON.parse(decodeUtf8(body.subarray(0, newline))) as InitReport;
  return { report, rest: body.subarray(newline + 1), setupFailure: null };
}

function statusOf(report: InitReport | null): InitStatus | null {
  if (!report) return null;
  const cpuUs = Number(report.cpuUs ?? 0);
  const maxRssKb = Number(report.maxRssKb ?? 0);
  if (typeof report.exit === "number") return { kind: "exit", code: report.exit, cpuUs, maxRssKb };
  if (typeof report.signal === "number") return { kind: "signal", signal: report.signal, cpuUs, maxRssKb };
  return null;
}

/** The side's RunOutcome; throws WarmUnavailable when the side could not be set up (the harness's failure). */
export function sideOutcome(side: SideReport, limits: RunLimits, input: RunInput): RunOutcome {
  const { report, rest, setupFailure } = parseReport(Buffer.concat(side.result));
  // A side killed at a limit before its program said "ok" has no report either: the limit decides.
  if (setupFailure !== null && side.limit === null && !side.oom) throw new WarmUnavailable(`the zygote could not set the run up: ${setupFailure}`);
  const status = statusOf(report);
  if (!status && side.limit === null && !side.oom) throw new WarmUnavailable("a side ended with no report");
  const result: ExecResult = {
    status,
    forged: false,
    limit: side.limit,
    oom: side.oom,
    cpuMs: Math.round(Math.max((status?.cpuUs ?? 0) / 1000, (side.cgroupCpuNs ?? 0) / 1e6)),
    wallMs: side.wallMs,
    memoryKb: Math.round(Math.max((side.peakBytes ?? 0) / 1024, status?.maxRssKb ?? 0)),
    stdout: decodeUtf8(Buffer.concat(side.stdout)),
    stderr: decodeUtf8(Buffer.concat(side.stderr)),
    stderrTotal: side.stderrTotal,
  };
  const used = typeof report?.scratchUsed === "number" ? Math.max(0, report.scratchUsed - side.inputPagesBytes) : null;
  const outcome = buildRunOutcome(result, limits, { memoryByCgroup: true, scratchUsedBytes: used });
  if ((input.collect ?? []).length === 0) return outcome;
  const files: Record<string, string> = {};
  let overLimit = false;
  let at = 0;
  for (const [name, size] of report?.files ?? []) {
    if (size === "over") overLimit = true;
    else if (typeof size === "number") {
      files[name] = decodeUtf8(rest.subarray(at, at + size));
      at += size;
    }
  }
  const over = overLimit && outcome.termination === "exited";
  return { ...outcome, files, ...(over ? { termination: "output" as const } : {}) };
}
