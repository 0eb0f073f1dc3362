/**
 * The Piston endpoints of one backend: each has its own concurrency (requests in flight at once),
 * and a health state. A failed endpoint cools down (1 s, doubling to 30 s) before it is tried again,
 * so a dead endpoint slows nothing but itself; new work goes to the healthy endpoint with the
 * shortest queue relative to its concurrency.
 */

export interface EndpointSpec {
  url: string;
  concurrency: number;
}

export interface Endpoint extends EndpointSpec {
  inFlight: number;
  /** Consecutive failures; 0 when healthy. */
  failures: number;
  /** Epoch ms before which the endpoint is not tried. */
  downUntil: number;
  lastError: string | null;
}

const COOL_DOWN_MS = 1000;
const MAX_COOL_DOWN_MS = 30_000;

export class EndpointPool {
  readonly endpoints: Endpoint[];
  private waiters: (() => void)[] = [];

  constructor(specs: readonly EndpointSpec[]) {
    this.endpoints = specs.map((s) => ({ ...s, inFlight: 0, failures: 0, downUntil: 0, lastError: null }));
  }

  /**
   * Waits for a slot on a healthy endpoint, preferring those not in `avoid` (endpoints that already
   * failed this request). Returns null once `deadline` (epoch ms) passes without one.
   */
  async acquire(deadline: number, avoid: ReadonlySet<Endpoint> = new Set()): Promise<Endpoint | null> {
    for (;;) {
      const now = Date.now();
      const picked = this.pick(now, avoid) ?? this.pick(now, new Set());
      if (picked) {
        picked.inFlight++;
        return picked;
      }
      if (now >= deadline) return null;
      // Woken by a release, or when the first cooling endpoint may be tried again.
      const cooling = this.endpoints.filter((e) => e.downUntil > now).map((e) => e.downUntil);
      const wake = Math.min(deadline, ...cooling, now + MAX_COOL_DOWN_MS);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(10, wake - now));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
    }
  }

  /** Ends a request on `ep`: `ok` resets its health, a failure starts (or doubles) its cool-down. */
  release(ep: Endpoint, result: { ok: true } | { ok: false; error: string } | { ok: "neutral" }): void {
    ep.inFlight--;
    if (result.ok === true) {
      ep.failures = 0;
      ep.downUntil = 0;
      ep.lastError = null;
    } else if (result.ok === false) {
      ep.failures++;
      ep.lastError = result.error;
      ep.downUntil = Date.now() + Math.min(MAX_COOL_DOWN_MS, COOL_DOWN_MS * 2 ** (ep.failures - 1));
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** A one-line account of every endpoint, for error messages. */
  describe(): string {
    return this.endpoints.map((e) => `${e.url} (${e.failures ? `${e.failures} failures, last: ${e.lastError}` : "healthy"})`).join("; ");
  }

  private pick(now: number, avoid: ReadonlySet<Endpoint>): Endpoint | null {
    let best: Endpoint | null = null;
    for (const e of this.endpoints) {
      if (avoid.has(e) || e.downUntil > now || e.inFlight >= e.concurrency) continue;
      if (!best || e.inFlight / e.concurrency < best.inFlight / best.concurrency) best = e;
    }
    return best;
  }
}
