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
import { type LiveSandbox, startLiveSandbox } from "./session-live.ts";

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
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly language: Language,
    private readonly handle: LocalProgramHandle,
    private readonly limits: RunLimits,
  ) {
    assertLimits(limits);
  }

  run(input: RunInput): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(input));
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.drop();
  }

  private async runNow(input: RunInput): Promise<RunOutcome> {
    if (this.closed) throw new SandboxError("run() on a closed session", "internal");
    assertInput(input);
    if (!sessionsSupported(this.ctx)) return runProgram(this.ctx, this.language, this.handle, input, this.limits);
    const reused = this.live !== null && this.live.runs > 0;
    try {
      return await this.runOnLive(input);
    } catch (error) {
      await this.drop();
      if (!(error instanceof SandboxError) || !reused) throw error;
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
    this.live ??= startLiveSandbox(this.ctx, this.language, this.handle, this.limits, caps);
    const { outcome, reusable } = await this.live.run(input);
    if (!reusable) await this.drop();
    return outcome;
  }

  private async drop(): Promise<void> {
    const live = this.live;
    this.live = null;
    await live?.dispose();
  }
}
