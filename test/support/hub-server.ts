/**
 * A Hugging Face Hub stand-in on loopback: a real HTTP server answering the calls a dataset pull
 * makes, in the Hub's URL layout and with its habits —
 *   GET /api/datasets/:org/:name/revision/:rev   -> {sha, siblings: [...]}, siblings cut at 1000
 *       entries as the Hub cuts them for large repos
 *   GET /api/datasets/:org/:name/tree/:rev?recursive=true -> [{type, path, size, oid, lfs?}], pages
 *       of `treePageSize` entries, the next page's URL in `Link: <…>; rel="next"`
 *   GET /datasets/:org/:name/resolve/:rev/*path   -> the file's bytes (Range honoured)
 * Refusals carry the Hub's `X-Error-Code` / `X-Error-Message`: an unknown repo is 401 `RepoNotFound`
 * without a token (404 with one), an unknown revision 404 `RevisionNotFound`, a missing file 404
 * `EntryNotFound`, a gated repo's files 401/403 `GatedRepo`. Repos hold commits that branches and
 * tags point at and can be moved, the bearer token is checked when one is configured, and outages
 * (503s, 429 with Retry-After, transfers cut short or stalled) can be switched on.
 */
import { createHash } from "node:crypto";

export interface HubServerOptions {
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * Answer downloads of LFS files (parquet, arrow, gz) with a 302 to a second server on another
   * port, as the Hub sends them to its storage; that server needs no token.
   */
  lfsRedirect?: boolean;
  /** Entries per page of the tree API (default 1000). */
  treePageSize?: number;
}

export interface HubRequest {
  /** `storage`: a request to the server LFS downloads are redirected to. */
  kind: "revision" | "tree" | "resolve" | "storage" | "other";
  path: string;
  /** Query string, with its `?` ("" when none). */
  search: string;
  acceptEncoding: string | null;
  authorization: string | null;
  range: string | null;
  status: number;
}

export interface HubServer {
  /** Base URL, as HF_ENDPOINT takes it. */
  url: string;
  requests: HubRequest[];
  /** Adds a commit holding exactly `files` and points `branch` (default main) at it; returns its sha. */
  commit(repoId: string, files: Record<string, string | Uint8Array>, opts?: { branch?: string; tags?: string[] }): string;
  /** Bytes of a file at a revision, as served. */
  fileBytes(repoId: string, revision: string, path: string): Uint8Array;
  /** Every request is answered with this status (e.g. 503) until set back to null. */
  setOutage(status: number | null): void;
  /** The next `count` file transfers stop after `bytes` bytes, as a dropped connection would. */
  cutTransfers(bytes: number, count?: number): void;
  /** The next `count` file transfers send `bytes` bytes and then nothing, holding the connection open. */
  stallTransfers(bytes: number, count?: number): void;
  /** The next `count` requests are answered 429 with `Retry-After: seconds`. */
  rateLimit(count: number, seconds: number): void;
  /** Makes a repo gated: its metadata stays readable, its files need accepted conditions (never, here). */
  gate(repoId: string): void;
  /** Serves other bytes than those listed for `path` (the listing's sha256 stays the true one). */
  tamper(path: string, bytes: string | Uint8Array | null): void;
  stop(): Promise<void>;
}

interface Repo {
  commits: Map<string, Map<string, Uint8Array>>;
  refs: Map<string, string>;
}

const LFS_FILE = /\.(parquet|arrow|gz)$/;

