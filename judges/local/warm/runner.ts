/**
 * What the local sandbox calls: warm `run` and `runPair` for Python, or null when the job must go
 * the cold way (the warm path is off, the sandbox cannot host zygotes, a side is not Python, or a
 * zygote failed to serve it; that last case is announced once and the job runs cold, so a broken
 * zygote costs speed, never a verdict).
 */
import type { SandboxContext } from "../context-types.ts";
import type { LocalPairSide } from "../pair.ts";
import type { LocalProgramHandle } from "../run.ts";
import { warnOnce } from "../warn.ts";
import { type PairOutcome, type RunInput, type RunLimits, type RunOutcome, SandboxError } from "../../types.ts";
import { supportsWarm, WarmPool } from "./pool.ts";
import { WarmUnavailable } from "./unavailable.ts";
import type { Piping, WarmSide } from "./job.ts";

export interface WarmRunner {
  run(handle: LocalProgramHandle, input: RunInput, limits: RunLimits): Promise<RunOutcome | null>;
  runPair(program: LocalPairSide, peer: LocalPairSide): Promise<PairOutcome | null>;
  started(): number;
  /** Jobs a zygote could not serve, which ran cold instead. */
  fallbacks(): number;
  /** CPU of the zygotes' own groups, ms. */
  zygoteCpuMs(): number;
  close(): Promise<void>;
}

function toWarmSide(side: LocalPairSide): WarmSide {
  return { handle: side.handle, limits: side.limits, input: { files: side.files, args: side.args, collect: side.collect } };
}

export function createWarmRunner(enabled: boolean, context: () => Promise<SandboxContext>): WarmRunner {
  let pool: WarmPool | null = null;
  let fallbacks = 0;
  let closed = false;
  const poolFor = async (): Promise<WarmPool | null> => {
    if (!enabled) return null;
    const ctx = await context();
    if (!supportsWarm(ctx)) return null;
    pool ??= new WarmPool(ctx);
    return pool;
  };
  const attempt = async (sides: WarmSide[], piped: Piping): Promise<RunOutcome[] | null> => {
    const warmPool = await poolFor();
    if (!warmPool) return null;
    try {
      return await warmPool.run(sides, piped);
    } catch (error) {
      if (!(error instanceof WarmUnavailable)) throw error;
      // A sandbox closed while the job was in flight has no cold path left either.
      if (closed) throw new SandboxError("the local sandbox is closed", "internal");
      fallbacks++;
      warnOnce("warm-fallback", `a warm Python zygote could not serve a job (${error.message}); such jobs run cold`);
      return null;
    }
  };
  return {
    async run(handle, input, limits) {
      const outcomes = await attempt([{ handle, input, limits }], "none");
      return outcomes?.[0] ?? null;
    },
    async runPair(program, peer) {
      if (program.language !== "python" || peer.language !== "python") return null;
      const outcomes = await attempt([toWarmSide(program), toWarmSide(peer)], peer.directPipe === true ? "direct" : "relayed");
      const [programOutcome, peerOutcome] = outcomes ?? [];
      return programOutcome && peerOutcome ? { program: programOutcome, peer: peerOutcome } : null;
    },
    started: () => pool?.started ?? 0,
    fallbacks: () => fallbacks,
    zygoteCpuMs: () => pool?.zygoteCpuMs() ?? 0,
    close: async () => {
      closed = true;
      await pool?.close();
    },
  };
}
