/**
 * The sandbox context behind the local sandbox and the tool runner: set up on first use (so building
 * either costs nothing until it runs something) and torn down once on close, after its scratch
 * space has settled. A closed one refuses new work instead of setting up a fresh context.
 */
import { SandboxError } from "../types.ts";
import type { SandboxContext } from "./context.ts";

export interface LazyContext {
  /** The context, set up on the first call; throws once closed. */
  get(): Promise<SandboxContext>;
  /** Waits for the scratch space to settle and disposes the context; later calls do nothing. */
  close(): Promise<void>;
}

/** `what` names the owner in the error a closed one throws ("the local sandbox"). */
export function createLazyContext(what: string, create: () => Promise<SandboxContext>): LazyContext {
  let contextPromise: Promise<SandboxContext> | null = null;
  let closed = false;
  return {
    get() {
      if (closed) throw new SandboxError(`${what} is closed`, "internal");
      contextPromise ??= create();
      return contextPromise;
    },
    async close() {
      if (closed) return;
      closed = true;
      const ctx = contextPromise ? await contextPromise.catch(() => null) : null;
      await ctx?.scratch.settle();
      ctx?.dispose();
    },
  };
}
