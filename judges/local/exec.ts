/**
 * Runs one command inside the sandbox and reports raw facts: how it ended (from sandbox-init),
 * which limit the harness enforced, whether the OOM killer acted, CPU, wall time, peak memory and
 * the captured output. Compile and run both go through here.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { countSandboxStart, endPhase, startPhase } from "../profile.ts";
import { SandboxError } from "../types.ts";
import { captureStream, decodeUtf8 } from "./capture.ts";
import { RunCgroup } from "./cgroup.ts";
import type { SandboxContext } from "./context.ts";
import { buildLaunch, type Mount, type ProgramRlimits } from "./launch.ts";
import { makeRunToken, parseStatusReport, type StatusReport } from "./status.ts";
import { warn } from "./warn.ts";

export interface ExecLimits {
  cpuMs: number;
  wallMs: number;
  memoryBytes: number;
  /** Tasks the command itself may have (processes and threads). */
  processes: number;
  fileBytes: number;
  stackBytes: number;
  nofile: number;
}

export interface ExecSpec {
  command: string[];
  mounts: Mount[];
  cwd: string;
  env: Record<string, string>;
  /** Host file given to the command as stdin (never a pipe, so large inputs cost no memory here). */
  stdinPath?: string;
  /** Instead of `stdinPath`: stdin is a pipe the caller feeds, and stdout is handed over as it arrives (runPair). */
  pipe?: ExecPipe;
  /** Host file sandbox-init reports into; outside every mount. */
  statusPath: string;
  limits: ExecLimits;
  /** stdout kept; writing more ends the run with limit "output". */
  stdoutBytes: number;
  /** stderr kept; more is drained and dropped, unless `stderrKillBytes` is passed. */
  stderrBytes: number;
  stderrKillBytes?: number;
}

/** The live ends of a piped run, for a caller that relays between two runs. */
export interface ExecPipe {
  /** Receives the command's stdin as soon as it starts. */
  onStart(stdin: import("bun").FileSink): void;
  /** Each chunk of stdout within the output cap, as it arrives. */
  onStdout(chunk: Uint8Array): void;
  /** stdout reached its end (the process tree closed it or is gone). */
  onStdoutEnd(): void;
}

/** What sandbox-init reported about the command. */
export type InitStatus =
  | { kind: "exit"; code: number; cpuUs: number; maxRssKb: number }
  | { kind: "signal"; signal: number; cpuUs: number; maxRssKb: number };

export type EnforcedLimit = "cpu_time" | "wall_time" | "output";

export interface ExecResult {
  status: InitStatus | null;
  /** The status channel held something sandbox-init did not write: the program tampered with it. */
  forged: boolean;
  limit: EnforcedLimit | null;
  oom: boolean;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  stdout: string;
  stderr: string;
  stderrTotal: number;
}

const CPU_POLL_MS = 20;
/** How long output may keep flowing after the process tree is gone (a leaked pipe must not hang us). */
const DRAIN_GRACE_MS = 300;
/** Tasks the launcher adds to the command's own: bwrap's monitor and sandbox-init. */
export const LAUNCH_TASKS = { bwrap: 2, unsafe: 1 };

/** The program's rlimits for `limits` (CPU as a backstop where the cgroup enforces the exact limit). */
export function deriveRlimits(ctx: SandboxContext, limits: ExecLimits): ProgramRlimits {
  const cpuS = Math.ceil(limits.cpuMs / 1000);
  // With cgroup accounting the harness stops the run at the exact limit; the rlimit is a backstop.
  const cpuSoftS = ctx.cgroups?.bases.cpu ? cpuS + 1 : Math.max(1, cpuS);
  const pidsByCgroup = Boolean(ctx.cgroups?.bases.pids);
  return {
    cpuSoftS,
    cpuHardS: cpuSoftS + 1,
    asBytes: ctx.cgroups ? 0 : limits.memoryBytes,
    fsizeBytes: limits.fileBytes,
    stackBytes: limits.stackBytes,
    nofile: limits.nofile,
    // In bwrap's user namespace RLIMIT_NPROC counts this run only; outside it, the whole uid.
    nproc: ctx.mode === "bwrap" || !pidsByCgroup ? limits.processes + 1 : 0,
  };
}

