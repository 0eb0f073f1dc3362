/**
 * Process identity from /proc: a pid alone can be reused after the job ends, so the local launcher
 * records the pid together with the process's start time (field 22 of /proc/PID/stat, in clock ticks
 * since boot) and trusts a live pid only when both match.
 */
import { readFileSync } from "node:fs";

export interface ProcStat {
  state: string;
  startTime: string;
}

/** null when no such process exists. */
export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: rest[0] ?? "?", startTime: rest[19] ?? "" };
}

/** True while the process with this pid and start time exists and is not a zombie. */
export function isSameProcessAlive(pid: number, startTime: string): boolean {
  const s = readProcStat(pid);
  return s !== null && s.startTime === startTime && s.state !== "Z" && s.state !== "X";
}
