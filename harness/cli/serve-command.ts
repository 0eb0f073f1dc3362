/** `bun run serve`: the report viewer, or with --rewards the reward server trainers call. */
import { openDataset } from "../../datasets/open.ts";
import { UsageError } from "../../judges/errors.ts";
import { resolveServerToken } from "../serve-access.ts";
import { openJudge } from "./open-judge.ts";
import type { ServePistonOptions } from "./serve-piston.ts";
import { waitForStopSignal } from "./stop-signal.ts";

/** The flags of all three servers; --piston's limits (--queue, --per-client, …) come from ServePistonOptions. */
export interface ServeOptions extends ServePistonOptions {
  db: string;
  host: string;
  port?: number;
  rewards?: boolean;
  dataset?: string;
  format?: string;
  /** Hub cache root when --dataset is an `hf:` spec. */
  hubCache?: string;
  schemas?: string;
  judge: string;
  concurrency?: number;
  deadlineMs: number;
  /** Comma-separated list replacing the default special tokens stripped from OpenRLHF responses. */
  specialTokens?: string;
  unsafeNoSandbox?: boolean;
  testlib?: string;
  /** `--piston`: a Piston-compatible execution server instead of the viewer (harness/cli/serve-piston.ts). */
  piston?: boolean;
  /** Bearer token required by --piston and --rewards (else their environment variable); needed off loopback. */
  token?: string;
  /** Serve --piston/--rewards off loopback without a token. */
  insecure?: boolean;
  /** `--checker NAME|auto` for problems without a checker, named or sent inline (datasets/checker-policy.ts). */
  checker?: string;
  /** With --rewards: append /v1/stats to this JSONL file while serving (a training job's folder). */
  statsFile?: string;
  statsIntervalMs?: number;
}

/** Serves until SIGINT/SIGTERM; returns the exit code. */
export async function runServe(o: ServeOptions): Promise<number> {
  if (o.piston && o.rewards) throw new UsageError("serve: --piston and --rewards are two servers; start them separately");
  if (o.piston) return (await import("./serve-piston.ts")).servePiston(o);
  if (!o.rewards) {
    const { runServeCommand } = await import("../../reports/serve-command.ts");
    return runServeCommand({ db: o.db, host: o.host, port: o.port });
  }
  return serveRewards(o);
}

/** Environment variable holding the reward server's token when --token is not given. */
export const REWARDS_TOKEN_ENV = "HARNESS_REWARDS_TOKEN";

async function serveRewards(o: ServeOptions): Promise<number> {
  // Checked before anything loads: a server that runs submitted code does not start exposed by accident.
  const token = resolveServerToken({ host: o.host, token: o.token, tokenEnv: REWARDS_TOKEN_ENV, insecure: o.insecure });
  const [{ indexProblems, startRewardServer }, { loadSchemaFile }] = await Promise.all([
    import("../reward-server/index.ts"),
    import("../rewards/index.ts"),
  ]);
  const problems = o.dataset ? (await openDataset(o.dataset, { format: o.format, hubCache: o.hubCache, checker: o.checker })).problems : [];
  if (!o.dataset) process.stderr.write("reward server: no --dataset; requests must carry problems inline\n");
  const handle = await openJudge(o);
  const server = await startRewardServer({
    judge: handle.judge,
    problems: indexProblems(problems),
    hostname: o.host,
    port: o.port ?? 8321,
    concurrency: o.concurrency ?? handle.concurrency,
    deadlineMs: o.deadlineMs,
    ...(o.specialTokens !== undefined ? { specialTokens: o.specialTokens.split(",").map((t) => t.trim()).filter((t) => t !== "") } : {}),
    schemas: o.schemas ? loadSchemaFile(o.schemas) : [],
    token,
  });
  if (!["127.0.0.1", "localhost", "::1"].includes(o.host)) {
    process.stderr.write(`warning: the reward server runs submitted code and listens on ${o.host}\n`);
  }
  const stats = o.statsFile ? (await import("../reward-server/stats-file.ts")).startStatsFile(server.url, o.statsFile, o.statsIntervalMs ?? 2000, token) : null;
  process.stderr.write(`reward server: ${server.url}/v1/rewards  (${problems.length} problems, judge ${handle.name}; Ctrl-C to stop)\n`);
  await waitForStopSignal();
  await stats?.stop();
  await server.stop();
  await handle.close();
  return 0;
}
