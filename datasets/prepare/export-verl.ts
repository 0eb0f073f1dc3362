/**
 * `datasets export --to verl`: problems as verl RL rows, written as Parquet. verl's data files
 * have the columns data_source, prompt (chat messages), ability, reward_model {style, ground_truth}
 * and extra_info {split, index, ...}. For code, ground_truth is a self-contained JSON string that
 * trainers/shims/verl_reward.py sends to the reward server as an inline problem: `problem_id`, `mode`,
 * the limits, the checker, and the tests — stdio ones as `inputs`/`outputs` (the layout verl's own
 * code scorers read) with `test_kinds`, function-mode ones as `entry_point`/`test_code`. With
 * `groundTruth: "ref"` it is `{"problem_id"}` only, for a server started with the dataset (test
 * data of megabytes per problem then stays out of the Parquet). Answer-mode problems (GSM8K) carry
 * the answer itself with ability "math", as verl's math preprocessors do; extra_info.problem_id
 * lets a judge-backed reward find the problem.
 */
import type { Language } from "../../judges/types.ts";
import type { Problem } from "../types.ts";
import { writeFileAtomic } from "../hub/write-atomic.ts";
import { pickLanguage, promptMessages, type ExportResult } from "./export-trl.ts";

export interface VerlRow {
  data_source: string;
  prompt: { role: string; content: string }[];
  ability: string;
  reward_model: { style: string; ground_truth: string };
  extra_info: { split: string; index: bigint; problem_id: string; language: string; mode: string };
}

export interface VerlOptions {
  /** Split recorded in extra_info (default train). */
  split?: string;
  /** data_source when a problem has no source (default: the dataset id). */
  dataSource: string;
  /** data_source of every row, replacing the problems' own sources (`--data-source`). */
  dataSourceOverride?: string;
  language?: Language;
  /** "inline" (default): the problem travels in ground_truth; "ref": its id only. */
  groundTruth?: "inline" | "ref";
}

/** The ground truth a rule-based reward needs: the answer itself for answer mode, else the problem as JSON. */
export function groundTruthOf(p: Problem, style: "inline" | "ref" = "inline"): string {
  if (p.mode === "answer") return p.answer ?? "";
  if (style === "ref") return JSON.stringify({ problem_id: p.id });
  const tests = p.tests.length > 0 ? { inputs: p.tests.map((t) => t.input), outputs: p.tests.map((t) => t.output), test_kinds: p.tests.map((t) => t.kind ?? null) } : {};
  return JSON.stringify({
    problem_id: p.id,
    mode: p.mode,
    ...tests,
    ...(p.mode === "function" ? { entry_point: p.entry_point ?? null, test_code: p.test_code ?? "", ...(p.solution_prefix ? { solution_prefix: p.solution_prefix } : {}), ...(p.prelude ? { prelude: p.prelude } : {}) } : {}),
    time_limit_ms: p.time_limit_ms,
    memory_limit_mb: p.memory_limit_mb,
    checker: p.checker,
    languages: p.languages,
    ...(p.input_file ? { input_file: p.input_file } : {}),
    ...(p.output_file ? { output_file: p.output_file } : {}),
  });
}

/** verl rows for problems that accept the language. The prompt is the user message eval sends. */
export function toVerlRows(problems: readonly Problem[], opts: VerlOptions): ExportResult<VerlRow> {
  const records: VerlRow[] = [];
  const skipped = { no_solution: 0, language: 0 };
  for (const p of problems) {
    const language = pickLanguage(p, opts.language);
    if (language === undefined) {
      skipped.language++;
      continue;
    }
    records.push({
      data_source: opts.dataSourceOverride ?? p.source ?? opts.dataSource,
      // verl's own preprocessors put the whole instruction in one user turn.
      prompt: promptMessages(p, language).filter((m) => m.role === "user"),
      ability: p.mode === "answer" ? "math" : "code",
      reward_model: { style: "rule", ground_truth: groundTruthOf(p, opts.groundTruth) },
      extra_info: { split: opts.split ?? "train", index: BigInt(records.length), problem_id: p.id, language: language ?? "", mode: p.mode },
    });
  }
  return { records, skipped };
}

const text = (name: string) => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }) as const;

/** The Parquet schema pandas/pyarrow would write for these rows (nullable columns, a LIST of structs). */
const VERL_SCHEMA = [
  { name: "root", num_children: 5 },
  text("data_source"),
  { name: "prompt", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
  text("role"),
  text("content"),
  text("ability"),
  { name: "reward_model", repetition_type: "OPTIONAL", num_children: 2 },
  text("style"),
  text("ground_truth"),
  { name: "extra_info", repetition_type: "OPTIONAL", num_children: 5 },
  text("split"),
  { name: "index", type: "INT64", repetition_type: "OPTIONAL" },
  text("problem_id"),
  text("language"),
  text("mode"),
] as const;

/** Writes verl rows as one Parquet file, atomically. */
export async function writeVerlParquet(path: string, rows: readonly VerlRow[]): Promise<void> {
  const { parquetWriteBuffer } = await import("hyparquet-writer");
  const column = <K extends keyof VerlRow>(name: K) => ({ name, data: rows.map((r) => r[name]) });
  const buffer = parquetWriteBuffer({
    columnData: [column("data_source"), column("prompt"), column("ability"), column("reward_model"), column("extra_info")],
    schema: VERL_SCHEMA.map((e) => ({ ...e })),
  });
  await writeFileAtomic(path, new Uint8Array(buffer));
}
