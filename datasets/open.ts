/**
 * The one dataset opener: every command that takes a dataset (`eval`, `judge`, `serve --rewards`,
 * `datasets …`) names it the same way and gets the same provenance back.
 */
import { applyCheckerPolicy, type CheckerPolicy, parseCheckerPolicy } from "./checker-policy.ts";
import { datasetIdOf } from "./dataset-id.ts";
import { loadHubDataset } from "./hub/load-pulled.ts";
import { isHubSpec } from "./hub/repo-id.ts";
import { loadAll } from "./load.ts";
import type { DatasetError, Problem } from "./types.ts";

export interface OpenDatasetOptions {
  /** Force a row format instead of detecting it. */
  format?: string;
  /** Skip rows that do not fit their format (counted in `invalid`) instead of failing. */
  skipInvalid?: boolean;
  /** Called for each skipped row under `skipInvalid` (default: a line on stderr). */
  onInvalid?: (error: DatasetError) => void;
  /** Hub cache root for `hf:` specs (default: $HARNESS_HUB_CACHE or .harness/hub). */
  hubCache?: string;
  /**
   * How problems whose row names no checker are compared (`--checker`): `auto` (the default) or a
   * checker name. Resolved here, so the stored problem and the viewer show what was used.
   */
  checker?: CheckerPolicy;
}

/** A dataset in memory with what a run records about where it came from. */
export interface OpenedDataset {
  /** What the user named: a path or an `hf:` spec. */
  source: string;
  /** Short stable name leaderboards group by (`HumanEval`, `org/name`). */
  datasetId: string;
  problems: Problem[];
  /** Row format the problems were read as. */
  format: string;
  /** sha256 of the bytes read (for a Hub dataset: of its pinned files). */
  sha256: string;
  /** Commit sha of a Hub dataset; null for local files. */
  revision: string | null;
  /** Rows skipped under `skipInvalid`. */
  invalid: number;
}

/**
 * Opens a dataset named by `spec`: a local file in any supported format (JSON, JSONL, `.gz`,
 * Parquet, Arrow), a `save_to_disk` folder, or a pulled Hub dataset
 * `hf:org/name[@rev][?config=C&split=S]`, read from the cache at its pinned commit (no network).
 */
export async function openDataset(spec: string, opts: OpenDatasetOptions = {}): Promise<OpenedDataset> {
  parseCheckerPolicy(opts.checker); // a mistyped --checker fails before any file is read
  const { format, skipInvalid, onInvalid } = opts;
  if (isHubSpec(spec)) {
    const d = await loadHubDataset(spec, { format, skipInvalid, cacheDir: opts.hubCache });
    return { source: spec, datasetId: d.datasetId, problems: resolveCheckers(d.problems, opts.checker), format: d.format, sha256: d.sha256, revision: d.revision, invalid: d.invalid };
  }
  const d = await loadAll({ path: spec, format, skipInvalid, onInvalid });
  return { source: spec, datasetId: datasetIdOf(spec), problems: resolveCheckers(d.problems, opts.checker), format: d.format, sha256: d.sha256, revision: null, invalid: d.invalid };
}

function resolveCheckers(problems: Problem[], policy: CheckerPolicy | undefined): Problem[] {
  return problems.map((p) => applyCheckerPolicy(p, policy));
}
