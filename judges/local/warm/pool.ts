/**
 * Warm Python for the local sandbox: a pool of zygotes (one per concurrent job, started lazily and
 * kept while idle; a dead one is dropped and replaced by the next job), and the run / runPair entry
 * points that fall back to the cold path whenever a zygote cannot serve a job.
 */
import type { SandboxContext } from "../context-types.ts";
import { type RunOutcome, SandboxError } from "../../types.ts";
import { type Piping, runWarmJob, type WarmSide } from "./job.ts";
import { WarmUnavailable } from "./unavailable.ts";
import { installScripts, Zygote } from "./zygote.ts";

/** Idle zygotes kept beyond this are stopped (each holds an interpreter, ~20 MB). */
const MAX_IDLE = 8;

/**
 * Whether this context can host zygotes: bwrap, root (uid drop), python3, a per-run tmpfs, and v1
 * cgroups for memory, pids and CPU. Under v2 a run could not move itself from the zygote's group into
 * its own (v2 asks for write access to their common ancestor, the harness's delegated group): cold.
 */
export function supportsWarm(ctx: SandboxContext): boolean {
  const bases = ctx.cgroups?.bases;
  const v1 = ctx.cgroups?.version === 1 && Boolean(bases?.memory && bases.pids && bases.cpu);
  return ctx.mode === "bwrap" && ctx.launcher.drop !== null && ctx.tools.python3 !== null && ctx.scratch.tmpfs && v1;
}

export class WarmPool {
  /** Idle zygotes by kind: started without site (-S) or with it. */
  private idle: Record<"site" | "noSite", Zygote[]> = { site: [], noSite: [] };
  private all = new Set<Zygote>();
  private scriptsDir: string | null = null;
  private closed = false;
  /** Zygotes started so far (tests and profiles read it). */
  started = 0;
  /** CPU of the zygotes already stopped (their own groups, not the runs'), ms. */
  private stoppedCpuMs = 0;

  constructor(private readonly ctx: SandboxContext) {}

  private async acquire(noSite: boolean): Promise<Zygote> {
    const idle = this.idle[noSite ? "noSite" : "site"];
    for (let zygote = idle.pop(); zygote; zygote = idle.pop()) if (zygote.isAlive) return zygote;
    this.scriptsDir ??= installScripts(this.ctx);
    const zygote = new Zygote(this.ctx, this.scriptsDir, noSite);
    this.all.add(zygote);
    this.started++;
    try {
      await zygote.start();
    } catch (error) {
      await this.drop(zygote);
      throw new WarmUnavailable(`the zygote did not start: ${(error as Error).message}`);
    }
    return zygote;
  }

  private async release(zygote: Zygote): Promise<void> {
    const idle = this.idle[zygote.noSite ? "noSite" : "site"];
    if (!this.closed && zygote.isAlive && idle.length < MAX_IDLE) idle.push(zygote);
    else await this.drop(zygote);
  }

  private async drop(zygote: Zygote): Promise<void> {
    this.all.delete(zygote);
    const cpuMs = zygote.ownCpuMs();
    await zygote.stop();
    this.stoppedCpuMs += Math.max(cpuMs, zygote.ownCpuMs());
  }

  /**
   * Runs one job on a zygote of the sides' kind (with or without site); throws WarmUnavailable when
   * it could not (the caller then runs it cold), as for a pair whose sides differ in kind.
   */
  async run(sides: WarmSide[], piped: Piping): Promise<RunOutcome[]> {
    if (this.closed) throw new SandboxError("the local sandbox is closed", "internal");
    const noSite = sides.map((side) => side.handle.noSite === true);
    if (noSite.some((flag) => flag !== noSite[0])) throw new WarmUnavailable("the sides of this pair differ in site");
    const zygote = await this.acquire(noSite[0] ?? false);
    try {
      return await runWarmJob(this.ctx, zygote, sides, piped);
    } finally {
      await this.release(zygote);
    }
  }

  /** Stops every zygote (the sandbox is closing). */
  async close(): Promise<void> {
    this.closed = true;
    this.idle = { site: [], noSite: [] };
    await Promise.all([...this.all].map((zygote) => this.drop(zygote)));
  }

  /** CPU the zygotes themselves used (their own cgroups; the runs' CPU is in the runs' groups), ms. */
  zygoteCpuMs(): number {
    return this.stoppedCpuMs + [...this.all].reduce((sum, zygote) => sum + zygote.ownCpuMs(), 0);
  }

  /** Pids of the zygotes' sandboxes, for tests that kill one. */
  zygotes(): Zygote[] {
    return [...this.all];
  }
}
