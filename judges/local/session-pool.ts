/**
 * Session sandboxes started ahead of need. Starting one (run folder, cgroup, bwrap, namespaces,
 * sandbox-init) takes milliseconds of wall time; paid in a sample's first test it holds a run slot.
 * So when a session takes a sandbox for some spec (language, limits, scratch caps), one more for the
 * same spec is started in the background, and the next session of that spec takes it with only its
 * program to copy in. A pre-started sandbox has run nothing: it serves exactly one session, like a
 * fresh one, and is disposed with it. Spares live only while a session is open (with none open, as
 * after the last sample, they are killed before the closing session's close() returns), at most
 * one per spec and {@link MAX_SPARES} in all, and only for a spec that a second session has used
 * (a pass@1 eval whose problems each have their own limits would otherwise waste one per sample).
 */
import { endPhase, startPhase } from "../profile.ts";
import type { SandboxContext } from "./context.ts";
import type { LocalProgramHandle } from "./run.ts";
import { type LiveSandbox, type LiveSpec, startLiveSandbox } from "./session-live.ts";
import { warn } from "./warn.ts";

/** Spares kept at once, over all specs (a grader judges a few problems' samples at a time). */
const MAX_SPARES = 2;
/** Specs whose sessions are counted (to start spares only for repeated ones); forgotten all at once past this. */
const MAX_COUNTED_SPECS = 1024;

const PHASES = {
  start: "session start (run folder, cgroup, spawn)",
  spare: "session spare start (pre-started, off the critical path)",
} as const;

function specKey(spec: LiveSpec): string {
  const { language, noSite, limits, caps } = spec;
  return JSON.stringify([language, noSite, limits.cpuMs, limits.wallMs, limits.memoryMb, limits.outputBytes, limits.processes, limits.fileBytes, caps.bytes, caps.inodes]);
}

/** A session's sandbox, and whether it was pre-started (its first run's failure is then retried: it may have died idle). */
export interface TakenSandbox {
  live: LiveSandbox;
  prestarted: boolean;
}

export class SessionPool {
  /** Spares by spec key, oldest first (Map keeps insertion order). */
  private readonly spares = new Map<string, LiveSandbox>();
  private readonly disposals = new Set<Promise<void>>();
  /** Sessions that took a sandbox, by spec key. */
  private readonly takes = new Map<string, number>();
  private open = 0;
  private closed = false;

  /** A session was opened: spares may be started for it from now on. */
  sessionOpened(): void {
    this.open++;
  }

  /** A session was closed; with none open, the spares are disposed before this resolves. */
  async sessionClosed(): Promise<void> {
    this.open = Math.max(0, this.open - 1);
    if (this.open === 0) await this.dropSpares();
  }

  /** A sandbox for `spec` with `handle`'s program in it: a spare if one is ready, else a fresh one. */
  take(ctx: SandboxContext, spec: LiveSpec, handle: LocalProgramHandle): TakenSandbox {
    const started = startPhase();
    const key = specKey(spec);
    let spare = this.spares.get(key) ?? null;
    this.spares.delete(key);
    if (spare && !spare.alive) {
      this.release(spare);
      spare = null;
    }
    const live = spare ?? startLiveSandbox(ctx, spec);
    try {
      live.adopt(handle);
    } catch (error) {
      this.release(live);
      throw error;
    }
    endPhase(PHASES.start, started);
    if (this.takes.size >= MAX_COUNTED_SPECS) this.takes.clear();
    const takes = (this.takes.get(key) ?? 0) + 1;
    this.takes.set(key, takes);
    // After this test's command is on its way: the spare's start does not delay it.
    if (!this.closed && takes >= 2) setImmediate(() => this.refill(ctx, spec, key));
    return { live, prestarted: spare !== null };
  }

  /** Disposes `live` (tracked, so close() waits for it); a caller that awaits it sees its failure. */
  release(live: LiveSandbox): Promise<void> {
    const disposal = live.dispose();
    // The tracked copy never rejects: spares are released without anyone awaiting them.
    const tracked: Promise<void> = disposal
      .catch((error: unknown) => {
        warn(`a session's sandbox could not be torn down: ${(error as Error).message}`);
      })
      .finally(() => this.disposals.delete(tracked));
    this.disposals.add(tracked);
    return disposal;
  }

  /** Disposes the spares and waits for every disposal; no spare is started afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await this.dropSpares();
    while (this.disposals.size > 0) await Promise.all([...this.disposals]);
  }

  private refill(ctx: SandboxContext, spec: LiveSpec, key: string): void {
    if (this.closed || this.open === 0 || this.spares.has(key)) return;
    const started = startPhase();
    let spare: LiveSandbox;
    try {
      spare = startLiveSandbox(ctx, spec);
    } catch {
      return; // the next session starts its own, and reports why if that fails too
    }
    endPhase(PHASES.spare, started);
    this.spares.set(key, spare);
    for (const [oldKey, old] of this.spares) {
      if (this.spares.size <= MAX_SPARES) break;
      this.spares.delete(oldKey);
      this.release(old);
    }
  }

  private async dropSpares(): Promise<void> {
    const spares = [...this.spares.values()];
    this.spares.clear();
    // A spare's failure to tear down is warned about, never the closing session's error.
    await Promise.all(spares.map((spare) => this.release(spare).catch(() => {})));
  }
}
