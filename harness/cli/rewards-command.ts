/** `bun run rewards`: reward schemas, and comparing them on a stored run. */
import { existsSync } from "node:fs";
import { openDb } from "../store/db.ts";
import { UsageError } from "../../judges/errors.ts";

/** `rewards compare --run RUN --schemas a,b`: per-schema statistics, stored for the viewer. */
export async function runRewardsCompareCommand(o: {
  run: string;
  schemas: string;
  db: string;
  json?: boolean;
  rewardOn: "all" | "public";
}): Promise<number> {
  if (!existsSync(o.db)) throw new UsageError(`no database at ${o.db}; run \`bun run eval\` first or pass --db`);
  const { formatRewardsCompare, runRewardsCompare } = await import("../rewards/index.ts");
  const db = openDb(o.db);
  try {
    const schemas = o.schemas.split(",").map((s) => s.trim()).filter(Boolean);
    if (schemas.length === 0) throw new UsageError("--schemas needs at least one schema");
    const result = runRewardsCompare({ db, run: o.run, schemas, rewardOn: o.rewardOn });
    process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : formatRewardsCompare(result));
    return 0;
  } finally {
    db.$client.close();
  }
}

/** `rewards list`: the built-in schemas and modifiers. */
export async function runRewardsListCommand(o: { json?: boolean }): Promise<number> {
  const { listSchemas } = await import("../rewards/index.ts");
  const list = listSchemas();
  if (o.json) process.stdout.write(`${JSON.stringify(list)}\n`);
  else {
    const width = Math.max(...[...list.schemas, ...list.modifiers].map((s) => s.name.length));
    const lines = [
      "schemas:",
      ...list.schemas.map((s) => `  ${s.name.padEnd(width)}  ${s.description}${s.origin ? ` (${s.origin})` : ""}`),
      "modifiers (append with +, e.g. binary+overlong-mask):",
      ...list.modifiers.map((m) => `  ${m.name.padEnd(width)}  ${m.description}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return 0;
}
