/** `datasets filter-by-reward`: loads the inputs, runs the injected judge, writes the kept set and a report. */
import { existsSync } from "node:fs";
import { type InputOptions, loadInput, writeJsonl, writeProblems, writeReport } from "../../datasets/prepare/io.ts";
import { readRows } from "../../datasets/read-rows.ts";
import { UsageError } from "../../judges/errors.ts";
import { loadSamples } from "../samples/read-samples.ts";
import type { SampleJudge } from "../types.ts";
import { filterReferenceSolutions, filterSamples, type RewardFilterReport } from "./filter-by-reward.ts";

/** `--solutions-from` value naming the problems' own reference solutions. */
export const SOLUTIONS_COLUMN = "solutions";

export interface RewardCommandOptions extends InputOptions {
  solutionsFrom: string;
  out: string;
  report: string;
  concurrency?: number;
  maxSolutions?: number;
  json?: boolean;
}

/** A judge ready to use, and how to release it. */
export interface JudgeHandle {
  judge: SampleJudge;
  name: string;
  close(): Promise<void>;
}

/** Runs the filter; exit code 1 when any judgement was a harness failure (SE), else 0. */
export async function runFilterByReward(file: string, o: RewardCommandOptions, openJudge: () => Promise<JudgeHandle>): Promise<number> {
  const d = await loadInput(file, o);
  const column = o.solutionsFrom === SOLUTIONS_COLUMN;
  if (!column && !existsSync(o.solutionsFrom)) {
    throw new UsageError(`--solutions-from must be '${SOLUTIONS_COLUMN}' (the problems' reference solutions) or a samples file; ${o.solutionsFrom} does not exist`);
  }
  const samples = column ? [] : await loadSamples(o.solutionsFrom, new Set(d.problems.map((p) => p.id)));
  const handle = await openJudge();
  let summary: RewardFilterReport;
  let extra: Record<string, unknown>;
  try {
    const progress = (done: number, total: number) => {
      if (!o.json && (done === total || done % 25 === 0)) process.stderr.write(`judged ${done}/${total}\n`);
    };
    const opts = { judge: handle.judge, concurrency: o.concurrency, maxPerProblem: o.maxSolutions, onJudged: progress };
    if (column) {
      const r = await filterReferenceSolutions(d.problems, opts);
      await writeProblems(o.out, r.problems);
      const { problems: _kept, dropped_problems: _dropped, ...rest } = r;
      summary = rest;
      extra = { problems_in: d.problems.length, problems_kept: r.problems.length, dropped_problems: r.dropped_problems };
    } else {
      const r = await filterSamples(d.problems, samples, opts);
      await writeSampleRows(o.solutionsFrom, new Set(r.samples.map((s) => s.line)), o.out);
      const { samples: _kept, ...rest } = r;
      summary = rest;
      extra = {};
    }
  } finally {
    await handle.close();
  }
  const report = { dataset: { source: d.source, id: d.datasetId, sha256: d.sha256 }, solutions_from: o.solutionsFrom, judge: handle.name, ...summary, ...extra };
  await writeReport(o.report, report);
  const verdicts = Object.entries(summary.verdicts).map(([v, n]) => `${v} ${n}`).join(", ");
  const text = `kept ${summary.kept} of ${summary.judged} judged solutions (${verdicts}) -> ${o.out}; report ${o.report}`;
  process.stdout.write(o.json ? `${JSON.stringify({ judged: summary.judged, kept: summary.kept, verdicts: summary.verdicts, system_errors: summary.system_errors, out: o.out, report: o.report })}\n` : `${text}\n`);
  if (summary.system_errors > 0) {
    process.stderr.write(`error: ${summary.system_errors} judgements failed inside the harness (SE); those items were dropped but are not known to be wrong — see ${o.report}\n`);
    return 1;
  }
  return 0;
}

/** Copies the passing samples' rows as they were written (all their fields kept). */
async function writeSampleRows(path: string, lines: Set<number>, out: string): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for await (const r of readRows(path)) {
    if ("row" in r && lines.has(r.at.line)) rows.push(r.row);
  }
  await writeJsonl(out, rows);
}
