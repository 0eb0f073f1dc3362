/** Reward experiments of a run (rows written by `rewards compare`), read defensively. */
import { asc, eq } from "drizzle-orm";
import type { HarnessDb } from "../../harness/store/db.ts";
import { rewardExperiments } from "../../harness/store/schema.ts";
import { readHistogram, readNumber, readObject, parseJson, type Histogram } from "./json.ts";
import { loadRunRow, formatIso, pickRunRef, type RunRef } from "./runs.ts";

export interface RewardExperimentView {
  id: number;
  schema: string;
  createdAt: string;
  definition: unknown;
  mean: number | null;
  std: number | null;
  histogram: Histogram | null;
  zeroVarianceFraction: number | null;
  groups: number | null;
  advantages: Histogram | null;
  spearmanHidden: number | null;
  publicHiddenGap: PublicHiddenGap | null;
  /** The summary as stored, for fields this page does not know yet. */
  summary: unknown;
}

/**
 * How `rewards compare` stores the gap: of `of` samples whose problem has public and hidden tests,
 * `count` are rewarded more on the public tests alone than on all of them (`rate` = count / of).
 */
export interface PublicHiddenGap {
  rate: number | null;
  count: number;
  of: number;
}

export interface RewardsPage {
  run: RunRef;
  experiments: RewardExperimentView[];
}

/** Loads a run's reward experiments; 404 for an unknown run, an empty list when it has none. */
export function loadRewards(db: HarnessDb, runId: number): RewardsPage {
  const run = pickRunRef(loadRunRow(db, runId));
  const rows = db
    .select()
    .from(rewardExperiments)
    .where(eq(rewardExperiments.runId, runId))
    .orderBy(asc(rewardExperiments.schema), asc(rewardExperiments.id))
    .all();
  const experiments = rows.map((r): RewardExperimentView => {
    const summary = parseJson(r.summary);
    const o = readObject(summary) ?? {};
    return {
      id: r.id,
      schema: r.schema,
      createdAt: formatIso(r.createdAt),
      definition: parseJson(r.definition),
      mean: readNumber(o.mean),
      std: readNumber(o.std),
      histogram: readHistogram(o.histogram),
      zeroVarianceFraction: readNumber(o.zero_variance_fraction),
      groups: readNumber(o.groups),
      advantages: readHistogram(o.advantages),
      spearmanHidden: readNumber(o.spearman_hidden),
      publicHiddenGap: readGap(o.public_hidden_gap),
      summary,
    };
  });
  return { run, experiments };
}

/** Reads the stored `{ rate, count, of }`; anything else (a missing field, another shape) reads as unknown. */
function readGap(v: unknown): PublicHiddenGap | null {
  const o = readObject(v);
  const count = readNumber(o?.count);
  const of = readNumber(o?.of);
  if (count === null || of === null) return null;
  return { rate: readNumber(o?.rate), count, of };
}
