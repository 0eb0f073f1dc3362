/** Runs the trainer-shaped Python drivers (./drivers) against a live reward server on loopback. */
import { join } from "node:path";

export const SHIMS = join(import.meta.dir, "../../../trainers/shims");
const DRIVERS = join(import.meta.dir, "drivers");

export interface DriverRun {
  value: unknown;
  stderr: string;
  exitCode: number;
}

/** Runs drivers/<name> with `spec` as JSON on stdin; parses the last stdout line as JSON. */
export async function runDriver(name: string, spec: unknown, env: Record<string, string> = {}): Promise<DriverRun> {
  return runPythonProcess(["/usr/bin/python3", join(DRIVERS, name)], JSON.stringify(spec), DRIVERS, env);
}

/** Runs Python code with the shims importable. */
export async function runPython(code: string, env: Record<string, string> = {}): Promise<DriverRun> {
  return runPythonProcess(["/usr/bin/python3", "-c", code], "", SHIMS, env);
}

async function runPythonProcess(cmd: string[], stdin: string, cwd: string, env: Record<string, string>): Promise<DriverRun> {
  const proc = Bun.spawn(cmd, {
    cwd,
    // No bytecode next to the shims: the tree stays as committed.
    env: { PATH: process.env.PATH ?? "/usr/bin", PYTHONDONTWRITEBYTECODE: "1", ...env },
    stdin: new TextEncoder().encode(stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const last = stdout.trim().split("\n").pop() ?? "";
  let value: unknown;
  try {
    value = last ? JSON.parse(last) : undefined;
  } catch {
    throw new Error(`driver printed no JSON (exit ${exitCode}): ${stdout}\n${stderr}`);
  }
  return { value, stderr, exitCode };
}
