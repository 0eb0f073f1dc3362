/**
 * Rows of Arrow IPC files and of Hugging Face `save_to_disk` folders. A folder's state.json lists
 * its `data-0000N-of-0000M.arrow` shards (IPC stream format); each is read record batch by record
 * batch, and row numbers run on across shards. apache-arrow is loaded on first use.
 */
import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJson } from "./parse-json.ts";
import type { ReadOptions } from "./read-lines.ts";
import type { Row, RowResult } from "./row.ts";
import { errorText, toPlainValue } from "./read-columnar.ts";
import { DatasetError } from "./types.ts";

/** Streams the rows of one Arrow IPC file (stream or file format); `at.line` is the 1-based row index. */
export async function* readArrowRows(path: string, opts: ReadOptions = {}): AsyncGenerator<RowResult> {
  yield* readShard(path, opts);
}

/** Streams the rows of a `save_to_disk` folder, shard after shard; rows are located in their shard. */
export async function* readSaveToDiskRows(dir: string, opts: ReadOptions = {}): AsyncGenerator<RowResult> {
  for (const shard of listShards(dir)) {
    yield* readShard(join(dir, shard), opts);
  }
}

async function* readShard(path: string, opts: ReadOptions): AsyncGenerator<RowResult> {
  const { RecordBatchReader } = await import("apache-arrow");
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const onBytes = opts.onBytes;
  // The hash sees the bytes as the reader consumes them: one pass over the file.
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of raw) {
      onBytes?.(chunk as Uint8Array);
      yield chunk as Uint8Array;
    }
  }
  let line = 1;
  try {
    const reader = await RecordBatchReader.from(chunks());
    for await (const batch of reader) {
      for (let i = 0; i < batch.numRows; i++) {
        yield { at: { file: path, line }, row: toPlainValue(batch.get(i)) as Row };
        line++;
      }
    }
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    throw new DatasetError(path, line === 1 ? null : line, null, `not a readable Arrow IPC file: ${errorText(err)}`);
  } finally {
    raw.destroy();
  }
}

/** The shard files a folder's state.json lists, in order. */
export function listShards(dir: string): string[] {
  const statePath = join(dir, "state.json");
  let state: unknown;
  try {
    state = parseJson(readFileSync(statePath, "utf8"));
  } catch (err) {
    throw new DatasetError(dir, null, null, explainMissingState(dir, err));
  }
  const files = (state as { _data_files?: unknown })?._data_files;
  if (!Array.isArray(files) || files.length === 0) {
    throw new DatasetError(statePath, null, "_data_files", "expected a non-empty list of {filename} entries");
  }
  return files.map((entry, i) => {
    const name = (entry as { filename?: unknown })?.filename;
    if (typeof name !== "string" || name === "" || name.includes("/") || name.includes("..")) {
      throw new DatasetError(statePath, null, `_data_files[${i}].filename`, "expected a file name inside the folder");
    }
    return name;
  });
}

/** A DatasetDict folder holds one folder per split; say which ones instead of "no state.json". */
function explainMissingState(dir: string, err: unknown): string {
  try {
    const dict = parseJson(readFileSync(join(dir, "dataset_dict.json"), "utf8")) as { splits?: unknown };
    if (Array.isArray(dict.splits)) {
      return `a DatasetDict folder: load one of its split folders (${dict.splits.join(", ")}) instead`;
    }
  } catch {
    // Not a DatasetDict either: report the missing state.json below.
  }
  return `not a save_to_disk folder (cannot read state.json: ${errorText(err)})`;
}
