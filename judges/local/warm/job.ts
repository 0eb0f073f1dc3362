/**
 * One job on a warm zygote: one run, or the two sides of a pair joined stdout-to-stdin inside the
 * zygote. The harness writes each side's program, files and stdin into the zygote's request folder,
 * creates the side's cgroups (memory, pids, CPU accounting, freezer) and enforces the CPU and wall
 * limits by killing every task in them, exactly as for a cold run; the zygote enforces the output
 * caps and reports how each side ended.
 */
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CgroupController } from "../cgroup-detect.ts";
import { RunCgroup } from "../cgroup.ts";
import { assertCollectNames } from "../collect.ts";
import type { SandboxContext } from "../context-types.ts";
import type { EnforcedLimit } from "../exec.ts";
import { markUsed } from "../cache-budget.ts";
import { endPhase, startPhase } from "../../profile.ts";
import { assertLimits, type LocalProgramHandle, STDERR_BYTES, stackBytesFor } from "../run.ts";
import { filePagesBytes, scratchCapsFor, writeSandboxFiles } from "../scratch.ts";
import { type RunInput, type RunLimits, type RunOutcome, SandboxError } from "../../types.ts";
import { FrameKind } from "./frames.ts";
import { type SideReport, sideOutcome } from "./side-outcome.ts";
import { placeProgram } from "./program-folders.ts";
import { WarmUnavailable } from "./unavailable.ts";
import { REQ_DEST, type Zygote } from "./zygote.ts";

/**
 * How a job's sides are joined: one run alone ("none"); a pair relayed by the zygote (each side's
 * stdout captured, capped and copied to the other's stdin); or a pair on plain pipes ("direct", when
 * the peer is trusted and bounds what it reads: PairSide.directPipe), nothing relayed or captured.
 */
export type Piping = "none" | "relayed" | "direct";

export interface WarmSide {
  handle: LocalProgramHandle;
  input: RunInput;
  limits: RunLimits;
}


const CPU_POLL_MS = 20;
const NOFILE = 128;
/** How long past the largest wall limit a job may take before the zygote is taken for hung. */
const HUNG_GRACE_MS = 10_000;

interface SideState {
  side: WarmSide;
  dir: string;
  cgroup: RunCgroup;
  stdout: Uint8Array[];
  stderr: Uint8Array[];
  result: Uint8Array[];
  end: Record<string, unknown> | null;
  limit: EnforcedLimit | null;
  wallMs: number;
}

/**
 * One side's request. `trusted`: the peer of a direct pair (trusted code), which runs in its run's
 * init instead of a second process; it collects no files (the zygote reports only how it ended).
 */
function writeSide(ctx: SandboxContext, zygote: Zygote, jobId: string, index: number, side: WarmSide, piped: boolean, trusted: boolean): { dir: string; cgroup: RunCgroup; spec: object } {
  const { limits, input } = side;
  // The same checks as a cold run's: a bad request is the caller's bug whichever path serves it.
  assertLimits(limits);
  const args = input.args ?? [];
  if (!args.every((a) => typeof a === "string" && !a.includes("\0"))) throw new SandboxError("RunInput.args must be strings without NUL", "internal");
  markUsed(dirname(side.handle.programDir));
  if (!existsSync(side.handle.programDir)) throw new SandboxError(`the prepared program ${side.handle.programDir} is gone from the compile cache; prepare it again`, "internal");
  const files = input.files ?? {};
  const collect = input.collect ?? [];
  assertCollectNames(collect);
  if (trusted && collect.length > 0) throw new SandboxError("the trusted peer of a direct pair collects no files", "internal");
  const dir = join(zygote.reqDir, jobId, String(index));
  mkdirSync(join(dir, "files"), { recursive: true, mode: 0o755 });
  chownSync(join(dir, "files"), 65534, 65534);
  const dest = `${REQ_DEST}/${jobId}/${index}`;
  const { prog, pycWrite } = placeProgram(zygote, side.handle, dir, dest);
  writeSandboxFiles(ctx, join(dir, "files"), files, "RunInput.files");
  if (!piped) writeFileSync(join(dir, "stdin"), input.stdin ?? "", { mode: 0o644 });
  const name = `${zygote.id}-${jobId}-${index}`;
  const layout = ctx.cgroups;
  if (!layout) throw new WarmUnavailable("no cgroups");
  const memoryBytes = limits.memoryMb * 1024 * 1024;
  const cgroup = RunCgroup.create(layout, name, { memoryBytes, pids: limits.processes + 1 });
  const joins: string[] = [];
  const seen = new Set<string>();
  for (const [controller, base] of Object.entries(zygote.cgroupBases) as [CgroupController, string][]) {
    if (seen.has(base)) continue;
    seen.add(base);
    // The run's init joins by writing its own thread to `tasks` (see zygote_child.py run_side).
    chownSync(join(base, name, "tasks"), 65534, 65534);
    joins.push(`${controller}/${name}`);
  }
  const cpuSoft = Math.ceil(limits.cpuMs / 1000) + 1;
  const spec = {
    dir: dest,
    prog,
    cgroups: joins,
    argv: args,
    piped,
    rlimits: { cpuSoft, cpuHard: cpuSoft + 1, fsize: Math.floor(limits.fileBytes), stack: stackBytesFor(limits.memoryMb), nofile: NOFILE },
    scratch: scratchCapsFor(memoryBytes, files),
    stdoutBytes: Math.floor(limits.outputBytes),
    stderrBytes: STDERR_BYTES,
    stderrKillBytes: piped ? Math.floor(limits.outputBytes) : -1,
    collect,
    collectBytes: Math.floor(limits.outputBytes),
    ...(pycWrite ? { pycWrite } : {}),
    ...(trusted ? { trusted } : {}),
  };
  return { dir, cgroup, spec };
}

