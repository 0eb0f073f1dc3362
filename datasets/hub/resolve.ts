/** Looks a pulled dataset up in the local cache, never touching the network. */
import { existsSync, statSync } from "node:fs";
import { sha256File } from "../sha256.ts";
import { HubError } from "./errors.ts";
import { cachedFilePath, listPinnedRevisions, manifestPath, readPinnedSha } from "./cache.ts";
import { findCachedFile, readManifest } from "./manifest.ts";
import { DEFAULT_REVISION, hubDatasetId, parseRepoId, parseRevision } from "./repo-id.ts";
import { selectDataFiles } from "./select.ts";
import { DEFAULT_HUB_CACHE } from "./settings.ts";
import { hashSelection, type PulledDataset, type SnapshotFile } from "./snapshot.ts";

export interface ResolveOptions {
  revision?: string;
  config?: string;
  split?: string;
  /** Re-hash every selected file and compare with the manifest. */
  verify?: boolean;
  /** Cache root; default `HARNESS_HUB_CACHE` or `.harness/hub`. */
  cacheDir?: string;
  /** Said in errors to explain why the cache is being used. */
  reason?: string;
}

/**
 * The cached files of a dataset pulled earlier, pinned to the sha its revision resolved to at the
 * last pull. Throws HubError naming what is missing or corrupted.
 */
export async function resolvePulledDataset(repoId: string, opts: ResolveOptions = {}): Promise<PulledDataset> {
  parseRepoId(repoId);
  const revision = parseRevision(opts.revision ?? DEFAULT_REVISION);
  const cacheDir = opts.cacheDir ?? (process.env.HARNESS_HUB_CACHE?.trim() || DEFAULT_HUB_CACHE);
  const because = opts.reason ? ` (${opts.reason})` : "";
  const sha = readPinnedSha(cacheDir, repoId, revision);
  if (!sha) {
    const pinned = listPinnedRevisions(cacheDir, repoId);
    const known = pinned.length > 0 ? `cached revisions: ${pinned.join(", ")}` : "nothing of this repo is cached";
    throw new HubError(`${repoId}@${revision} is not in the cache at ${cacheDir}${because}; ${known}. Pull it while online first: bun run datasets pull ${repoId}${revision === "main" ? "" : ` --revision ${revision}`}`, "not_cached");
  }
  const mpath = manifestPath(cacheDir, repoId, sha);
  const manifest = readManifest(mpath);
  if (!manifest) throw new HubError(`${repoId}@${revision} is pinned to ${sha} but ${mpath} is missing${because}; pull it again`, "not_cached");
  const sel = { config: opts.config, split: opts.split };
  const wanted = selectDataFiles(manifest.remote_files.map((f) => f.path), sel);
  if (wanted.length === 0) throw noMatch(repoId, sha, sel, manifest.remote_files.map((f) => f.path));

  const files: SnapshotFile[] = [];
  const missing: string[] = [];
  for (const path of wanted) {
    const entry = findCachedFile(manifest, path);
    const localPath = cachedFilePath(cacheDir, repoId, sha, path);
    if (!entry || !existsSync(localPath) || statSync(localPath).size !== entry.size) missing.push(path);
    else files.push({ path, localPath, size: entry.size, sha256: entry.sha256 });
  }
  if (missing.length > 0) {
    throw new HubError(
      `${missing.length} of ${wanted.length} files of ${repoId}@${sha.slice(0, 12)}${describeSelection(sel)} are not in the cache${because}: ` +
        `${missing.join(", ")}. Pull again while online to fetch them.`,
      "missing_files",
      missing,
    );
  }
  if (opts.verify) await verifyFiles(repoId, sha, files);
  return {
    repoId,
    revision,
    sha,
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.split ? { split: opts.split } : {}),
    datasetId: hubDatasetId({ repoId, ...sel }),
    files,
    datasetSha256: hashSelection(files),
    manifest,
    manifestPath: mpath,
  };
}

/** Re-hashes cached files; throws HubError("integrity") naming every file whose bytes changed. */
export async function verifyFiles(repoId: string, sha: string, files: readonly SnapshotFile[]): Promise<void> {
  const bad: string[] = [];
  const details: string[] = [];
  for (const f of files) {
    const actual = await sha256File(f.localPath);
    if (actual !== f.sha256) {
      bad.push(f.path);
      details.push(`${f.path} (sha256 ${actual}, manifest says ${f.sha256})`);
    }
  }
  if (bad.length > 0) {
    throw new HubError(
      `cached files of ${repoId}@${sha.slice(0, 12)} are corrupted: ${details.join("; ")}. Pull again while online to repair them.`,
      "integrity",
      bad,
    );
  }
}

/** Error for a selection that matches no data file, listing what there is. */
export function noMatch(repoId: string, sha: string, sel: { config?: string; split?: string }, paths: string[]): HubError {
  const data = selectDataFiles(paths, {});
  const listing = data.length > 0 ? `its data files: ${data.slice(0, 20).join(", ")}${data.length > 20 ? ", ..." : ""}` : "it has no data files";
  return new HubError(`no file of ${repoId}@${sha.slice(0, 12)} matches${describeSelection(sel) || " (no selection)"}; ${listing}`, "no_match");
}

function describeSelection(sel: { config?: string; split?: string }): string {
  const parts = [sel.config ? `config=${sel.config}` : "", sel.split ? `split=${sel.split}` : ""].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}
