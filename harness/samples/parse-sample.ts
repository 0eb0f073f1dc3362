/** Validation of one samples-file row into a SampleRecord. */
import { describeUnknownLanguage, parseLanguage } from "../../judges/languages.ts";
import { DatasetError, type RowLocation } from "../../datasets/types.ts";
import type { SampleRecord } from "./types.ts";

/** Turns a row into a SampleRecord; throws DatasetError naming file, line and field. */
export function parseSample(row: Record<string, unknown>, at: RowLocation, index: number): SampleRecord {
  const fail = (field: string | null, detail: string): never => {
    throw new DatasetError(at.file, at.line, field, detail);
  };
  const [idField, problemId] = pickOne(row, "problem_id", "task_id", fail);
  if (idField === null) return fail("problem_id", "missing (a sample names its problem in 'problem_id' or 'task_id')");
  if (typeof problemId !== "string" || problemId === "") {
    return fail(idField, `expected a non-empty string, got ${describe(problemId)}`);
  }

  const [field, completion] = pickOne(row, "completion", "solution", fail);
  if (field === null) return fail("completion", "missing (a sample holds its code in 'completion' or 'solution')");
  if (typeof completion !== "string") return fail(field, `expected a string, got ${describe(completion)}`);

  const record: SampleRecord = { index, line: at.line, problemId, completion, field };
  if (row.language != null) {
    if (typeof row.language !== "string") return fail("language", `expected a string, got ${describe(row.language)}`);
    const language = parseLanguage(row.language);
    if (!language) return fail("language", describeUnknownLanguage(row.language));
    record.language = language;
  }
  if (row.model != null) {
    if (typeof row.model !== "string") return fail("model", `expected a string, got ${describe(row.model)}`);
    record.model = row.model;
  }
  if (row.truncated != null && typeof row.truncated !== "boolean") {
    return fail("truncated", `expected a boolean, got ${describe(row.truncated)}`);
  }
  if (row.truncated === true || row.finish_reason === "length") record.truncated = true;
  return record;
}

/** The one of two alternative keys that is present (null when neither); both with different values is an error. */
function pickOne<A extends string, B extends string>(
  row: Record<string, unknown>,
  a: A,
  b: B,
  fail: (field: string, detail: string) => never,
): [A | B | null, unknown] {
  const hasA = row[a] != null;
  const hasB = row[b] != null;
  if (hasA && hasB && row[a] !== row[b]) return fail(b, `both '${a}' and '${b}' are given and differ; keep one`);
  if (hasA) return [a, row[a]];
  if (hasB) return [b, row[b]];
  return [null, undefined];
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}
