/** Command-line actions of the pure prepare functions: read inputs, call, write outputs, print. */
import { readRows } from "../read-rows.ts";
import type { Language } from "../../judges/types.ts";
import { compareDatasets, formatComparison } from "./compare.ts";
import { convertTrajectories, type SftStyle } from "./convert.ts";
import { decontaminate } from "./decontaminate.ts";
import { dedupeProblems } from "./dedupe.ts";
import { partitionJudgeable } from "../judgeable.ts";
import { toTrlRecords, type TrlStyle } from "./export-trl.ts";
import { toVerlRows, writeVerlParquet } from "./export-verl.ts";
import { type FilterCriteria, filterProblems } from "./filter.ts";
import { formatStats, inspectProblems } from "./inspect.ts";
import { type InputOptions, loadInput, writeJsonl, writeProblems, writeReport } from "./io.ts";

export interface CommonOptions extends InputOptions {
  json?: boolean;
}

/** Prints one JSON document with --json, else the text. */
function emit(json: boolean | undefined, doc: unknown, text: string): number {
  process.stdout.write(json ? `${JSON.stringify(doc)}\n` : `${text}\n`);
  return 0;
}

/** `inspect` / `stats`. */
export async function runInspect(file: string, o: CommonOptions): Promise<number> {
  const d = await loadInput(file, o);
  const stats = inspectProblems(d.problems, d.format);
  const header = `${d.source}  (id ${d.datasetId}, sha256 ${d.sha256}${d.revision ? `, revision ${d.revision}` : ""}${d.invalid ? `, ${d.invalid} invalid rows skipped` : ""})`;
  return emit(o.json, { dataset: d.datasetId, sha256: d.sha256, revision: d.revision, invalid: d.invalid, ...stats }, formatStats(stats, header));
}

/** `filter`. */
export async function runFilter(file: string, o: CommonOptions & FilterCriteria & { out: string }): Promise<number> {
  const d = await loadInput(file, o);
  const r = filterProblems(d.problems, o);
  await writeProblems(o.out, r.kept);
  const dropped = Object.entries(r.dropped).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  return emit(o.json, { input: d.problems.length, kept: r.kept.length, dropped: r.dropped, out: o.out }, `kept ${r.kept.length} of ${d.problems.length} problems -> ${o.out} (dropped by ${dropped})`);
}

export interface DecontaminateCommandOptions extends CommonOptions {
  against: string[];
  out: string;
  report: string;
  ngram: number;
  minhashThreshold: number;
  maxGramDocs: number;
}

/** `decontaminate`. */
export async function runDecontaminate(train: string, o: DecontaminateCommandOptions): Promise<number> {
  const t = await loadInput(train, o);
  const evalSets = [];
  for (const source of o.against) {
    const e = await loadInput(source, { hubCache: o.hubCache });
    evalSets.push({ name: e.datasetId, problems: e.problems, sha256: e.sha256, source });
  }
  const r = decontaminate(t.problems, evalSets, { ngram: o.ngram, minhashThreshold: o.minhashThreshold, maxGramDocs: o.maxGramDocs });
  await writeProblems(o.out, r.kept);
  const report = {
    train: { source: t.source, id: t.datasetId, sha256: t.sha256, problems: t.problems.length },
    against: evalSets.map((e) => ({ source: e.source, id: e.name, sha256: e.sha256, problems: e.problems.length })),
    options: r.options,
    boilerplate_ngrams_ignored: r.boilerplateGrams,
    kept: r.kept.length,
    dropped: r.dropped.length,
    dropped_ids: r.dropped.map((p) => p.id),
    pairs: r.pairs,
  };
  await writeReport(o.report, report);
  const { pairs, ...summary } = report;
  return emit(o.json, { ...summary, pairs: pairs.length, out: o.out, report: o.report }, `dropped ${r.dropped.length} of ${t.problems.length} training problems (${r.pairs.length} overlapping pairs) -> ${o.out}; report ${o.report}`);
}

/** `dedupe`. */
export async function runDedupe(file: string, o: CommonOptions & { out: string; report?: string; minhashThreshold: number }): Promise<number> {
  const d = await loadInput(file, o);
  const r = dedupeProblems(d.problems, { minhashThreshold: o.minhashThreshold });
  await writeProblems(o.out, r.kept);
  const exact = r.duplicates.filter((x) => x.kind === "exact").length;
  const doc = { input: d.problems.length, kept: r.kept.length, exact_duplicates: exact, near_duplicates: r.duplicates.length - exact, out: o.out };
  if (o.report) await writeReport(o.report, { ...doc, duplicates: r.duplicates });
  return emit(o.json, doc, `kept ${r.kept.length} of ${d.problems.length} problems (${exact} exact, ${r.duplicates.length - exact} near duplicates dropped) -> ${o.out}`);
}

/** `compare`. */
export async function runCompare(a: string, b: string, o: CommonOptions & { minhashThreshold: number }): Promise<number> {
  const da = await loadInput(a, o);
  const db = await loadInput(b, o);
  const c = compareDatasets({ name: da.datasetId, problems: da.problems }, { name: db.datasetId, problems: db.problems }, { minhashThreshold: o.minhashThreshold });
  return emit(o.json, c, formatComparison(c));
}

/** `convert`. */
export async function runConvert(file: string, o: { out: string; style: SftStyle; json?: boolean }): Promise<number> {
  const rows = [];
  for await (const r of readRows(file)) {
    if ("error" in r) throw r.error;
    rows.push(r);
  }
  const r = convertTrajectories(rows, o.style);
  await writeJsonl(o.out, r.records);
  const dropped = Object.values(r.dropped).reduce((s, n) => s + n, 0);
  return emit(o.json, { input: r.total, kept: r.records.length, dropped: r.dropped, out: o.out }, `converted ${r.records.length} of ${r.total} records -> ${o.out} (dropped ${dropped}: ${JSON.stringify(r.dropped)})`);
}

export interface ExportCommandOptions extends CommonOptions {
  to: "trl" | "verl";
  out: string;
  style: TrlStyle;
  language?: Language;
  split: string;
  dataSource?: string;
  /** verl ground_truth: the problem inline (default) or its id only. */
  groundTruth?: "inline" | "ref";
}

/** `export`. */
export async function runExport(file: string, o: ExportCommandOptions): Promise<number> {
  const d = await loadInput(file, o);
  // A problem no judge can decide (interactive, no interactor) would hand a trainer a prompt whose
  // every answer is rewarded as wrong: it is left out, and counted.
  const { judgeable, excluded } = partitionJudgeable(d.problems);
  let written: number;
  let skipped: { no_solution: number; language: number };
  if (o.to === "verl") {
    const r = toVerlRows(judgeable, { split: o.split, dataSource: d.datasetId, dataSourceOverride: o.dataSource, language: o.language, groundTruth: o.groundTruth });
    await writeVerlParquet(o.out, r.records);
    [written, skipped] = [r.records.length, r.skipped];
  } else {
    const r = toTrlRecords(judgeable, o.style, { language: o.language });
    await writeJsonl(o.out, r.records);
    [written, skipped] = [r.records.length, r.skipped];
  }
  const what = o.to === "verl" ? "verl parquet" : `TRL ${o.style}`;
  const all = { ...skipped, unjudgeable: excluded.length };
  return emit(o.json, { input: d.problems.length, written, skipped: all, to: o.to, out: o.out }, `wrote ${written} ${what} records of ${d.problems.length} problems -> ${o.out} (skipped: ${skipped.no_solution} without a reference solution, ${skipped.language} not in the language, ${excluded.length} that no judge can decide)`);
}
