/**
 * The local launcher: the job runs in its own session and process group (so it survives the CLI
 * exiting and is cancelled as a whole), its output goes to files in the job folder, and its state is
 * read back from /proc and the job folder, never from this process's memory.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HarnessError } from "../../judges/errors.ts";
import type { JobLogs, JobSpec, JobStatus, LaunchResult, Launcher } from "../types.ts";
import { launchPrefix } from "./distributed.ts";
import { isSameProcessAlive, readProcStat } from "./proc.ts";
import { CANCELLED_FILE, readExitCode, wrapScript } from "./wrapper.ts";

export function localLogs(jobDir: string): JobLogs {
  return { stdout: join(jobDir, "logs", "stdout.log"), stderr: join(jobDir, "logs", "stderr.log") };
}

function parseId(launcherId: string): { pid: number; startTime: string } {
  const [pid, startTime] = launcherId.split(":");
  if (!pid || !startTime) throw new HarnessError(`local launcher id ${JSON.stringify(launcherId)} is not pid:starttime`, "internal");
  return { pid: Number(pid), startTime };
}

export const localLauncher: Launcher = {
  name: "local",

  async submit(spec: JobSpec): Promise<LaunchResult> {
    const logs = localLogs(spec.jobDir);
    mkdirSync(join(spec.jobDir, "logs"), { recursive: true });
    const out = openSync(logs.stdout, "a");
    const err = openSync(logs.stderr, "a");
    try {
      const child = spawn("bash", ["-c", wrapScript(spec.script, spec.jobDir)], {
        cwd: spec.jobDir,
        env: { ...process.env, ...spec.env, CODEJUDGE_LAUNCH: launchPrefix(spec.python, spec.resources, "local") },
        // setsid: a new session and process group, not tied to the CLI's terminal.
        detached: true,
        stdio: ["ignore", out, err],
      });
      const pid = child.pid;
      if (pid === undefined) throw new HarnessError(`could not start bash for job ${spec.jobId}`, "internal");
      child.unref();
      const stat = readProcStat(pid);
      if (!stat) {
        // It ended before we looked: the exit code file tells how.
        return { launcherId: `${pid}:gone`, logs };
      }
      return { launcherId: `${pid}:${stat.startTime}`, logs };
    } finally {
      closeSync(out);
      closeSync(err);
    }
  },

  async status(launcherId: string, jobDir: string): Promise<JobStatus> {
    const { pid, startTime } = parseId(launcherId);
    const code = readExitCode(jobDir);
    const cancelled = existsSync(join(jobDir, CANCELLED_FILE));
    if (code !== null) {
      if (cancelled) return { state: "cancelled", exitCode: code };
      return { state: code === 0 ? "completed" : "failed", exitCode: code };
    }
    if (isSameProcessAlive(pid, startTime)) return { state: "running", exitCode: null };
    if (cancelled) return { state: "cancelled", exitCode: null };
    return { state: "failed", exitCode: null, detail: "the process ended without recording an exit code (killed?)" };
  },

  async cancel(launcherId: string, jobDir: string): Promise<void> {
    const { pid, startTime } = parseId(launcherId);
    writeFileSync(join(jobDir, CANCELLED_FILE), `${new Date().toISOString()}\n`);
    if (!isSameProcessAlive(pid, startTime)) return;
    // The negative pid signals the whole process group: the wrapper, the script and the trainer.
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 100 && isSameProcessAlive(pid, startTime); i++) await Bun.sleep(100);
    if (isSameProcessAlive(pid, startTime)) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  },

  logs(_launcherId: string, jobDir: string): JobLogs {
    return localLogs(jobDir);
  },
};
