/**
 * CPU time of this process and of every child it has waited for (Linux /proc/self/stat: utime,
 * stime, cutime, cstime). A sandboxed run's whole tree is counted once its launcher is reaped, as
 * each stage reaps the next (bwrap its init, sandbox-init the program).
 */
import { readFileSync } from "node:fs";

const TICKS_PER_S = 100;

/** CPU ms used so far by this process and its reaped children; 0 where /proc is unavailable. */
export function readCpuMs(): number {
  return readStatCpuMs([11, 12, 13, 14]);
}

/** CPU ms used so far by this process alone (utime, stime); 0 where /proc is unavailable. */
export function readOwnCpuMs(): number {
  return readStatCpuMs([11, 12]);
}

function readStatCpuMs(indexes: number[]): number {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return 0;
  }
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime is field 14 of the whole line, i.e. index 11 after the state field (field 3).
  const ticks = indexes.reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return (ticks * 1000) / TICKS_PER_S;
}
