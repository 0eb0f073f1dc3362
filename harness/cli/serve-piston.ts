/**
 * `bun run serve --piston`: a Piston-compatible execution server (API v2) backed by the judge
 * backend named by --judge (the local sandbox by default), so Piston clients run unmodified against
 * it and judging scales out across machines (`--judge piston --judge-opt piston=URL1,URL2`).
 */
import { availableParallelism } from "node:os";
import { UsageError } from "../../judges/errors.ts";
import { isLoopbackHost, resolveServerToken } from "../serve-access.ts";
import { openJudgeBackend } from "./backends.ts";
import { waitForStopSignal } from "./stop-signal.ts";

export interface ServePistonOptions {
  host: string;
  port?: number;
  judge: string;
  judgeOpt?: string[];
  unsafeNoSandbox?: boolean;
  token?: string;
  insecure?: boolean;
  concurrency?: number;
  queue?: number;
  perClient?: number;
  bodyLimitMb?: number;
  outputCapMb?: number;
  maxTimeoutMs?: number;
  maxMemoryMb?: number;
}

/** Environment variable holding the token when --token is not given. */
export const PISTON_TOKEN_ENV = "HARNESS_PISTON_SERVER_TOKEN";

const MIB = 1024 * 1024;

/** Serves until SIGINT/SIGTERM; returns the exit code. */
export async function servePiston(o: ServePistonOptions): Promise<number> {
  const token = resolveServerToken({ host: o.host, token: o.token, tokenEnv: PISTON_TOKEN_ENV, insecure: o.insecure });
  // Without bubblewrap a job runs as this user: fine for a trusted loopback client, never for a network.
  if (o.unsafeNoSandbox && !isLoopbackHost(o.host)) throw new UsageError("serve --piston --unsafe-no-sandbox listens on loopback only: without the sandbox, a job runs as this user");
  const { startPistonServer } = await import("../piston-server/start.ts");
  const sandbox = await openJudgeBackend(o.judge, { unsafeNoSandbox: o.unsafeNoSandbox, judgeOpt: o.judgeOpt });
  const cores = availableParallelism();
  const concurrency = o.concurrency ?? cores;
  const server = await startPistonServer({
    sandbox,
    hostname: o.host,
    port: o.port ?? 2000,
    token,
    limits: {
      ...(o.bodyLimitMb ? { maxBodyBytes: o.bodyLimitMb * MIB } : {}),
      ...(o.outputCapMb ? { outputCapBytes: o.outputCapMb * MIB } : {}),
      ...(o.maxTimeoutMs ? { maxCompileTimeoutMs: o.maxTimeoutMs, maxRunTimeoutMs: o.maxTimeoutMs, maxCompileCpuMs: o.maxTimeoutMs, maxRunCpuMs: o.maxTimeoutMs } : {}),
      ...(o.maxMemoryMb ? { maxCompileMemoryBytes: o.maxMemoryMb * MIB, maxRunMemoryBytes: o.maxMemoryMb * MIB } : {}),
    },
    admission: { concurrency, ...(o.queue ? { queueSize: o.queue } : {}), ...(o.perClient ? { perClient: o.perClient } : {}) },
  });
  if (!token && !isLoopbackHost(o.host)) process.stderr.write(`warning: --insecure: anyone who reaches ${o.host} can run code here\n`);
  process.stderr.write(`piston server: ${server.url}/api/v2/execute  (judge ${sandbox.name}, ${concurrency} jobs at once${token ? ", bearer token required" : ""}; Ctrl-C to stop)\n`);
  await waitForStopSignal();
  await server.stop();
  await sandbox.close?.();
  return 0;
}