const ENOMEM = 12;

/** sandbox-init's report, strictly parsed; harness failures throw, a forgery is a fact about the program. */
function readStatus(statusPath: string, token: string, rlimits: ProgramRlimits): SettledStatus {
  return settleStatusReport(parseStatusReport(readFileSync(statusPath, "utf8"), token), rlimits, "run");
}

export interface SettledStatus {
  status: InitStatus | null;
  forged: boolean;
  execNoMemory: boolean;
}

/**
 * What the harness believes of a parsed report (one run's, or one run's of a session): harness
 * failures throw, naming `what` failed; a forgery is a fact about the program.
 */
export function settleStatusReport(report: StatusReport, rlimits: ProgramRlimits, what: "run" | "session"): SettledStatus {
  switch (report.kind) {
    case "exit":
    case "signal":
      return { status: report, forged: false, execNoMemory: false };
    case "none":
      return { status: null, forged: false, execNoMemory: false };
    case "forged":
      return { status: null, forged: true, execNoMemory: false };
    case "execfail":
      // Under RLIMIT_AS (no memory cgroup) a program whose image does not fit cannot be exec'd: its own MLE.
      if (report.errno === ENOMEM && rlimits.asBytes > 0) return { status: null, forged: false, execNoMemory: true };
      throw new SandboxError(`the sandbox ${what === "session" ? "session " : ""}could not start the program (errno ${report.errno})`, "internal");
    case "setupfail":
      throw new SandboxError(`sandbox-init failed to set ${what === "session" ? "a session run up" : "limits"} (errno ${report.errno})`, "sandbox_unavailable");
    case "cgroupfail":
      throw new SandboxError(`could not move the ${what} into its cgroup`, "sandbox_unavailable");
  }
}

/** Runs `spec` in the sandbox; throws SandboxError only for harness failures. */
export async function execInSandbox(ctx: SandboxContext, spec: ExecSpec): Promise<ExecResult> {
  const { limits } = spec;
  const launchTasks = ctx.mode === "bwrap" ? LAUNCH_TASKS.bwrap : LAUNCH_TASKS.unsafe;
  const cgroupStarted = startPhase();
  const cgroup = ctx.cgroups
    ? RunCgroup.create(ctx.cgroups, ctx.nextId("run-"), { memoryBytes: limits.memoryBytes, pids: limits.processes + launchTasks })
    : null;
  endPhase("cgroup create", cgroupStarted);
  try {
    return await execWithCgroup(ctx, spec, cgroup);
  } finally {
    const removeStarted = startPhase();
    const removed = !cgroup || (await cgroup.remove());
    endPhase("cgroup kill + remove", removeStarted);
    if (!removed && cgroup) {
      warn(`a run's cgroup could not be removed (pids ${cgroup.listPids().join(",")})`);
    }
  }
}

