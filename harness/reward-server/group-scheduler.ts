/**
 * The reward server's judging slots, handed out so that whole prompt groups finish first.
 *
 * GRPO-style trainers normalise rewards within a group of completions of one prompt: a group with
 * half its rewards missing is worth little, so when a deadline cuts a batch, the judged items should
 * be whole groups, not a thin slice of every group. A free slot therefore goes to, in order:
 *   1. a waiting item of a group that already has an item started (oldest such group first);
 *   2. otherwise the first waiting item of the next request in round-robin order, which opens its
 *      group, so one huge request cannot starve a small one sent beside it.
 * Groups are global (a group key names the prompt, whichever request carries it): OpenRLHF sends
 * each sample of a group in its own request, and those still finish together.
 */
import { DeadlineExceeded } from "./judge-cache.ts";

export interface SlotTicket {
  /** Which request the item belongs to (round-robin unit). */
  request: number;
  /** The prompt group (e.g. the problem); items sharing it are kept together. */
  group: string;
}

export interface GroupScheduler {
  /** Runs `task` in a slot; rejects with DeadlineExceeded if `signal` aborts while it still waits. */
  run<T>(ticket: SlotTicket, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly size: number;
  /** Tasks running or waiting. */
  pending(): number;
}

interface Waiter {
  ticket: SlotTicket;
  start: () => void;
}

/** Creates a scheduler with `size` slots (at least 1). */
export function createGroupScheduler(size: number): GroupScheduler {
  const slots = Math.max(1, Math.floor(size));
  let active = 0;
  let waitingCount = 0;
  // Waiting items per request (insertion order = arrival order of requests) and per group.
  const byRequest = new Map<number, Waiter[]>();
  const byGroup = new Map<string, Waiter[]>();
  // Groups with an item started and not all finished, oldest first, and their running counts.
  const open = new Set<string>();
  const running = new Map<string, number>();
  let lastRequest = -1;

  const removeWaiter = (w: Waiter) => {
    const r = byRequest.get(w.ticket.request);
    const g = byGroup.get(w.ticket.group);
    if (r) {
      const i = r.indexOf(w);
      if (i >= 0) r.splice(i, 1);
      if (r.length === 0) byRequest.delete(w.ticket.request);
    }
    if (g) {
      const i = g.indexOf(w);
      if (i >= 0) g.splice(i, 1);
      if (g.length === 0) {
        byGroup.delete(w.ticket.group);
        if (!running.has(w.ticket.group)) open.delete(w.ticket.group);
      }
    }
    waitingCount--;
  };

  const pickNext = (): Waiter | undefined => {
    for (const group of open) {
      const w = byGroup.get(group)?.[0];
      if (w) return w;
    }
    if (byRequest.size === 0) return undefined;
    // Round robin: the first request after the one served last, in arrival order.
    const ids = [...byRequest.keys()];
    const next = ids.find((id) => id > lastRequest) ?? ids[0]!;
    return byRequest.get(next)![0];
  };

  const markStarted = ({ group, request }: SlotTicket) => {
    lastRequest = request;
    open.add(group);
    running.set(group, (running.get(group) ?? 0) + 1);
  };

  const startWaiter = (w: Waiter) => {
    removeWaiter(w);
    markStarted(w.ticket);
    w.start();
  };

  const release = (group: string) => {
    const left = (running.get(group) ?? 1) - 1;
    if (left > 0) running.set(group, left);
    else {
      running.delete(group);
      if (!byGroup.has(group)) open.delete(group);
    }
    const next = pickNext();
    // A finishing task hands its slot straight to the next waiter.
    if (next) startWaiter(next);
    else active--;
  };

  const acquire = (ticket: SlotTicket, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(new DeadlineExceeded());
    if (active < slots) {
      active++;
      markStarted(ticket);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        removeWaiter(w);
        reject(new DeadlineExceeded());
      };
      const w: Waiter = {
        ticket,
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const r = byRequest.get(ticket.request) ?? [];
      r.push(w);
      byRequest.set(ticket.request, r);
      const g = byGroup.get(ticket.group) ?? [];
      g.push(w);
      byGroup.set(ticket.group, g);
      waitingCount++;
    });
  };

  return {
    size: slots,
    pending: () => active + waitingCount,
    async run<T>(ticket: SlotTicket, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(ticket, signal);
      try {
        return await task();
      } finally {
        release(ticket.group);
      }
    },
  };
}
