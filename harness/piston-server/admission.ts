/**
 * Admission of execute requests: at most `concurrency` run at once, at most `queueSize` wait, and one
 * client holds at most `perClient` of those places (running or waiting), so one client cannot starve
 * the others. Waiting requests are served round robin across clients, not first come first served:
 * a client that queued a thousand jobs does not delay another's first.
 */

export interface AdmissionOptions {
  concurrency: number;
  queueSize: number;
  perClient: number;
}

export interface Admission {
  /** Resolves with a release function once the job may run, or returns null when it must be refused (429). */
  admit(client: string): Promise<() => void> | null;
  load(): { running: number; queued: number; capacity: number; queueSize: number };
}

export function createAdmission(o: AdmissionOptions): Admission {
  let running = 0;
  let queued = 0;
  const held = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  /** Clients with waiting jobs, in the order they are next served. */
  const rotation: string[] = [];

  const hold = (client: string, delta: number) => {
    const n = (held.get(client) ?? 0) + delta;
    if (n > 0) held.set(client, n);
    else held.delete(client);
  };

  const releaseFor = (client: string) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      running--;
      hold(client, -1);
      next();
    };
  };

  const next = () => {
    while (running < o.concurrency && rotation.length > 0) {
      const client = rotation.shift()!;
      const queue = waiting.get(client)!;
      const start = queue.shift()!;
      if (queue.length > 0) rotation.push(client);
      else waiting.delete(client);
      queued--;
      running++;
      start();
    }
  };

  return {
    admit(client) {
      if ((held.get(client) ?? 0) >= o.perClient) return null;
      if (running < o.concurrency) {
        running++;
        hold(client, 1);
        return Promise.resolve(releaseFor(client));
      }
      if (queued >= o.queueSize) return null;
      queued++;
      hold(client, 1);
      return new Promise((resolve) => {
        const queue = waiting.get(client);
        if (queue) queue.push(() => resolve(releaseFor(client)));
        else {
          waiting.set(client, [() => resolve(releaseFor(client))]);
          rotation.push(client);
        }
      });
    },
    load: () => ({ running, queued, capacity: o.concurrency, queueSize: o.queueSize }),
  };
}
