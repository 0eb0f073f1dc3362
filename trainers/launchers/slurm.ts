/**
 * The Slurm launcher: an `sbatch --parsable` script with the job's resources, requeueable, that asks
 * for USR1 two minutes before the time limit and requeues itself then, so the package resumes from
 * its last checkpoint. State comes from `scontrol show job` (squeue's view; no accounting needed), and
 * from the job folder's exit code once the controller has forgotten the job.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HarnessError } from "../../judges/errors.ts";
import type { JobLogs, JobSpec, JobState, JobStatus, LaunchResult, Launcher } from "../types.ts";
import { launchPrefix } from "./distributed.ts";
import { localLogs } from "./local.ts";
import { CANCELLED_FILE, EXIT_CODE_FILE, readExitCode, shellQuote, wrapScript } from "./wrapper.ts";

export const SBATCH_FILE = "sbatch.sh";

/** The batch script for a job (written to the job folder, submitted with sbatch). */
export function renderSbatchScript(spec: JobSpec): string {
  const r = spec.resources;
  const logs = localLogs(spec.jobDir);
  const q = shellQuote;
  const directives = [
    `--job-name=${spec.name}`,
    `--output=${logs.stdout}`,
    `--error=${logs.stderr}`,
    // A requeued job appends to the same logs instead of truncating the first attempt's.
    "--open-mode=append",
    `--chdir=${spec.jobDir}`,
    `--nodes=${r.nodes}`,
    "--ntasks-per-node=1",
    ...(r.gpusPerNode > 0 ? [`--gpus-per-node=${r.gpusPerNode}`] : []),
    ...(r.cpusPerTask ? [`--cpus-per-task=${r.cpusPerTask}`] : []),
    ...(r.mem ? [`--mem=${r.mem}`] : []),
    ...(r.time ? [`--time=${r.time}`] : []),
    ...(r.partition ? [`--partition=${r.partition}`] : []),
    ...(r.account ? [`--account=${r.account}`] : []),
    "--requeue",
    "--signal=B:USR1@120",
  ];
  const env = Object.entries(spec.env).map(([k, v]) => `export ${k}=${q(v)}`);
  return [
    "#!/bin/bash",
    ...directives.map((d) => `#SBATCH ${d}`),
    "# Slurm sends USR1 to this shell 120 s before the time limit: requeue, and the package resumes from checkpoints/latest.",
    `trap 'echo "codejudge: USR1 received, requeueing job $SLURM_JOB_ID" >&2; scontrol requeue "$SLURM_JOB_ID"' USR1`,
    `rm -f ${q(join(spec.jobDir, EXIT_CODE_FILE))}`,
    `echo "codejudge: attempt $((SLURM_RESTART_COUNT + 0)) of job $SLURM_JOB_ID on $(hostname)" >&2`,
    ...env,
    `export CODEJUDGE_MASTER=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)`,
    `export CODEJUDGE_LAUNCH=${q(launchPrefix(spec.python, r, "slurm"))}`,
    // In the background, so the shell can run the USR1 trap while the job runs.
    `bash -c ${q(wrapScript(spec.script, spec.jobDir))} &`,
    "child=$!",
    'wait "$child"; code=$?',
    'while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done',
    'exit "$code"',
    "",
  ].join("\n");
}

async function run(cmd: string[]): Promise<{ code: number; out: string; err: string }> {
  // process.env explicitly: SLURM_CONF set at run time must reach the client commands.
  const proc = Bun.spawn({ cmd, env: process.env, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, out, err };
}

const STATES: Record<string, JobState> = {
  PENDING: "pending",
  CONFIGURING: "pending",
  REQUEUED: "pending",
  REQUEUE_HOLD: "pending",
  REQUEUE_FED: "pending",
  RESV_DEL_HOLD: "pending",
  SUSPENDED: "pending",
  PREEMPTED: "pending",
  RESIZING: "running",
  RUNNING: "running",
  COMPLETING: "running",
  STAGE_OUT: "running",
  SIGNALING: "running",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  FAILED: "failed",
  TIMEOUT: "failed",
  NODE_FAIL: "failed",
  OUT_OF_MEMORY: "failed",
  BOOT_FAIL: "failed",
  DEADLINE: "failed",
  SPECIAL_EXIT: "failed",
};

/** `Key=Value` pairs of `scontrol show job -o` (one line per job). */
export function parseScontrol(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)=(\S*)/g)) if (!(m[1]! in fields)) fields[m[1]!] = m[2]!;
  return fields;
}

/** The job's state from scontrol's fields; null for a state this table does not know. */
export function statusFromScontrol(f: Record<string, string>): JobStatus | null {
  const raw = (f.JobState ?? "").split("+")[0]!;
  const state = STATES[raw];
  if (!state) return null;
  const [code, signal] = (f.ExitCode ?? "0:0").split(":").map(Number);
  const exitCode = state === "completed" || state === "failed" ? (signal ? 128 + signal! : (code ?? null)) : null;
  const detail = [raw, f.Reason && f.Reason !== "None" ? f.Reason : ""].filter(Boolean).join(" ");
  return { state, exitCode, detail };
}

export const slurmLauncher: Launcher = {
  name: "slurm",

  async submit(spec: JobSpec): Promise<LaunchResult> {
    mkdirSync(join(spec.jobDir, "logs"), { recursive: true });
    const path = join(spec.jobDir, SBATCH_FILE);
    writeFileSync(path, renderSbatchScript(spec), { mode: 0o755 });
    const r = await run(["sbatch", "--parsable", path]);
    if (r.code !== 0) throw new HarnessError(`sbatch failed (exit ${r.code}): ${r.err.trim() || r.out.trim()}`, "remote");
    // --parsable prints "jobid" or "jobid;cluster".
    const id = r.out.trim().split(";")[0]!;
    if (!/^\d+$/.test(id)) throw new HarnessError(`sbatch printed no job id: ${JSON.stringify(r.out)}`, "remote");
    return { launcherId: id, logs: localLogs(spec.jobDir) };
  },

  async status(launcherId: string, jobDir: string): Promise<JobStatus> {
    const r = await run(["scontrol", "show", "job", "-o", launcherId]);
    if (r.code === 0) {
      const s = statusFromScontrol(parseScontrol(r.out));
      if (s) return s;
    }
    // The controller forgets finished jobs after MinJobAge: the job folder still knows how it ended.
    const code = readExitCode(jobDir);
    if (existsSync(join(jobDir, CANCELLED_FILE))) return { state: "cancelled", exitCode: code };
    if (code !== null) return { state: code === 0 ? "completed" : "failed", exitCode: code };
    return { state: "failed", exitCode: null, detail: `Slurm no longer knows job ${launcherId} and it recorded no exit code` };
  },

  async cancel(launcherId: string, jobDir: string): Promise<void> {
    writeFileSync(join(jobDir, CANCELLED_FILE), `${new Date().toISOString()}\n`);
    const r = await run(["scancel", launcherId]);
    if (r.code !== 0) throw new HarnessError(`scancel ${launcherId} failed: ${r.err.trim()}`, "remote");
  },

  logs(_launcherId: string, jobDir: string): JobLogs {
    return localLogs(jobDir);
  },
};
