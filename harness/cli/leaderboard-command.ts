/** `bun run leaderboard`: stored runs ranked by pass@1. */
import { existsSync } from "node:fs";
import { buildLeaderboards, formatLeaderboards } from "../eval/leaderboard.ts";
import { openDb } from "../store/db.ts";
import { UsageError } from "../../judges/errors.ts";

/** Prints the leaderboards of the database; returns the exit code. */
export async function runLeaderboardCommand(o: { dataset?: string; db: string; json?: boolean }): Promise<number> {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db}; run \`bun run eval\` first or pass --db`);
  const db = openDb(o.db);
  try {
    const boards = buildLeaderboards(db, { datasetId: o.dataset });
    if (o.json) process.stdout.write(`${JSON.stringify({ leaderboards: boards })}\n`);
    else process.stdout.write(formatLeaderboards(boards));
    return 0;
  } finally {
    db.$client.close();
  }
}