/** Runs the job; resolves one RunOutcome per side, or throws WarmUnavailable. */
export async function runWarmJob(ctx: SandboxContext, zygote: Zygote, sides: WarmSide[], piping: Piping): Promise<RunOutcome[]> {
  const piped = piping !== "none";
  const jobId = zygote.nextJobId();
  const states: SideState[] = [];
  try {
    const setupStarted = startPhase();
    const specs = sides.map((side, index) => {
      const written = writeSide(ctx, zygote, jobId, index, side, piped, piping === "direct" && index === 1);
      states.push({ side, dir: written.dir, cgroup: written.cgroup, stdout: [], stderr: [], result: [], end: null, limit: null, wallMs: 0 });
      return written.spec;
    });
    endPhase("warm: request folders and cgroups (all sides)", setupStarted);
    const exchangeStarted = startPhase();
    await exchange(zygote, states, { sides: specs, ...(piping === "direct" ? { direct: true } : {}) });
    endPhase("warm: zygote job (send to job end)", exchangeStarted);
    return states.map((state) => sideOutcome(toReport(state), state.side.limits, state.side.input));
  } finally {
    const teardownStarted = startPhase();
    await Promise.all(states.map((state) => state.cgroup.remove()));
    endPhase("warm: cgroup remove", teardownStarted);
    const rmStarted = startPhase();
    rmSync(join(zygote.reqDir, jobId), { recursive: true, force: true });
    endPhase("warm: request folder removal", rmStarted);
  }
}

function exchange(zygote: Zygote, states: SideState[], request: { sides: object[]; direct?: boolean }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const started = performance.now();
    const kill = (state: SideState, reason: EnforcedLimit) => {
      if (state.limit !== null || state.end) return;
      state.limit = reason;
      void state.cgroup.killAll();
    };
    const timers = states.map((state) => setTimeout(() => kill(state, "wall_time"), state.side.limits.wallMs));
    const poll = setInterval(() => {
      for (const state of states) {
        // A kill that came before the run had joined its groups found nobody there: kill again.
        if (state.limit !== null && !state.end) void state.cgroup.killAll();
        const ns = state.cgroup.readCpuNs();
        if (ns !== null && ns > state.side.limits.cpuMs * 1e6) kill(state, "cpu_time");
      }
    }, CPU_POLL_MS);
    const longest = Math.max(...states.map((s) => s.side.limits.wallMs));
    const finish = (error?: Error) => {
      clearInterval(poll);
      clearTimeout(hung);
      for (const timer of timers) clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const hung = setTimeout(() => {
      void zygote.kill();
      finish(new WarmUnavailable("the zygote did not finish the job in time"));
    }, longest + HUNG_GRACE_MS);
    try {
      zygote.send(
        request,
        {
          onGone: (reason) => finish(new WarmUnavailable(reason)),
          onFrame: (frame) => {
            if (frame.kind === FrameKind.jobEnd) return finish();
            const state = states[frame.side];
            if (!state) return finish(new WarmUnavailable(`a frame for side ${frame.side} of a ${states.length}-side job`));
            if (frame.kind === FrameKind.stdout) state.stdout.push(frame.payload);
            else if (frame.kind === FrameKind.stderr) state.stderr.push(frame.payload);
            else if (frame.kind === FrameKind.result) state.result.push(frame.payload);
            else if (frame.kind === FrameKind.sideEnd) {
              state.wallMs = Math.round(performance.now() - started);
              clearTimeout(timers[frame.side]);
              state.end = JSON.parse(new TextDecoder().decode(frame.payload)) as Record<string, unknown>;
            }
          },
        },
      );
    } catch (error) {
      finish(new WarmUnavailable((error as Error).message));
    }
  });
}

function toReport(state: SideState): SideReport {
  const end = state.end;
  if (!end) throw new WarmUnavailable("a side ended without its report");
  const zygoteLimit = end.limit === "output" ? "output" : null;
  return {
    stdout: state.stdout,
    stderr: state.stderr,
    result: state.result,
    stderrTotal: Number(end.stderrTotal ?? 0),
    limit: state.limit ?? zygoteLimit,
    wallMs: state.wallMs,
    cgroupCpuNs: state.cgroup.readCpuNs(),
    peakBytes: state.cgroup.readPeakBytes(),
    oom: state.cgroup.wasOomKilled(),
    inputPagesBytes: filePagesBytes(state.side.input.files ?? {}),
  };
}
