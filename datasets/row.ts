/** A raw dataset row as every reader yields it; its own module so the readers and their dispatcher share it without importing each other. */
import type { DatasetError, RowLocation } from "./types.ts";

export type Row = Record<string, unknown>;

/** A row, or the reason one row could not be read (the caller may skip it). */
export type RowResult = { at: RowLocation; row: Row } | { at: RowLocation; error: DatasetError };
