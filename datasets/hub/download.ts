/**
 * Downloads one Hub file into the cache: bytes go to a partial file that survives interruptions,
 * a later attempt asks for the rest with `Range`, and only a complete file whose size (and sha256,
 * when the Hub publishes one) checks out is renamed into the snapshot.
 */
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { sha256File } from "../sha256.ts";
import { HubError } from "./errors.ts";
import { resolveUrl } from "./client.ts";
import { HubUnreachableError, requestWithRetries } from "./http.ts";
import { partialFilePath } from "./cache.ts";
import type { RemoteFile } from "./manifest.ts";
import type { HubSettings } from "./settings.ts";

export interface DownloadTarget {
  repoId: string;
  sha: string;
  remote: RemoteFile;
  /** Final place of the file in the snapshot. */
  dest: string;
}

export interface DownloadOutcome {
  size: number;
  sha256: string;
  /** Bytes that were already on disk from an interrupted attempt. */
  resumedFrom: number;
}

/** Downloads a file, resuming a partial one; throws HubUnreachableError when the transfer keeps failing. */
export async function downloadToCache(settings: HubSettings, cacheDir: string, t: DownloadTarget): Promise<DownloadOutcome> {
  const partial = partialFilePath(cacheDir, t.repoId, t.sha, t.remote.path);
  await mkdir(dirname(partial), { recursive: true });
  const resumedFrom = await sizeOf(partial);
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= settings.retries; attempt++) {
    try {
      await fetchRemainder(settings, t, partial);
      lastError = null;
      break;
    } catch (err) {
      if (!(err instanceof HubUnreachableError)) throw err;
      lastError = err;
    }
  }
  if (lastError) throw lastError;
  const size = await sizeOf(partial);
  if (t.remote.size !== null && size !== t.remote.size) {
    await rm(partial, { force: true });
    throw new HubError(`${t.remote.path}: downloaded ${size} bytes, the Hub listed ${t.remote.size}`, "bad_response", [t.remote.path]);
  }
  const sha256 = await sha256File(partial);
  if (t.remote.sha256 !== null && sha256 !== t.remote.sha256) {
    await rm(partial, { force: true });
    throw new HubError(
      `${t.remote.path}: downloaded bytes have sha256 ${sha256}, the Hub published ${t.remote.sha256}`,
      "integrity",
      [t.remote.path],
    );
  }
  await mkdir(dirname(t.dest), { recursive: true });
  await rename(partial, t.dest);
  return { size, sha256, resumedFrom };
}

/**
 * One attempt: asks for the bytes after what the partial file holds and appends them. A transfer
 * that receives nothing for `downloadTimeoutMs` (waiting for the answer or mid-body) is abandoned
 * as unreachable, so the caller retries it and the next attempt resumes with Range.
 */
async function fetchRemainder(settings: HubSettings, t: DownloadTarget, partial: string): Promise<void> {
  const what = `${t.repoId}@${t.sha.slice(0, 12)}:${t.remote.path}`;
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), settings.downloadTimeoutMs);
  };
  rearm();
  try {
    await transfer(settings, t, partial, what, stall.signal, rearm);
  } catch (err) {
    if (!stall.signal.aborted || err instanceof HubUnreachableError) throw err;
    throw new HubUnreachableError(`${what}: the transfer stalled (no data for ${settings.downloadTimeoutMs / 1000} s)`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

async function transfer(settings: HubSettings, t: DownloadTarget, partial: string, what: string, signal: AbortSignal, onData: () => void): Promise<void> {
  let offset = await sizeOf(partial);
  if (t.remote.size !== null && offset > t.remote.size) {
    await rm(partial, { force: true });
    offset = 0;
  }
  if (t.remote.size !== null && offset === t.remote.size && offset > 0) return;
  const url = resolveUrl(settings, t.repoId, t.sha, t.remote.path);
  // identity: the bytes as stored, so their size and sha256 are the ones the Hub lists (as huggingface_hub asks).
  const ask = (from: number) => ({ headers: { "accept-encoding": "identity", ...(from > 0 ? { range: `bytes=${from}-` } : {}) }, signal });
  let res = await requestWithRetries(settings, url, ask(offset), what);
  if (res.status === 416) {
    // The server will not serve our range: the partial file is not a prefix it knows. Start over.
    await res.body?.cancel();
    await rm(partial, { force: true });
    offset = 0;
    res = await requestWithRetries(settings, url, ask(0), what);
  }
  onData();
  const append = res.status === 206 && contentRangeStart(res) === offset;
  if (res.status === 206 && !append) {
    await res.body?.cancel();
    throw new HubError(`${what}: the Hub answered a range other than the one asked for`, "bad_response", [t.remote.path]);
  }
  const expected = Number(res.headers.get("content-length") ?? Number.NaN);
  let received = 0;
  const file = await open(partial, append ? "a" : "w");
  try {
    if (res.body) {
      for await (const chunk of res.body) {
        onData();
        await file.write(chunk);
        received += chunk.byteLength;
      }
    }
  } catch (err) {
    if (signal.aborted) throw err;
    throw new HubUnreachableError(`${what}: the transfer broke off: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await file.close();
  }
  if (Number.isFinite(expected) && received < expected) {
    throw new HubUnreachableError(`${what}: the transfer broke off after ${received} of ${expected} bytes`);
  }
  const have = await sizeOf(partial);
  if (t.remote.size !== null && have < t.remote.size) {
    throw new HubUnreachableError(`${what}: the transfer broke off after ${have} of ${t.remote.size} bytes`);
  }
}

function contentRangeStart(res: Response): number | null {
  const m = /^bytes (\d+)-/.exec(res.headers.get("content-range") ?? "");
  return m ? Number(m[1]) : null;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
