/**
 * Which files of a Hub dataset repo hold a config's split. Published layouts, all handled:
 *   `{config}/{split}-00000-of-00003.parquet` (push_to_hub with a config name),
 *   `data/{split}-00000-of-00001.parquet` (push_to_hub, default config),
 *   `{config}/{split}/0000.parquet` and, for datasets converted in part, `{config}/partial-{split}/0000.parquet`
 *   (the Hub's refs/convert/parquet branch),
 *   `{split}.jsonl`, `data/{name}-{split}.jsonl.gz` and the like (hand-made repos).
 */

const DATA_FILE = /\.(parquet|arrow|jsonl|ndjson|json)(\.gz)?$/i;
const DEFAULT_CONFIG_DIRS = new Set(["data", "default"]);
/**
 * JSON files the datasets library writes beside the data, never rows: `dataset_infos.json` (legacy
 * cards), and `dataset_info.json`, `state.json`, `dataset_dict.json` from `save_to_disk`.
 */
const METADATA_JSON = new Set(["dataset_infos.json", "dataset_info.json", "state.json", "dataset_dict.json"]);

export interface FileSelection {
  config?: string;
  split?: string;
}

/** True for files that hold rows (parquet, arrow, JSON lines, JSON), not cards, scripts or metadata. */
export function isDataFile(path: string): boolean {
  const segments = path.split("/");
  return DATA_FILE.test(path) && !segments.some((s) => s.startsWith(".")) && !METADATA_JSON.has(segments.at(-1) ?? "");
}

/** The data files of `paths` that belong to the selected config and split, in path order. */
export function selectDataFiles(paths: readonly string[], sel: FileSelection): string[] {
  const data = paths.filter(isDataFile);
  const configs = new Set(data.map((p) => p.split("/")).filter((s) => s.length > 1).map((s) => s[0] ?? ""));
  return data
    .filter((p) => sel.config === undefined || inConfig(p, sel.config, configs))
    .filter((p) => sel.split === undefined || inSplit(p, sel.split))
    .sort();
}

/**
 * A file is in config C when its first folder is C. The default config also owns `data/` and
 * top-level files when no folder is named after it.
 */
function inConfig(path: string, config: string, configDirs: Set<string>): boolean {
  const segments = path.split("/");
  if (segments.length > 1 && segments[0] === config) return true;
  if (config !== "default" || configDirs.has("default")) return false;
  return segments.length === 1 || DEFAULT_CONFIG_DIRS.has(segments[0] ?? "");
}

/**
 * A file is in split S when a folder below the config is named S (or `partial-S`), or its name (extensions off)
 * split at `-`, `_` and `.` has S as a word: `train-00000-of-00002`, `mbpp-test`, `test`.
 */
function inSplit(path: string, split: string): boolean {
  const segments = path.split("/");
  const name = segments.pop() ?? "";
  const folders = segments.slice(1);
  if (folders.includes(split) || folders.includes(`partial-${split}`)) return true;
  if (segments.length === 1 && (segments[0] === split || segments[0] === `partial-${split}`) && split !== "data") return true;
  const stem = name.replace(DATA_FILE, "");
  return stem.split(/[-_.]/).includes(split);
}