/** Starts the Hub stand-in on 127.0.0.1 with an ephemeral port. */
export function startHubServer(opts: HubServerOptions = {}): HubServer {
  const repos = new Map<string, Repo>();
  const requests: HubRequest[] = [];
  const tampered = new Map<string, Uint8Array>();
  let outage: number | null = null;
  let cut: { bytes: number; count: number } | null = null;
  let stalled: { bytes: number; count: number } | null = null;
  let limited: { count: number; seconds: number } | null = null;
  const gated = new Set<string>();
  const pageSize = opts.treePageSize ?? 1000;
  // Stalled streams, closed when the server stops so nothing outlives a test.
  const held: ReadableStreamDefaultController<Uint8Array>[] = [];
  let commits = 0;

  const lookup = (repoId: string, rev: string): { sha: string; files: Map<string, Uint8Array> } | null => {
    const repo = repos.get(repoId);
    const sha = repo?.refs.get(rev) ?? (repo?.commits.has(rev) ? rev : undefined);
    const files = sha ? repo?.commits.get(sha) : undefined;
    return sha && files ? { sha, files } : null;
  };

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const url = new URL(req.url);
      const segments = url.pathname.split("/").slice(1).map(decodeURIComponent);
      const kind = segments[0] === "api" ? (segments[4] === "tree" ? "tree" : "revision") : segments[3] === "resolve" ? "resolve" : "other";
      const authorization = req.headers.get("authorization");
      const record = (res: Response): Response => {
        requests.push({ kind, path: url.pathname, search: url.search, acceptEncoding: req.headers.get("accept-encoding"), authorization, range: req.headers.get("range"), status: res.status });
        return res;
      };
      if (outage !== null) return record(Response.json({ error: "simulated outage" }, { status: outage }));
      if (limited && limited.count > 0) {
        limited.count--;
        return record(hubError(429, null, "You have exceeded our rate limit", { "retry-after": String(limited.seconds) }));
      }
      if (opts.token !== undefined && authorization !== `Bearer ${opts.token}`) {
        // As the Hub: a private repo asked for without a token is not found; a wrong token is invalid.
        if (authorization === null) return record(hubError(401, "RepoNotFound", "Repository not found"));
        return record(hubError(401, null, "Invalid credentials in Authorization header"));
      }
      const repoId = kind === "resolve" ? `${segments[1]}/${segments[2]}` : `${segments[2]}/${segments[3]}`;
      const known = repos.has(repoId);
      if ((kind === "revision" || kind === "tree" || kind === "resolve") && !known) {
        return record(hubError(authorization === null ? 401 : 404, "RepoNotFound", "Repository not found"));
      }
      // /api/datasets/:org/:name/revision/:rev
      if (kind === "revision" && segments[1] === "datasets" && segments[4] === "revision" && segments.length === 6) {
        const found = lookup(repoId, segments[5] ?? "");
        if (!found) return record(hubError(404, "RevisionNotFound", `Invalid rev id: ${segments[5]}`));
        return record(Response.json(revisionBody(repoId, found.sha, found.files)));
      }
      // /api/datasets/:org/:name/tree/:rev
      if (kind === "tree" && segments[1] === "datasets" && segments.length === 6) {
        const found = lookup(repoId, segments[5] ?? "");
        if (!found) return record(hubError(404, "RevisionNotFound", `Invalid rev id: ${segments[5]}`));
        const entries = treeEntries(found.files, url.searchParams.get("recursive") === "true");
        const from = Number(url.searchParams.get("cursor") ?? "0");
        const page = entries.slice(from, from + pageSize);
        const headers: Record<string, string> = {};
        if (from + pageSize < entries.length) {
          const next = new URL(url);
          next.searchParams.set("cursor", String(from + pageSize));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        return record(Response.json(page, { headers }));
      }
      // /datasets/:org/:name/resolve/:rev/*path
      if (kind === "resolve" && segments[0] === "datasets" && segments.length >= 6) {
        const found = lookup(repoId, segments[4] ?? "");
        if (!found) return record(hubError(404, "RevisionNotFound", `Invalid rev id: ${segments[4]}`));
        if (gated.has(repoId)) {
          const message = `Access to dataset ${repoId} is restricted. You must have access to it and be authenticated to access it. Please log in.`;
          return record(hubError(authorization === null ? 401 : 403, "GatedRepo", message));
        }
        const path = segments.slice(5).join("/");
        const bytes = tampered.get(path) ?? found.files.get(path);
        if (!bytes) return record(hubError(404, "EntryNotFound", `${path} does not exist on "${segments[4]}"`));
        if (storage && LFS_FILE.test(path)) {
          const key = createHash("sha256").update(bytes).digest("hex");
          blobs.set(key, bytes);
          return record(new Response(null, { status: 302, headers: { location: `${storage.url}/blobs/${key}?signature=test`, "x-repo-commit": found.sha } }));
        }
        return record(serveBytes(bytes, req.headers.get("range"), found.sha));
      }
      return record(new Response("not found", { status: 404 }));
    },
  });

  // The storage host LFS downloads are redirected to: another origin, no token check.
  const blobs = new Map<string, Uint8Array>();
  const storageServer = opts.lfsRedirect
    ? Bun.serve({
        hostname: "127.0.0.1",
        port: 0,
        fetch(req) {
          const url = new URL(req.url);
          const bytes = blobs.get(url.pathname.replace(/^\/blobs\//, ""));
          const res = bytes ? serveBytes(bytes, req.headers.get("range"), "") : new Response("no such blob", { status: 404 });
          requests.push({
            kind: "storage",
            path: url.pathname,
            search: url.search,
            acceptEncoding: req.headers.get("accept-encoding"),
            authorization: req.headers.get("authorization"),
            range: req.headers.get("range"),
            status: res.status,
          });
          return res;
        },
      })
    : null;
  const storage = storageServer ? { url: `http://127.0.0.1:${storageServer.port}` } : null;

  const serveBytes = (bytes: Uint8Array, range: string | null, sha: string): Response => {
    let start = 0;
    let status = 200;
    const headers: Record<string, string> = { "x-repo-commit": sha, "accept-ranges": "bytes" };
    const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
    if (m) {
      start = Number(m[1]);
      if (start >= bytes.length) {
        return new Response(null, { status: 416, headers: { "content-range": `bytes */${bytes.length}` } });
      }
      status = 206;
      headers["content-range"] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    }
    const body = bytes.subarray(start);
    headers["content-length"] = String(body.length);
    if (stalled && stalled.count > 0) {
      stalled.count--;
      const keep = body.subarray(0, Math.min(stalled.bytes, body.length));
      // Send part of the body, then nothing: the connection stays open, as a stalled transfer's does.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(keep.slice());
          held.push(controller);
        },
      });
      return new Response(stream, { status, headers });
    }
    if (cut && cut.count > 0) {
      cut.count--;
      const keep = body.subarray(0, Math.min(cut.bytes, body.length));
      // Send part of the body and end it early under a Content-Length promising more: the client
      // sees the connection drop mid-transfer.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(keep);
          controller.close();
        },
      });
      return new Response(stream, { status, headers });
    }
    return new Response(body.slice(), { status, headers });
  };

  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    commit(repoId, files, o = {}) {
      const repo = repos.get(repoId) ?? { commits: new Map(), refs: new Map() };
      repos.set(repoId, repo);
      const content = new Map(Object.entries(files).map(([p, b]) => [p, typeof b === "string" ? new TextEncoder().encode(b) : b]));
      const sha = createHash("sha1").update(`${repoId}\u0000${++commits}\u0000${[...content.keys()].join(",")}`).digest("hex");
      repo.commits.set(sha, content);
      repo.refs.set(o.branch ?? "main", sha);
      for (const tag of o.tags ?? []) repo.refs.set(tag, sha);
      return sha;
    },
    fileBytes(repoId, revision, path) {
      const bytes = lookup(repoId, revision)?.files.get(path);
      if (!bytes) throw new Error(`no ${path} in ${repoId}@${revision}`);
      return bytes;
    },
    setOutage(status) {
      outage = status;
    },
    cutTransfers(bytes, count = 1) {
      cut = { bytes, count };
    },
    stallTransfers(bytes, count = 1) {
      stalled = { bytes, count };
    },
    rateLimit(count, seconds) {
      limited = { count, seconds };
    },
    gate(repoId) {
      gated.add(repoId);
    },
    tamper(path, bytes) {
      if (bytes === null) tampered.delete(path);
      else tampered.set(path, typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
    },
    stop: async () => {
      for (const c of held.splice(0)) {
        try {
          c.close();
        } catch {
          // already cancelled by the client
        }
      }
      await server.stop(true);
      await storageServer?.stop(true);
    },
  };
}

