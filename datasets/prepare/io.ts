/** Reading the datasets the prepare commands work on, and writing what they produce. */
import { gzipSync } from "node:zlib";
import { writeFileAtomic } from "../hub/write-atomic.ts";
import { type OpenedDataset, openDataset } from "../open.ts";
import type { Problem } from "../types.ts";

/** A dataset read by a prepare command (see datasets/open.ts). */
export type InputDataset = OpenedDataset;

export interface InputOptions {
  format?: string;
  skipInvalid?: boolean;
  /** Hub cache root, for `hf:` specs. */
  hubCache?: string;
  /** `--checker NAME|auto`: how problems whose row names no checker are compared (datasets/checker-policy.ts). */
  checker?: string;
}

/** Loads a dataset file, or a pulled Hub dataset named `hf:org/name[@rev][?config=C&split=S]` (from the cache). */
export function loadInput(source: string, opts: InputOptions = {}): Promise<InputDataset> {
  return openDataset(source, opts);
}

/** A Problem as a row of the canonical format: the on-disk schema is the Problem itself, every field kept. */
export function toCanonicalRow(problem: Problem): Record<string, unknown> {
  const { id, statement, mode, languages, ...rest } = problem;
  // The loader rejects an empty list but gives answer-mode problems one: leave it out.
  return { id, statement, mode, ...(languages.length > 0 ? { languages } : {}), ...rest };
}

/** Writes rows as JSONL (gzip-compressed when the name ends in .gz), atomically. */
export async function writeJsonl(path: string, rows: Iterable<unknown>): Promise<void> {
  const parts: string[] = [];
  for (const row of rows) parts.push(`${JSON.stringify(row)}\n`);
  const text = parts.join("");
  await writeFileAtomic(path, path.endsWith(".gz") ? gzipSync(text) : text);
}

/** Writes problems as canonical JSONL. */
export async function writeProblems(path: string, problems: readonly Problem[]): Promise<void> {
  await writeJsonl(path, problems.map(toCanonicalRow));
}

/** Writes a report as pretty JSON, atomically. */
export async function writeReport(path: string, report: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
}
