/**
 * Judged-sample cache of the reward server: a bounded LRU of finished results plus the judgings
 * in flight, so a duplicate in the same batch (a GRPO group often repeats a completion) or a later
 * request waits for the first judging instead of running the program again.
 * Only successful judgings are kept: an infrastructure failure or a timeout must be retried.
 */
import { HarnessError } from "../../judges/errors.ts";

/** A judging abandoned because its request's deadline passed. */
export class DeadlineExceeded extends HarnessError {
  override name = "DeadlineExceeded";
  constructor() {
    // The judging did not finish in the time the request allowed: the judging side's failure, not the sample's.
    super("request deadline passed", "sandbox");
  }
}

/** Resolves with `p`, or rejects with DeadlineExceeded as soon as `signal` aborts. */
export function raceDeadline<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DeadlineExceeded());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DeadlineExceeded());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

export interface JudgeCache<T> {
  /** The cached value for `key`, or the one `start` produces (shared with concurrent callers). */
  getOrCompute(key: string, start: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<{ value: T; cached: boolean }>;
  /** A finished value without starting anything. */
  peek(key: string): T | undefined;
  readonly size: number;
  readonly inFlight: number;
}

/** Creates a cache holding at most `capacity` finished values (least recently used evicted first). */
export function createJudgeCache<T>(capacity: number): JudgeCache<T> {
  const done = new Map<string, T>();
  const running = new Map<string, Promise<T>>();
  const remember = (key: string, value: T) => {
    if (capacity <= 0) return;
    done.delete(key);
    done.set(key, value);
    // Maps iterate in insertion order: the first key is the least recently used.
    while (done.size > capacity) done.delete(done.keys().next().value as string);
  };
  const peek = (key: string) => {
    const v = done.get(key);
    if (v !== undefined) remember(key, v);
    return v;
  };
  return {
    peek,
    get size() {
      return done.size;
    },
    get inFlight() {
      return running.size;
    },
    async getOrCompute(key, start, signal) {
      for (;;) {
        const hit = peek(key);
        if (hit !== undefined) return { value: hit, cached: true };
        let p = running.get(key);
        const mine = p === undefined;
        if (!p) {
          const started = start(signal);
          p = started;
          running.set(key, started);
          started.then(
            (v) => remember(key, v),
            () => {},
          );
          void started.finally(() => {
            if (running.get(key) === started) running.delete(key);
          }).catch(() => {});
        }
        try {
          return { value: await raceDeadline(p, signal), cached: !mine };
        } catch (e: unknown) {
          // Another request's deadline ended the shared judging; ours has time left: judge again.
          if (e instanceof DeadlineExceeded && !signal.aborted && !mine) continue;
          throw e;
        }
      }
    },
  };
}
