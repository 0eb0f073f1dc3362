/**
 * The local backend's cache format. Its compiled programs, checked Python sources, precompiled
 * headers and the sandbox-init helper are entries of the shared content-addressed store
 * (judges/cache-store.ts), keyed with this format among their parts.
 *
 * Bumped when the layout or meaning of cache entries changes. 2: programs over MAX_PROGRAM_BYTES are
 * compile errors, so entries of format 1 may hold binaries that must no longer be served.
 */
export const CACHE_FORMAT = "codejudge-local-2";
