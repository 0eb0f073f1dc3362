/**
 * The wrapper around a job's script: it records the exit code in the job folder when the script
 * ends, so the state survives the CLI that started the job (and the scheduler forgetting it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const EXIT_CODE_FILE = "exit_code";
export const CANCELLED_FILE = "cancelled";

/** A bash snippet: runs SCRIPT, writes its exit code atomically, exits with it. */
export function wrapScript(script: string, jobDir: string): string {
  const q = shellQuote;
  const exitFile = join(jobDir, EXIT_CODE_FILE);
  return `bash ${q(script)}; code=$?; echo "$code" > ${q(`${exitFile}.tmp`)} && mv ${q(`${exitFile}.tmp`)} ${q(exitFile)}; exit "$code"`;
}

/** The exit code the wrapper wrote, or null while the job runs (or when it was killed). */
export function readExitCode(jobDir: string): number | null {
  try {
    const n = Number(readFileSync(join(jobDir, EXIT_CODE_FILE), "utf8").trim());
    return Number.isInteger(n) ? n : null;
  } catch {
    return null;
  }
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