async function execWithCgroup(ctx: SandboxContext, spec: ExecSpec, cgroup: RunCgroup | null): Promise<ExecResult> {
  const { limits } = spec;
  const setupStarted = startPhase();
  const rlimits = deriveRlimits(ctx, limits);
  const launch = buildLaunch(
    ctx.launcher,
    { command: spec.command, mounts: spec.mounts, cwd: spec.cwd, env: spec.env, tmpBytes: limits.memoryBytes, rlimits },
    cgroup?.procsFiles ?? [],
  );
  // The run's token reaches sandbox-init on fd 4 from a root-only file beside the status file.
  const token = makeRunToken();
  const tokenPath = `${spec.statusPath}.token`;
  writeFileSync(tokenPath, `${token}\n`, { mode: 0o600 });
  const tokenFd = openSync(tokenPath, "r");
  const statusFd = openSync(spec.statusPath, "w", 0o600);
  const stdinFd = spec.stdinPath ? openSync(spec.stdinPath, "r") : null;
  endPhase("launch arguments, token and status files", setupStarted);
  const started = performance.now();
  let proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  try {
    const stdin = spec.pipe ? "pipe" : (stdinFd ?? "ignore");
    proc = Bun.spawn({ cmd: launch.argv, cwd: launch.cwd, env: launch.env, stdio: [stdin, "pipe", "pipe", statusFd, tokenFd] }) as Bun.Subprocess<
      "ignore",
      "pipe",
      "pipe"
    >;
  } catch (error) {
    throw new SandboxError(`cannot start the sandbox: ${(error as Error).message}`, "sandbox_unavailable", { cause: error });
  } finally {
    closeSync(statusFd);
    closeSync(tokenFd);
    if (stdinFd !== null) closeSync(stdinFd);
  }
  countSandboxStart();
  if (spec.pipe) spec.pipe.onStart((proc as unknown as Bun.Subprocess<"pipe">).stdin);

  const enforced: { limit: EnforcedLimit | null } = { limit: null };
  const killTree = (reason: EnforcedLimit) => {
    if (enforced.limit !== null) return;
    enforced.limit = reason;
    // Once Bun has reaped the launcher its pid may be reused: only signal a process still ours.
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        if (ctx.mode === "unsafe") process.kill(-proc.pid, "SIGKILL");
      } catch {
        // sandbox-init has not made its own group yet, or it is gone.
      }
      // bwrap's --die-with-parent takes the pid namespace down with it.
      proc.kill("SIGKILL");
    }
    void cgroup?.killAll();
  };

  const wallTimer = setTimeout(() => killTree("wall_time"), limits.wallMs);
  const cpuTimer = cgroup
    ? setInterval(() => {
        const ns = cgroup.readCpuNs();
        if (ns !== null && ns > limits.cpuMs * 1e6) killTree("cpu_time");
      }, CPU_POLL_MS)
    : null;
  const stopReading = new AbortController();
  const pipe = spec.pipe;
  const stdoutDone = captureStream(proc.stdout, spec.stdoutBytes, spec.stdoutBytes, () => killTree("output"), stopReading.signal, pipe?.onStdout);
  if (pipe) void stdoutDone.finally(() => pipe.onStdoutEnd());
  const stderrKill = spec.stderrKillBytes ?? Number.POSITIVE_INFINITY;
  const stderrDone = captureStream(proc.stderr, spec.stderrBytes, stderrKill, () => killTree("output"), stopReading.signal);

  await proc.exited;
  endPhase("sandboxed process (Bun.spawn to exit)", started);
  const finishStarted = startPhase();
  const wallMs = Math.round(performance.now() - started);
  clearTimeout(wallTimer);
  if (cpuTimer) clearInterval(cpuTimer);
  // Anything still alive (only possible without bwrap's pid namespace) dies before we measure.
  await cgroup?.killAll();
  const drainTimer = setTimeout(() => stopReading.abort(), DRAIN_GRACE_MS);
  const [stdout, stderr] = await Promise.all([stdoutDone, stderrDone]);
  clearTimeout(drainTimer);

  const { status, forged, execNoMemory } = readStatus(spec.statusPath, token, rlimits);
  const cgroupCpuNs = cgroup?.readCpuNs() ?? null;
  const peakBytes = cgroup?.readPeakBytes() ?? null;
  const oom = (cgroup?.wasOomKilled() ?? false) || execNoMemory;
  const limit = enforced.limit;
  endPhase("kill stragglers, drain output, read status and cgroup", finishStarted);
  if (!status && !forged && limit === null && !oom) {
    const detail = decodeUtf8(stderr.bytes).trim().slice(-2000);
    throw new SandboxError(`the sandbox failed to start (exit ${proc.exitCode ?? proc.signalCode}): ${detail}`, "sandbox_unavailable");
  }
  return {
    status,
    forged,
    limit,
    oom,
    // sandbox-init's rusage covers the program's whole tree (it reaps everything before reporting);
    // the cgroup covers every task that ever ran in it, bwrap's set-up included, and is all there is
    // when the run was killed before sandbox-init could report. The larger figure is the honest one.
    cpuMs: Math.round(Math.max((status?.cpuUs ?? 0) / 1000, (cgroupCpuNs ?? 0) / 1e6)),
    wallMs,
    memoryKb: Math.round(Math.max((peakBytes ?? 0) / 1024, status?.maxRssKb ?? 0)),
    stdout: decodeUtf8(stdout.bytes),
    stderr: decodeUtf8(stderr.bytes),
    stderrTotal: stderr.total,
  };
}
