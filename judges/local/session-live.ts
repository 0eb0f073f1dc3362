/**
 * One live sandbox of a session: the whole launch chain of judges/local/README.md (cgroup, setpriv,
 * bwrap, scratch tmpfs) started once, with sandbox-init in session mode, then one run per command.
 * The harness's side of each run: reset the peak memory and note CPU and OOM counters, write the
 * stdin file and the input files, send the command, read stdout and stderr up to sandbox-init's end
 * markers under the run's own CPU, wall and output limits, read the report behind the token, and
 * empty the scratch on the host. A run that hits a limit kills the whole sandbox, as a one-shot run.
 */
import { closeSync, cpSync, openSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { countSandboxStart, endPhase, startPhase } from "../profile.ts";
import { type Language, type RunInput, type RunLimits, type RunOutcome, SandboxError } from "../types.ts";
import { markUsed } from "./cache-budget.ts";
import { RunCgroup } from "./cgroup.ts";
import { collectFiles } from "./collect.ts";
import type { SandboxContext } from "./context.ts";
import { decodeUtf8 } from "./capture.ts";
import { deriveRlimits, type EnforcedLimit, type ExecLimits, type ExecResult, LAUNCH_TASKS } from "./exec.ts";
import { buildLaunch, type ProgramRlimits } from "./launch.ts";
import { buildRunOutcome } from "./outcome.ts";
import { commandFor, execLimitsFor, type LocalProgramHandle, STDERR_BYTES } from "./run.ts";
import { createRunDir, filePagesBytes, type RunDir, type ScratchCaps, writeSandboxFiles } from "./scratch.ts";
import { placeStdin } from "./session-inputs.ts";
import { SessionStream } from "./session-stream.ts";
import { parseSessionReport, sessionMarker } from "./session-status.ts";
import { makeRunToken } from "./status.ts";
import { warn } from "./warn.ts";

const CPU_POLL_MS = 20;
const DRAIN_GRACE_MS = 300;
/**
 * New inodes a run may leave in its scratch for the host to delete between runs; more (an inode
 * flood, a deep tree) and the sandbox is replaced instead: detaching its tmpfs takes constant time.
 */
const CLEANUP_MAX_INODES = 64;
/** Tells sandbox-init (after `--`) to serve a session instead of one run. */
const SESSION_FLAG = "--session";

export interface LiveSandbox {
  readonly caps: ScratchCaps;
  /**
   * Puts the program at /prog (a copy; /prog is a read-only bind of a host folder, so a copy made
   * after the start is seen inside). Once, before the first run: a sandbox serves one program.
   */
  adopt(handle: LocalProgramHandle): void;
  /** Whether bwrap is still running and the sandbox was not disposed (a pre-started one may have died). */
  readonly alive: boolean;
  /** Runs one input; `reusable` false means the sandbox is gone or dirty and must be disposed. */
  run(input: RunInput): Promise<{ outcome: RunOutcome; reusable: boolean }>;
  /** Runs so far. */
  readonly runs: number;
  dispose(): Promise<void>;
}

/** What a session's sandbox is started for: everything but the program itself (see LiveSandbox.adopt). */
export interface LiveSpec {
  language: Language;
  /** Python's `-S` (the handle's noSite). */
  noSite: boolean;
  limits: RunLimits;
  caps: ScratchCaps;
}

/** The control message of one run: "run", the argument count, the arguments, each NUL-terminated. */
function encodeCommand(args: string[]): string {
  return ["run", String(args.length), ...args].map((field) => `${field}\0`).join("");
}

/**
 * Starts a session's sandbox, without its program (see LiveSandbox.adopt), so it can start before
 * the program is compiled; throws SandboxError when that fails.
 */
export function startLiveSandbox(ctx: SandboxContext, spec: LiveSpec): LiveSandbox {
  const { language, limits, caps } = spec;
  const exec = execLimitsFor(limits);
  const rlimits = deriveRlimits(ctx, exec);
  const run = createRunDir(ctx, "session-", caps);
  let cgroup: RunCgroup | null = null;
  try {
    const box = run.makeDir("box", true);
    const exe = run.makeDir("prog", false);
    const inDir = run.makeDir("in", false);
    const scratchMounts = run.scratchMounts();
    const writable = [box, ...scratchMounts.map((m) => m.src)];
    const stats = statfsSync(box);
    const baseInodes = stats.files - stats.ffree;
    cgroup = ctx.cgroups ? RunCgroup.create(ctx.cgroups, ctx.nextId("session-"), { memoryBytes: exec.memoryBytes, pids: limits.processes + LAUNCH_TASKS.bwrap }) : null;
    const launch = buildLaunch(
      ctx.launcher,
      {
        command: [SESSION_FLAG, ...commandFor(language, ctx.tools.python3, [], spec.noSite)],
        mounts: [{ src: box, dest: "/box", writable: true }, { src: exe, dest: "/prog" }, { src: inDir, dest: "/.in" }, ...scratchMounts],
        cwd: "/box",
        env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" },
        tmpBytes: exec.memoryBytes,
        rlimits,
      },
      cgroup?.procsFiles ?? [],
    );
    const token = makeRunToken();
    const tokenPath = `${run.statusPath}.token`;
    writeFileSync(tokenPath, `${token}\n`, { mode: 0o600 });
    const tokenFd = openSync(tokenPath, "r");
    const statusFd = openSync(run.statusPath, "w", 0o600);
    let proc: Bun.Subprocess<"pipe", "pipe", "pipe">;
    try {
      proc = Bun.spawn({ cmd: launch.argv, cwd: launch.cwd, env: launch.env, stdio: ["pipe", "pipe", "pipe", statusFd, tokenFd] }) as Bun.Subprocess<"pipe", "pipe", "pipe">;
    } finally {
      closeSync(statusFd);
      closeSync(tokenFd);
    }
    countSandboxStart();
    return createLive({ ctx, run, cgroup, proc, token, box, exe, inDir, writable, baseInodes, caps, limits, rlimits });
  } catch (error) {
    void cgroup?.remove();
    void run.dispose();
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`cannot start a sandbox session: ${(error as Error).message}`, "sandbox_unavailable", { cause: error });
  }
}

