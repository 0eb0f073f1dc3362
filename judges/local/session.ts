/**
 * The local sandbox's {@link RunSession}: one bubblewrap sandbox serves a program's runs one after
 * another (see session-live.ts), so namespaces, cgroup, scratch tmpfs and bwrap start once per
 * sample instead of once per test. A sandbox that a run killed (a limit), dirtied past a cheap reset
 * or broke is disposed and the next run starts a fresh one; a harness failure on a sandbox that
 * already served runs is retried once on a fresh one, and only then is it the run's failure.
 * Where the sandbox cannot keep the guarantees (unsafe mode: no pid namespace; no scratch tmpfs:
 * /tmp could not be emptied) every run is a one-shot run.
 */
import type { Language, RunInput, RunLimits, RunOutcome, RunSession } from "../types.ts";
import { SandboxError } from "../types.ts";
import { assertCollectNames } from "./collect.ts";
import type { SandboxContext } from "./context.ts";
import { assertLimits, type LocalProgramHandle, runProgram } from "./run.ts";
import { scratchCapsFor } from "./scratch.ts";
import type { LiveSandbox } from "./session-live.ts";
import type { SessionPool } from "./session-pool.ts";

/** Whether sessions keep every per-run guarantee in this context. */
export function sessionsSupported(ctx: SandboxContext): boolean {
  return ctx.mode === "bwrap" && ctx.scratch.tmpfs;
}

function assertInput(input: RunInput): void {
  const args = input.args ?? [];
  if (!args.every((a) => typeof a === "string" && !a.includes("\0"))) throw new SandboxError("RunInput.args must be strings without NUL", "internal");
  assertCollectNames(input.collect ?? []);
}

export class LocalRunSession implements RunSession {
  private live: LiveSandbox | null = null;
  /** Whether `live` came pre-started from the pool (it may have died while it waited). */
  private prestarted = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Sandboxes a run ended, still being torn down (close() waits for them). */
  private readonly drops = new Set<Promise<void>>();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly pool: SessionPool,
    private readonly language: Language,
    private readonly handle: LocalProgramHandle,
    private readonly limits: RunLimits,
  ) {
    assertLimits(limits);
    pool.sessionOpened();
  }

  run(input: RunInput): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(input));
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.drop();
    await Promise.all([...this.drops]);
    await this.pool.sessionClosed();
  }

  private async runNow(input: RunInput): Promise<RunOutcome> {
    if (this.closed) throw new SandboxError("run() on a closed session", "internal");
    assertInput(input);
    if (!sessionsSupported(this.ctx)) return runProgram(this.ctx, this.language, this.handle, input, this.limits);
    const reused = this.live !== null && this.live.runs > 0;
    try {
      return await this.runOnLive(input);
    } catch (error) {
      // A sandbox that served runs, or waited as a spare, may have broken since: retried once on a fresh one.
      const retry = error instanceof SandboxError && (reused || this.prestarted);
      await this.drop();
      if (!retry) throw error;
      try {
        return await this.runOnLive(input);
      } catch (retryError) {
        await this.drop();
        throw retryError;
      }
    }
  }

  private async runOnLive(input: RunInput): Promise<RunOutcome> {
    const caps = scratchCapsFor(this.limits.memoryMb * 1024 * 1024, input.files ?? {});
    // Input files larger than the scratch was made for need a bigger one (a new sandbox).
    if (this.live && (caps.bytes > this.live.caps.bytes || caps.inodes > this.live.caps.inodes)) await this.drop();
    if (!this.live) {
      const spec = { language: this.language, noSite: this.handle.noSite ?? false, limits: this.limits, caps };
      ({ live: this.live, prestarted: this.prestarted } = this.pool.take(this.ctx, spec, this.handle));
    }
    const { outcome, reusable } = await this.live.run(input);
    // Torn down off the run slot: the next run takes another sandbox, and close() waits for this one.
    if (!reusable) this.dropInBackground();
    return outcome;
  }

  private dropInBackground(): void {
    const dropping: Promise<void> = this.drop()
      // The pool's release has already warned about a failed teardown; it is no run's error.
      .catch(() => {})
      .finally(() => this.drops.delete(dropping));
    this.drops.add(dropping);
  }

  private async drop(): Promise<void> {
    const live = this.live;
    this.live = null;
    this.prestarted = false;
    if (live) await this.pool.release(live);
  }
}
