/**
 * Appends the running reward server's `/v1/stats` to a JSONL file while it serves (`serve --rewards
 * --stats-file`): a training job's server writes into the job folder, which the harness reads like
 * the job's metrics, even when the server ran on a compute node the harness cannot reach.
 */
import { appendFileSync } from "node:fs";

export interface StatsFileWriter {
  /** Writes a last line (the final counts) and stops polling. */
  stop(): Promise<void>;
}

/** Polls `url`/v1/stats every `intervalMs`; a line is written when the request count moved (and once at the start). */
export function startStatsFile(url: string, path: string, intervalMs: number, token?: string | null): StatsFileWriter {
  let lastRequests = -1;
  let busy: Promise<void> = Promise.resolve();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const write = async (force: boolean) => {
    try {
      const stats = (await (await fetch(`${url}/v1/stats`, { headers })).json()) as { requests: number };
      if (!force && stats.requests === lastRequests) return;
      lastRequests = stats.requests;
      appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...stats })}\n`);
    } catch (e: unknown) {
      // Statistics must never take the server down: say so and try again next time.
      process.stderr.write(`reward server: could not write statistics to ${path}: ${(e as Error).message}\n`);
    }
  };
  const timer = setInterval(() => {
    busy = busy.then(() => write(false));
  }, intervalMs);
  busy = write(true);
  return {
    async stop() {
      clearInterval(timer);
      await busy;
      await write(true);
    },
  };
}