interface LiveParts {
  ctx: SandboxContext;
  run: RunDir;
  cgroup: RunCgroup | null;
  proc: Bun.Subprocess<"pipe", "pipe", "pipe">;
  token: string;
  box: string;
  exe: string;
  inDir: string;
  writable: string[];
  baseInodes: number;
  caps: ScratchCaps;
  limits: RunLimits;
  rlimits: ProgramRlimits;
}

function createLive(parts: LiveParts): LiveSandbox {
  const { ctx, run, cgroup, proc, token, limits } = parts;
  const stdout = new SessionStream(proc.stdout);
  const stderr = new SessionStream(proc.stderr);
  let statusOffset = 0;
  let seq = 0;
  let disposed: Promise<void> | null = null;

  const readReport = () => {
    const bytes = readFileSync(run.statusPath);
    const text = bytes.subarray(statusOffset).toString("utf8");
    statusOffset = bytes.length;
    return parseSessionReport(text, token, seq, parts.rlimits);
  };

  /** Deletes what the run left in /box, /tmp and /dev/shm; false when the scratch is not as new. */
  const emptyScratch = (): boolean => {
    const before = statfsSync(parts.box);
    if (before.files - before.ffree - parts.baseInodes > CLEANUP_MAX_INODES) return false;
    try {
      for (const dir of parts.writable) for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      return false;
    }
    const after = statfsSync(parts.box);
    return after.files - after.ffree === parts.baseInodes && after.blocks === after.bfree;
  };

  const runOne = async (input: RunInput): Promise<{ outcome: RunOutcome; reusable: boolean }> => {
    seq++;
    const setup = startPhase();
    const files = input.files ?? {};
    writeSandboxFiles(ctx, parts.box, files, "RunInput.files");
    placeStdin(ctx, join(parts.inDir, "stdin"), input.stdin ?? "");
    cgroup?.resetPeak();
    const cpuBefore = cgroup?.readCpuNs() ?? 0;
    const oomBefore = cgroup?.readOomKills() ?? 0;
    const cpuUsedNs = () => Math.max(0, (cgroup?.readCpuNs() ?? cpuBefore) - cpuBefore);
    endPhase("session run set-up (files, stdin, cgroup counters)", setup);

    const enforced: { limit: EnforcedLimit | null } = { limit: null };
    const kill = (reason: EnforcedLimit | null) => {
      if (reason && enforced.limit === null) enforced.limit = reason;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      void cgroup?.killAll();
    };
    const marker = sessionMarker(token, seq);
    const outPart = stdout.next(marker, limits.outputBytes, limits.outputBytes, () => kill("output"));
    const errPart = stderr.next(marker, STDERR_BYTES, Number.POSITIVE_INFINITY, () => {});
    const started = performance.now();
    const wallTimer = setTimeout(() => kill("wall_time"), limits.wallMs);
    const cpuTimer = cgroup
      ? setInterval(() => {
          if (cpuUsedNs() > limits.cpuMs * 1e6) kill("cpu_time");
        }, CPU_POLL_MS)
      : null;
    try {
      proc.stdin.write(encodeCommand(input.args ?? []));
      proc.stdin.flush();
    } catch {
      // The session is gone: its stdout ends, and the run below is read as killed.
    }
    const bothParts = Promise.all([outPart, errPart]);
    const first = await Promise.race([bothParts, proc.exited.then(() => null)]);
    // Both end markers and no limit: the run ended by itself and the sandbox is still whole.
    const finished = first !== null && enforced.limit === null && first.every((part) => part.ended);
    const wallMs = Math.round(performance.now() - started);
    clearTimeout(wallTimer);
    if (cpuTimer) clearInterval(cpuTimer);
    const finish = startPhase();
    if (!finished) {
      kill(null);
      await proc.exited;
      await cgroup?.killAll();
    }
    const drain = setTimeout(() => {
      stdout.cancel();
      stderr.cancel();
    }, DRAIN_GRACE_MS);
    const [out, err] = await bothParts;
    clearTimeout(drain);
    const report = readReport();
    const peakBytes = cgroup?.readPeakBytes() ?? null;
    const oom = (cgroup?.readOomKills() ?? 0) > oomBefore || report.execNoMemory;
    const status = report.status;
    if (!status && !report.forged && enforced.limit === null && !oom) {
      const detail = decodeUtf8(err.bytes).trim().slice(-2000);
      throw new SandboxError(`the sandbox session ended without a report (exit ${proc.exitCode ?? proc.signalCode}): ${detail}`, "sandbox_unavailable");
    }
    const result: ExecResult = {
      status,
      forged: report.forged,
      limit: enforced.limit,
      oom,
      cpuMs: Math.round(Math.max((status?.cpuUs ?? 0) / 1000, cpuUsedNs() / 1e6)),
      wallMs,
      memoryKb: Math.round(Math.max((peakBytes ?? 0) / 1024, status?.maxRssKb ?? 0)),
      stdout: decodeUtf8(out.bytes),
      stderr: decodeUtf8(err.bytes),
      stderrTotal: err.total,
    };
    const used = run.scratchUsedBytes();
    const scratchUsedBytes = used === null ? null : Math.max(0, used - filePagesBytes(files));
    let outcome = buildRunOutcome(result, limits, { memoryByCgroup: Boolean(ctx.cgroups?.bases.memory), scratchUsedBytes });
    const collect = input.collect ?? [];
    if (collect.length > 0) {
      const collected = collectFiles(parts.box, collect, limits.outputBytes);
      const overLimit = collected.overLimit && outcome.termination === "exited";
      outcome = { ...outcome, files: collected.files, ...(overLimit ? { termination: "output" as const } : {}) };
    }
    const reusable = finished && !report.forged && emptyScratch();
    endPhase("session run finish (report, cgroup, scratch reset)", finish);
    return { outcome, reusable };
  };

  let adopted = false;
  return {
    caps: parts.caps,
    get runs() {
      return seq;
    },
    get alive() {
      return disposed === null && proc.exitCode === null && proc.signalCode === null;
    },
    adopt(handle) {
      if (adopted) throw new SandboxError("a session's sandbox serves one program", "internal");
      adopted = true;
      markUsed(dirname(handle.programDir));
      cpSync(handle.programDir, parts.exe, { recursive: true });
    },
    run(input) {
      if (!adopted) throw new SandboxError("a session's sandbox has no program yet", "internal");
      return runOne(input);
    },
    dispose() {
      disposed ??= (async () => {
        const started = startPhase();
        try {
          proc.stdin.end();
        } catch {
          // Already closed.
        }
        if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
        await proc.exited;
        stdout.cancel();
        stderr.cancel();
        const removed = !cgroup || (await cgroup.remove());
        if (!removed && cgroup) warn(`a session's cgroup could not be removed (pids ${cgroup.listPids().join(",")})`);
        await run.dispose();
        endPhase("session dispose", started);
      })();
      return disposed;
    },
  };
}
