/**
 * Where a warm run's init finds its program (bound read-only at /prog). A program this zygote has
 * run before (the function-mode driver and tester run for every sample) gets one folder in the
 * zygote's request tmpfs, `progs/<key>`, shared by its later runs: copied once, with its cached
 * .pyc files once they exist, instead of a copy per job (~0.9 ms of the harness's thread per job,
 * two programs a pair). A program seen once is copied into the job's folder as before, so one-off
 * programs (stdio candidates) leave nothing behind. The zygote serves one job at a time and the
 * runs see the folder read-only, so nothing changes under a running job.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { LocalProgramHandle } from "../run.ts";
import { REQ_DEST, type Zygote } from "./zygote.ts";

/** Shared program folders kept per zygote (each a few KiB), the oldest removed first. */
const MAX_SHARED = 32;

const shared = new WeakMap<Zygote, string[]>();

/** The program's cache key (the compile cache's content hash), or null when it has none. */
function cacheKeyOf(handle: LocalProgramHandle): string | null {
  const key = basename(dirname(handle.programDir));
  return /^[0-9a-f]{16,128}$/.test(key) ? key : null;
}

/**
 * Places the job's program: returns the folder the init binds at /prog (its path inside the zygote's
 * sandbox) and, when this run should write the program's .pyc files, where (see placeCachedCode).
 */
export function placeProgram(zygote: Zygote, handle: LocalProgramHandle, jobDir: string, jobDest: string): { prog: string; pycWrite: string | null } {
  const key = cacheKeyOf(handle);
  const cachedPyc = key ? join(zygote.pycDir, key) : null;
  if (key && cachedPyc && zygote.seenPrograms.has(key)) {
    const dir = join(zygote.reqDir, "progs", key);
    if (!existsSync(dir)) {
      cpSync(handle.programDir, dir, { recursive: true });
      remember(zygote, key);
    }
    if (existsSync(cachedPyc) && !existsSync(join(dir, "__pycache__"))) cpSync(cachedPyc, join(dir, "__pycache__"), { recursive: true });
    return { prog: `${REQ_DEST}/progs/${key}`, pycWrite: existsSync(cachedPyc) ? null : `/pyc/${key}` };
  }
  if (key) zygote.seenPrograms.add(key);
  cpSync(handle.programDir, join(jobDir, "prog"), { recursive: true });
  return { prog: `${jobDest}/prog`, pycWrite: null };
}

function remember(zygote: Zygote, key: string): void {
  const keys = shared.get(zygote) ?? [];
  shared.set(zygote, keys);
  keys.push(key);
  while (keys.length > MAX_SHARED) {
    const oldest = keys.shift();
    if (oldest) rmSync(join(zygote.reqDir, "progs", oldest), { recursive: true, force: true });
  }
}
