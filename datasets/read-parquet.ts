/**
 * Rows of a Parquet file (Hugging Face's usual format), read one row group at a time so that a
 * large file never has to be decoded whole. Snappy is built into hyparquet; gzip, zstd, brotli and
 * lz4 pages are decoded by hyparquet-compressors. Both libraries are loaded on first use.
 */
import type { ReadOptions } from "./read-lines.ts";
import type { Row, RowResult } from "./row.ts";
import { errorText, feedBytes, toPlainValue } from "./read-columnar.ts";
import { DatasetError } from "./types.ts";

/** Streams the rows of a Parquet file; `at.line` is the 1-based row index. */
export async function* readParquetRows(path: string, opts: ReadOptions = {}): AsyncGenerator<RowResult> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import("hyparquet");
  const { compressors } = await import("hyparquet-compressors");
  await feedBytes(path, opts);
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new DatasetError(path, null, null, `not a readable Parquet file: ${errorText(err)}`);
  }
  let rowStart = 0;
  for (const [group, rowGroup] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(rowGroup.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors, rowFormat: "object" });
    } catch (err) {
      throw new DatasetError(path, rowStart + 1, null, `cannot decode Parquet row group ${group}: ${errorText(err)}`);
    }
    for (const [i, row] of rows.entries()) {
      yield { at: { file: path, line: rowStart + i + 1 }, row: toPlainValue(row) as Row };
    }
    rowStart = rowEnd;
  }
}
