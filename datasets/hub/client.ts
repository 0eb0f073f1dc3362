/**
 * The Hub calls a pull makes, as huggingface_hub's snapshot_download makes them:
 *   GET {endpoint}/api/datasets/{repo_id}/revision/{revision}        -> {sha, ...}: which commit
 *   GET {endpoint}/api/datasets/{repo_id}/tree/{sha}?recursive=true  -> the files, page by page
 *       ([{type: "file"|"directory", path, size, oid, lfs?: {oid: sha256, size}}], next page in
 *       the `Link` header). The revision call's `siblings` list is not used: the Hub truncates it
 *       for large repos.
 *   GET {endpoint}/datasets/{repo_id}/resolve/{sha}/{path}          (redirects to storage; honours Range)
 * The revision is one URL segment, so `refs/convert/parquet` is sent percent-encoded.
 */
import { z } from "zod";
import { badAnswer, fetchJsonWithResponse } from "./http.ts";
import type { RemoteFile } from "./manifest.ts";
import { COMMIT_SHA } from "./repo-id.ts";
import type { HubSettings } from "./settings.ts";
import { listRepoTree } from "./tree.ts";

export { requestWithRetries, HubUnreachableError } from "./http.ts";

/** What a revision resolved to. */
export interface RevisionInfo {
  sha: string;
  files: RemoteFile[];
}

const revisionSchema = z.looseObject({ sha: z.string().regex(COMMIT_SHA, "expected a 40-character commit sha") });

/** Asks the Hub which commit `revision` is, then which files that commit holds. */
export async function fetchRevisionInfo(settings: HubSettings, repoId: string, revision: string): Promise<RevisionInfo> {
  const url = `${settings.endpoint}/api/datasets/${repoId}/revision/${encodeURIComponent(revision)}`;
  const { body } = await fetchJsonWithResponse(settings, url, `${repoId}@${revision}`);
  const parsed = revisionSchema.safeParse(body);
  if (!parsed.success) throw badAnswer(`${repoId}@${revision}`, parsed.error);
  const sha = parsed.data.sha;
  return { sha, files: await listRepoTree(settings, repoId, sha) };
}

/** URL of one file of a snapshot. */
export function resolveUrl(settings: HubSettings, repoId: string, sha: string, path: string): string {
  return `${settings.endpoint}/datasets/${repoId}/resolve/${sha}/${path.split("/").map(encodeURIComponent).join("/")}`;
}
