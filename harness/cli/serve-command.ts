/** `bun run serve`: the report viewer, or with --rewards the reward server trainers call. */
import { availableParallelism } from "node:os";
import { openDataset } from "../../datasets/open.ts";
import { openJudge } from "./open-judge.ts";

export interface ServeOptions {
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
  /** `--checker NAME|auto` for problems without a checker, named or sent inline (datasets/checker-policy.ts). */
  checker?: string;
}

/** Serves until SIGINT/SIGTERM; returns the exit code. */
export async function runServe(o: ServeOptions): Promise<number> {
  if (!o.rewards) {
    const { runServeCommand } = await import("../../reports/serve-command.ts");
    return runServeCommand({ db: o.db, host: o.host, port: o.port });
  }
  return serveRewards(o);
}

async function serveRewards(o: ServeOptions): Promise<number> {
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
    concurrency: o.concurrency ?? 2 * availableParallelism(),
    deadlineMs: o.deadlineMs,
    ...(o.specialTokens !== undefined ? { specialTokens: o.specialTokens.split(",").map((t) => t.trim()).filter((t) => t !== "") } : {}),
    schemas: o.schemas ? loadSchemaFile(o.schemas) : [],
  });
  if (!["127.0.0.1", "localhost", "::1"].includes(o.host)) {
    process.stderr.write(`warning: the reward server runs submitted code and listens on ${o.host}\n`);
  }
  process.stderr.write(`reward server: ${server.url}/v1/rewards  (${problems.length} problems, judge ${handle.name}; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.stop();
  await handle.close();
  return 0;
}
