/**
 * `rewards compare`: several schemas over one stored run with GRPO groups (samples of the same
 * problem and model), stored in reward_experiments for the viewer.
 *
 * Public-vs-hidden gap: for samples of problems with both public and hidden tests, the share the
 * schema rewards more on the public tests alone than on all tests, i.e. where training on public
 * tests would pay for something the hidden tests reject (reward hacking / test overfitting).
 */
import { HarnessError } from "../../judges/errors.ts";
import type { HarnessDb } from "../store/db.ts";
import { findRun } from "../store/runs.ts";
import { rewardExperiments } from "../store/schema.ts";
import type { RewardSchema } from "./definition.ts";
import { computeReward, needsAllTests } from "./evaluate.ts";
import { computeFeatures, computePublicFeatures, passesHiddenTests, type RewardFeatures } from "./features.ts";
import { readRunSamples } from "./read-run.ts";
import { resolveSchema, type SchemaCatalog } from "./registry.ts";
import { buildHistogram, computeGroupStats, computeMean, computeRange, computeSpearman, computeStd, type Histogram } from "./stats.ts";

export interface RewardsCompareOptions {
  db: HarnessDb;
  /** Run id or name. */
  run: string;
  /** Schema specs: names, `name+modifier`, or schema files. */
  schemas: string[];
  catalog?: SchemaCatalog;
  /** Which tests the reward statistics use (the gap always compares both). Default "all". */
  rewardOn?: "all" | "public";
  bins?: number;
  /** Write reward_experiments rows (default true). */
  store?: boolean;
}

/** The summary stored per run × schema; the viewer reads these keys. */
export interface RewardSummary {
  mean: number;
  std: number;
  histogram: Histogram;
  zero_variance_fraction: number | null;
  groups: number;
  advantages: Histogram;
  /** Spearman correlation of reward with passing every hidden test; null when either side is constant. */
  spearman_hidden: number | null;
  public_hidden_gap: { rate: number | null; count: number; of: number };
  /** Samples with a reward (masked and infra-failed samples excluded). */
  n: number;
  masked: number;
  infra_errors: number;
  zero_variance_groups: number;
  reward_on: "all" | "public";
}

export interface RewardsCompareResult {
  run: { id: number; name: string; model: string | null };
  samples: number;
  /** Samples whose judging stopped at the first failure (the run was not judged with all tests). */
  incomplete: number;
  notes: string[];
  schemas: { name: string; definition: RewardSchema; summary: RewardSummary; experimentId: number | null }[];
}

/** A run that does not exist, or one with nothing to compare. */
export class RewardsCompareError extends HarnessError {
  override name = "RewardsCompareError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "usage", options);
  }
}

interface Accumulator {
  schema: RewardSchema;
  rewards: number[];
  truth: number[];
  groups: Map<string, number[]>;
  masked: number;
  infra: number;
  gapCount: number;
  gapOf: number;
}

/** Runs the comparison and (by default) stores one reward_experiments row per schema. */
export function runRewardsCompare(opts: RewardsCompareOptions): RewardsCompareResult {
  const run = findRun(opts.db, opts.run);
  if (!run) throw new RewardsCompareError(`no run '${opts.run}' in the database`);
  if (opts.schemas.length === 0) throw new RewardsCompareError("no schema given (--schemas binary,pass-rate,...)");
  const rewardOn = opts.rewardOn ?? "all";
  const accs: Accumulator[] = opts.schemas.map((spec) => ({
    schema: resolveSchema(spec, opts.catalog),
    rewards: [],
    truth: [],
    groups: new Map(),
    masked: 0,
    infra: 0,
    gapCount: 0,
    gapOf: 0,
  }));
  let samples = 0;
  let incomplete = 0;
  let withPublic = 0;
  for (const s of readRunSamples(opts.db, run)) {
    samples++;
    const j = s.sample.judgement;
    if (j && j.tests.length < j.total) incomplete++;
    const all = computeFeatures(s.sample, s.meta);
    const pub = s.meta ? computePublicFeatures(s.sample, s.meta) : null;
    const hasHidden = s.meta?.testKinds.some((k) => k !== "public") ?? false;
    if (pub) withPublic++;
    const view = rewardOn === "all" ? all : pub;
    if (!view) continue;
    const key = `${s.sample.problemId}\u0000${s.model ?? ""}`;
    const truth = passesHiddenTests(s.sample, s.meta);
    for (const acc of accs) accumulate(acc, key, view, all, pub && hasHidden ? pub : null, truth);
  }
  if (samples === 0) throw new RewardsCompareError(`run '${run.name}' has no judged samples`);
  const notes = explain({ samples, incomplete, withPublic, rewardOn, accs });
  const results = accs.map((acc) => ({ name: acc.schema.name, definition: acc.schema, summary: summarise(acc, opts.bins ?? 10, rewardOn), experimentId: null as number | null }));
  if (opts.store !== false) {
    const now = new Date();
    for (const r of results) {
      const row = opts.db
        .insert(rewardExperiments)
        .values({ runId: run.id, schema: r.name, definition: JSON.stringify(r.definition), summary: JSON.stringify(r.summary), createdAt: now })
        .returning({ id: rewardExperiments.id })
        .get();
      r.experimentId = row.id;
    }
  }
  return { run: { id: run.id, name: run.name, model: run.model }, samples, incomplete, notes, schemas: results };
}

