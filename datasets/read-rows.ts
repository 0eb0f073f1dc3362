/**
 * Rows of a dataset file: JSONL (one object per line, streamed) or JSON (an array of objects, or
 * one object). The layout is told by the content, with the extension breaking ties: a file whose
 * first non-blank line is a whole JSON object is JSONL; otherwise a `.json` file is parsed whole.
 * Parquet files, Arrow IPC files and `save_to_disk` folders are handed to their own readers,
 * told by magic bytes or extension (see {@link detectColumnarLayout}).
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { ReadOptions, TextLine } from "./read-lines.ts";
import { parseJson } from "./parse-json.ts";
import { readArrowRows, readSaveToDiskRows } from "./read-arrow.ts";
import { readLines } from "./read-lines.ts";
import { readParquetRows } from "./read-parquet.ts";
import type { Row, RowResult } from "./row.ts";
import { DatasetError, type RowLocation } from "./types.ts";

export type { Row, RowResult } from "./row.ts";

/**
 * Streams the rows of a JSONL or JSON file (gzip allowed), a Parquet or Arrow file, or a
 * `save_to_disk` folder. File-level problems throw DatasetError.
 */
export async function* readRows(path: string, opts: ReadOptions = {}): AsyncGenerator<RowResult> {
  const layout = detectColumnarLayout(path);
  if (layout === "parquet") return yield* readParquetRows(path, opts);
  if (layout === "arrow") return yield* readArrowRows(path, opts);
  if (layout === "save_to_disk") return yield* readSaveToDiskRows(path, opts);
  const lines = readLines(path, opts);
  try {
    const first = await nextNonBlank(lines);
    if (!first) return;
    const parsed = tryParse(first.text);
    if (parsed.ok && isRow(parsed.value)) {
      yield { at: { file: path, line: first.line }, row: parsed.value };
      yield* readJsonlRest(path, lines);
    } else if (parsed.ok && Array.isArray(parsed.value) && (await nextNonBlank(lines)) === null) {
      yield* rowsOfDocument(path, parsed.value);
    } else if (!parsed.ok && isJsonlName(path)) {
      yield { at: { file: path, line: first.line }, error: invalidJson(path, first.line, parsed.reason) };
      yield* readJsonlRest(path, lines);
    } else if (!parsed.ok && /^\s*[[{]/.test(first.text)) {
      yield* rowsOfDocument(path, await parseDocument(path, first, lines));
    } else {
      const what = parsed.ok ? describe(parsed.value) : "text that is not JSON";
      throw new DatasetError(path, first.line, null, `expected JSONL objects or a JSON array of objects, got ${what}`);
    }
  } finally {
    // A consumer that stops early must not leave the file open.
    await lines.return(undefined);
  }
}

/**
 * Which columnar reader a path needs, or null for JSON text. A folder is a `save_to_disk` folder;
 * a regular file is told by its magic bytes (Parquet `PAR1`, Arrow file `ARROW1`, Arrow stream
 * continuation marker), then by its extension. Pipes are never sniffed: that would eat their bytes.
 */
export function detectColumnarLayout(path: string): "parquet" | "arrow" | "save_to_disk" | null {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return null; // readLines reports the missing file.
  }
  if (stat.isDirectory()) return "save_to_disk";
  if (stat.isFile()) {
    const head = readHead(path, 8);
    const text = new TextDecoder().decode(head);
    if (text.startsWith("PAR1")) return "parquet";
    if (text.startsWith("ARROW1")) return "arrow";
    if (head.length >= 4 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return "arrow";
  }
  if (/\.parquet$/i.test(path)) return "parquet";
  if (/\.(arrow|feather|ipc)$/i.test(path)) return "arrow";
  return null;
}

function readHead(path: string, bytes: number): Uint8Array {
  const buffer = new Uint8Array(bytes);
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

async function* readJsonlRest(path: string, lines: AsyncGenerator<TextLine>): AsyncGenerator<RowResult> {
  for await (const { line, text } of lines) {
    if (text.trim() === "") continue;
    const at = { file: path, line };
    const parsed = tryParse(text);
    if (!parsed.ok) yield { at, error: invalidJson(path, line, parsed.reason) };
    else if (!isRow(parsed.value)) yield { at, error: notAnObject(path, line, parsed.value) };
    else yield { at, row: parsed.value };
  }
}

/** A JSON document cannot be streamed without a streaming parser; `.json` files are read whole. */
async function parseDocument(path: string, first: TextLine, lines: AsyncGenerator<TextLine>): Promise<unknown> {
  const parts = [first.text];
  for await (const { text } of lines) parts.push(text);
  const parsed = tryParse(parts.join("\n"));
  if (!parsed.ok) throw new DatasetError(path, null, null, `invalid JSON: ${parsed.reason}`);
  return parsed.value;
}

function* rowsOfDocument(path: string, doc: unknown): Generator<RowResult> {
  if (isRow(doc)) {
    yield { at: { file: path, line: 1 }, row: doc };
    return;
  }
  if (!Array.isArray(doc)) throw new DatasetError(path, null, null, `expected a JSON object or array, got ${describe(doc)}`);
  for (const [i, value] of doc.entries()) {
    // RowLocation.line is the 1-based row index for JSON arrays.
    const at = { file: path, line: i + 1 };
    yield isRow(value) ? { at, row: value } : { at, error: notAnObject(path, i + 1, value) };
  }
}

async function nextNonBlank(lines: AsyncGenerator<TextLine>): Promise<TextLine | null> {
  for (;;) {
    const next = await lines.next();
    if (next.done) return null;
    if (next.value.text.trim() !== "") return next.value;
  }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parseJson(text) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function isRow(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isJsonlName(path: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(path);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function invalidJson(path: string, line: number, reason: string): DatasetError {
  return new DatasetError(path, line, null, `invalid JSON: ${reason}`);
}

function notAnObject(path: string, line: number, value: unknown): DatasetError {
  return new DatasetError(path, line, null, `expected a JSON object, got ${describe(value)}`);
}
