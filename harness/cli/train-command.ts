/** `bun run train <algo> --config FILE`: renders and launches a training job (trainers/). */
import { type HarnessDb, openDb } from "../store/db.ts";
import { startTrainJob, type TrainOptions } from "../../trainers/train.ts";
import { UsageError } from "../../judges/errors.ts";
import { readGitSha } from "./provenance.ts";

/** The job's own flags are TrainOptions' (`watch` is commander's --no-watch); the rest are the CLI's. */
export interface TrainCommandOptions extends Pick<TrainOptions, "config" | "launcher" | "rewardUrl" | "jobsDir" | "dryRun" | "watch"> {
  export?: "trl" | "verl";
  out?: string;
  json?: boolean;
  db: string;
}

export async function runTrainCommand(algo: string, o: TrainCommandOptions): Promise<number> {
  if (o.export) return runExport(algo, o.export, o);
  // Opened only to record a launched job: a dry run or a refused config leaves no database behind.
  let db: HarnessDb | null = null;
  try {
    const r = await startTrainJob(() => (db = openDb(o.db)), {
      algo,
      config: o.config,
      launcher: o.launcher,
      rewardUrl: o.rewardUrl,
      jobsDir: o.jobsDir,
      dryRun: o.dryRun,
      watch: o.watch,
      dbPath: o.db,
      gitSha: readGitSha(),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(r)}\n`);
    } else if (r.dry_run) {
      process.stdout.write(`dry run: job ${r.job_id} rendered in ${r.job_dir} (not launched)\n  ${r.command.argv.join(" ")}\n`);
    } else {
      process.stdout.write(`${r.job_id}\n`);
      process.stderr.write(`job ${r.job_id}: ${r.state} on ${r.launcher} (${r.launcher_id}); follow with \`bun run jobs logs ${r.job_id} --follow\`\n`);
    }
    return 0;
  } finally {
    (db as HarnessDb | null)?.$client.close();
  }
}

async function runExport(algo: string, to: "trl" | "verl", o: TrainCommandOptions): Promise<number> {
  if (!o.out) throw new UsageError("--export needs --out DIR");
  const { exportLaunch } = await import("../../trainers/exports/index.ts");
  const r = await exportLaunch({ algo, config: o.config, to, out: o.out });
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ to, out: r.out, files: r.files, records: r.records, command: r.command, unsupported: r.unsupported })}\n`);
  } else {
    process.stdout.write(`wrote a ${to} launch for ${algo} (${r.records} records) to ${r.out}: ${r.files.join(", ")}\n  ${r.command}\n`);
    for (const u of r.unsupported) process.stderr.write(`warning: not carried over to ${to}: ${u}\n`);
  }
  return 0;
}
