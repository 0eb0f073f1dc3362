import type { SlotWork } from "../../judges/grade.ts";

/** A bounded-concurrency runner: at most `size` tasks in flight, results delivered as they finish. */
export interface Pool {
  /**
   * Runs `task` when a slot is free. A waiting compile gets the next free slot before any waiting
   * run (first come, first served within each kind), so binaries exist before the cores need them.
   */
  run<T>(task: () => Promise<T>, work?: SlotWork): Promise<T>;
  readonly size: number;
  /** Tasks running or waiting. */
  pending(): number;
}

/** Creates a pool of `size` slots (at least 1). */
export function createPool(size: number): Pool {
  const slots = Math.max(1, Math.floor(size));
  let active = 0;
  const compiles: (() => void)[] = [];
  const others: (() => void)[] = [];
  // A finishing task hands its slot straight to the next waiter, so a newcomer can never overtake it.
  // Compiles first: a run left waiting costs nothing while other runs keep the cores busy, but a
  // compile left waiting behind runs can leave a core with no binary to run near the end (the tail).
  const release = () => {
    const next = compiles.shift() ?? others.shift();
    if (next) next();
    else active--;
  };
  const acquire = (work: SlotWork | undefined): Promise<void> | void => {
    if (active < slots) {
      active++;
      return;
    }
    return new Promise<void>((resolve) => (work === "compile" ? compiles : others).push(resolve));
  };
  return {
    size: slots,
    pending: () => active + compiles.length + others.length,
    async run<T>(task: () => Promise<T>, work?: SlotWork): Promise<T> {
      await acquire(work);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
