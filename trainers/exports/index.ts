/**
 * `bun run train <algo> --config FILE --export trl|verl --out DIR`: the same config as a launch for
 * TRL or verl, for when a job outgrows this package. The data is exported through the datasets code
 * (TRL records with problem_id; verl Parquet with the problem inline as ground truth).
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDataset } from "../../datasets/open.ts";
import { toTrlRecords } from "../../datasets/prepare/export-trl.ts";
import { toVerlRows, writeVerlParquet } from "../../datasets/prepare/export-verl.ts";
import { writeJsonl } from "../../datasets/prepare/io.ts";
import { UsageError } from "../../judges/errors.ts";
import type { Language } from "../../judges/types.ts";
import { getAdapter } from "../adapters/index.ts";
import { loadTrainConfig } from "../config.ts";
import { REPO_ROOT } from "../render.ts";
import type { LaunchExport } from "./common.ts";
import { exportTrl } from "./trl.ts";
import { exportVerl } from "./verl.ts";

export type ExportTarget = "trl" | "verl";

export async function exportLaunch(o: { algo: string; config: string; to: ExportTarget; out: string }): Promise<LaunchExport & { out: string; records: number }> {
  const adapter = getAdapter(o.algo);
  const config = loadTrainConfig(o.config, adapter.schema);
  if (!config.data.dataset) throw new UsageError(`${o.config}: --export needs data.dataset (the problems to export)`);
  const out = resolve(o.out);
  mkdirSync(join(out, "data"), { recursive: true });
  const d = await openDataset(config.data.dataset, { format: config.data.format });
  const problems = config.data.limit ? d.problems.slice(0, config.data.limit) : d.problems;
  const language = config.data.language as Language | undefined;
  if (o.to === "verl") {
    const rows = toVerlRows(problems, { split: "train", dataSource: d.datasetId, language }).records;
    const parquet = join(out, "data", "train.parquet");
    // Checked before writing: sft-reweight has no verl export.
    const result = exportVerl(adapter.algo, config, out, parquet, REPO_ROOT);
    await writeVerlParquet(parquet, rows);
    return { ...result, out, records: rows.length };
  }
  const style = adapter.algo === "sft-reweight" ? "prompt-completion" : "prompt";
  const records = toTrlRecords(problems, style, { language }).records;
  const train = join(out, "data", "train.jsonl");
  const result = exportTrl(adapter.algo, config, out, train, REPO_ROOT);
  await writeJsonl(train, records);
  return { ...result, out, records: records.length };
}
