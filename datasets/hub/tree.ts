/**
 * Every file of a commit, from the Hub's recursive tree API, following the `Link: <…>; rel="next"`
 * header from page to page as huggingface_hub's paginate() does (the next URL carries its own
 * query). Directories are listed too and skipped.
 */
import { z } from "zod";
import { checkRepoPath } from "./cache.ts";
import { badAnswer, fetchJsonWithResponse } from "./http.ts";
import { HubError } from "./errors.ts";
import type { RemoteFile } from "./manifest.ts";
import type { HubSettings } from "./settings.ts";

const entrySchema = z.looseObject({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().nullish(),
  lfs: z.looseObject({ oid: z.string().nullish(), size: z.number().nullish() }).nullish(),
});
const pageSchema = z.array(entrySchema);

/** Pages followed at most: far more than the largest dataset repo needs, but never endless. */
const MAX_PAGES = 10_000;

/** The files of `repoId` at commit `sha`, in the order the Hub lists them. */
export async function listRepoTree(settings: HubSettings, repoId: string, sha: string): Promise<RemoteFile[]> {
  const what = `${repoId}@${sha.slice(0, 12)} (file list)`;
  const files: RemoteFile[] = [];
  let url: string | null = `${settings.endpoint}/api/datasets/${repoId}/tree/${sha}?recursive=true`;
  for (let page = 0; url !== null; page++) {
    if (page === MAX_PAGES) throw new HubError(`${what}: more than ${MAX_PAGES} pages`, "bad_response");
    const { body, res } = await fetchJsonWithResponse(settings, url, what);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw badAnswer(what, parsed.error);
    for (const e of parsed.data) {
      if (e.type !== "file") continue;
      files.push({ path: checkRepoPath(e.path), size: e.lfs?.size ?? e.size ?? null, sha256: e.lfs?.oid?.toLowerCase() ?? null });
    }
    url = nextPage(res.headers.get("link"), url);
  }
  return files;
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the current URL; null when none. */
export function nextPage(link: string | null, current: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?/i.test(m[2] ?? "")) return new URL(m[1] ?? "", current).toString();
  }
  return null;
}