function accumulate(acc: Accumulator, key: string, view: RewardFeatures, all: RewardFeatures, pub: RewardFeatures | null, passesHidden: boolean): void {
  const out = computeReward(acc.schema, view);
  if (out.reward === null) {
    if (out.masked) acc.masked++;
    else acc.infra++;
    return;
  }
  acc.rewards.push(out.reward);
  acc.truth.push(passesHidden ? 1 : 0);
  const g = acc.groups.get(key);
  if (g) g.push(out.reward);
  else acc.groups.set(key, [out.reward]);
  if (pub) {
    const onAll = view === all ? out.reward : computeReward(acc.schema, all).reward;
    const onPublic = view === pub ? out.reward : computeReward(acc.schema, pub).reward;
    if (onAll !== null && onPublic !== null) {
      acc.gapOf++;
      if (onPublic > onAll + 1e-12) acc.gapCount++;
    }
  }
}

function summarise(acc: Accumulator, bins: number, rewardOn: "all" | "public"): RewardSummary {
  const gs = computeGroupStats(acc.groups.values());
  const [lo, hi] = computeRange(gs.advantages.map(Math.abs));
  const span = gs.advantages.length > 0 ? Math.max(Math.abs(lo), Math.abs(hi), 1e-9) : 1;
  return {
    mean: computeMean(acc.rewards),
    std: computeStd(acc.rewards),
    histogram: buildHistogram(acc.rewards, bins),
    zero_variance_fraction: gs.groups > 0 ? gs.zeroVarianceGroups / gs.groups : null,
    groups: gs.groups,
    advantages: buildHistogram(gs.advantages, bins, [-span, span]),
    spearman_hidden: computeSpearman(acc.rewards, acc.truth),
    public_hidden_gap: { rate: acc.gapOf > 0 ? acc.gapCount / acc.gapOf : null, count: acc.gapCount, of: acc.gapOf },
    n: acc.rewards.length,
    masked: acc.masked,
    infra_errors: acc.infra,
    zero_variance_groups: gs.zeroVarianceGroups,
    reward_on: rewardOn,
  };
}

function explain(x: { samples: number; incomplete: number; withPublic: number; rewardOn: string; accs: Accumulator[] }): string[] {
  const notes: string[] = [];
  if (x.incomplete > 0) {
    notes.push(
      `${x.incomplete} of ${x.samples} samples stopped at their first failing test (run judged without --all-tests): unrun tests count as failed, so partial credit and public-only rewards are lower bounds.`,
    );
    const partial = x.accs.filter((a) => needsAllTests(a.schema)).map((a) => a.schema.name);
    if (partial.length > 0) notes.push(`schemas reading per-test counts (${partial.join(", ")}) are underestimated on those samples.`);
  }
  if (x.withPublic === 0) notes.push("no problem of this run has public tests: the public-vs-hidden gap is undefined.");
  if (x.rewardOn === "public" && x.withPublic < x.samples) {
    notes.push(`${x.samples - x.withPublic} samples have no public tests and are left out of the public-test rewards.`);
  }
  return notes;
}

/** Plain-text report of a comparison, one line per schema. */
export function formatRewardsCompare(r: RewardsCompareResult): string {
  const pct = (x: number | null) => (x === null ? "n/a" : `${(100 * x).toFixed(1)}%`);
  const num = (x: number | null, d = 3) => (x === null ? "n/a" : x.toFixed(d));
  const head = [`run ${r.run.id} '${r.run.name}'${r.run.model ? ` (${r.run.model})` : ""}: ${r.samples} samples`];
  const rows = [["schema", "n", "mean", "std", "zero-var groups", "spearman", "public>all gap", "masked", "infra"]];
  for (const s of r.schemas) {
    const m = s.summary;
    rows.push([
      s.name,
      String(m.n),
      num(m.mean),
      num(m.std),
      `${pct(m.zero_variance_fraction)} of ${m.groups}`,
      num(m.spearman_hidden),
      `${pct(m.public_hidden_gap.rate)} (${m.public_hidden_gap.count}/${m.public_hidden_gap.of})`,
      String(m.masked),
      String(m.infra_errors),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const table = rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
  return [...head, ...table, ...r.notes.map((n) => `note: ${n}`)].join("\n");
}