/** A refusal as the Hub words it: JSON body, `X-Error-Code` when the Hub sets one, `X-Error-Message`. */
function hubError(status: number, code: string | null, message: string, extra: Record<string, string> = {}): Response {
  const headers: Record<string, string> = { "x-error-message": message, ...extra };
  if (code) headers["x-error-code"] = code;
  return Response.json({ error: message }, { status, headers });
}

/** The Hub cuts the revision endpoint's sibling list for large repos; the tree API has them all. */
const SIBLINGS_LIMIT = 1000;

/** Tree API entries: folders then files, as `recursive` asks (only the top level without it). */
function treeEntries(files: Map<string, Uint8Array>, recursive: boolean): Record<string, unknown>[] {
  const dirs = new Set<string>();
  for (const path of files.keys()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const top = (p: string) => recursive || !p.includes("/");
  const folders = [...dirs].filter(top).sort().map((path) => ({ type: "directory", oid: createHash("sha1").update(path).digest("hex"), size: 0, path }));
  const blobs = [...files.entries()].filter(([p]) => top(p)).map(([path, bytes]) => ({
    type: "file",
    oid: createHash("sha1").update(bytes).digest("hex"),
    size: bytes.length,
    path,
    ...(LFS_FILE.test(path) ? { lfs: { oid: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, pointerSize: 134 } } : {}),
  }));
  return [...folders, ...blobs];
}

/** The revision endpoint's body with `blobs=true`: sizes for every file, LFS pointers for big ones. */
function revisionBody(repoId: string, sha: string, files: Map<string, Uint8Array>): Record<string, unknown> {
  const siblings = [...files.entries()].slice(0, SIBLINGS_LIMIT).map(([rfilename, bytes]) => ({
    rfilename,
    size: bytes.length,
    blobId: createHash("sha1").update(bytes).digest("hex"),
    ...(LFS_FILE.test(rfilename)
      ? { lfs: { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, pointerSize: 134 } }
      : {}),
  }));
  return { _id: sha.slice(0, 24), id: repoId, sha, private: false, gated: false, disabled: false, lastModified: new Date(0).toISOString(), siblings };
}
