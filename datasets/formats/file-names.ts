/**
 * File names a file-IO problem may use (`input_file`, `output_file`): plain names in the program's
 * working folder. The judge writes the input there and reads the output back from there, and only
 * a name without folders can be read back safely (a folder could be a link the program made).
 */
import type { RowLocation } from "../types.ts";
import { failField } from "./parse-row.ts";

/** The trimmed name, or a DatasetError naming the field when it is not a plain file name. */
export function readPlainFileName(value: string, at: RowLocation, field: string): string {
  const name = value.trim();
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\\") || name.includes("\0")) {
    return failField(at, field, `${JSON.stringify(value)} is not a plain file name (no folders): the judge writes and reads it in the program's working folder`);
  }
  return name;
}
