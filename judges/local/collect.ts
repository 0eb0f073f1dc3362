/**
 * Reading files back out of a run's scratch folder (RunInput.collect): a file-IO problem's output
 * file, an interactor's output. The folder belonged to the untrusted program, so a name may now be
 * a symbolic link to a host file, a FIFO that blocks a reader, or a huge file: only regular files
 * are read, opened without following links and without blocking, and never past the output limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { SandboxError } from "../types.ts";

export interface Collected {
  files: Record<string, string>;
  /** A collected file was larger than the limit (the run is then an output-limit failure). */
  overLimit: boolean;
}

/** Throws unless every name is a plain file name: folders could be swapped for links by the program. */
export function assertCollectNames(names: string[]): void {
  for (const name of names) {
    if (typeof name !== "string" || name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\0")) {
      throw new SandboxError(`RunInput.collect: ${JSON.stringify(name)} must be a plain file name`, "internal");
    }
  }
}

/** Reads the regular files among `names` in `dir`, each up to `maxBytes`. */
export function collectFiles(dir: string, names: string[], maxBytes: number): Collected {
  const files: Record<string, string> = {};
  let overLimit = false;
  for (const name of names) {
    const read = readRegularFile(join(dir, name), maxBytes);
    if (read === "over") overLimit = true;
    else if (read !== null) files[name] = read;
  }
  return { files, overLimit };
}

function readRegularFile(path: string, maxBytes: number): string | "over" | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null; // absent, a link (ELOOP), or unreadable: the program did not leave that file
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    if (stat.size > maxBytes) return "over";
    const buffer = Buffer.alloc(stat.size);
    let got = 0;
    while (got < buffer.length) {
      const n = readSync(fd, buffer, got, buffer.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buffer.subarray(0, got).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
