/**
 * Access rule of every server that runs submitted code (`serve --piston`, `serve --rewards`): such a
 * server is a target, so it binds to loopback by default, and binding anywhere else needs a bearer
 * token (or an explicit `--insecure`). Tokens are compared in constant time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { UsageError } from "../judges/errors.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface AccessOptions {
  host: string;
  /** `--token`; else the environment variable `tokenEnv`. */
  token?: string;
  tokenEnv: string;
  insecure?: boolean;
  env?: Record<string, string | undefined>;
}

/**
 * The token a server must require (null: none). Refuses to start (UsageError) a server bound beyond
 * loopback without a token unless `insecure` is set.
 */
export function resolveServerToken(o: AccessOptions): string | null {
  // An empty value (an unset variable exported as "") is no token.
  const token = o.token || (o.env ?? process.env)[o.tokenEnv] || null;
  if (token !== null && token.length < 16) throw new UsageError(`the access token (--token or ${o.tokenEnv}) must be at least 16 characters`);
  if (!token && !isLoopbackHost(o.host) && !o.insecure) {
    throw new UsageError(
      `refusing to listen on ${o.host} without an access token: this server runs submitted code. ` +
        `Give --token (or ${o.tokenEnv}), bind to 127.0.0.1, or pass --insecure to accept the risk`,
    );
  }
  return token;
}

/** Whether an Authorization header carries `Bearer <token>`; constant time in the token's content. */
export function bearerMatches(header: string | undefined | null, token: string): boolean {
  const given = header?.startsWith("Bearer ") ? header.slice(7).trim() : "";
  // Hashing first gives equal-length buffers, so neither the length nor a prefix leaks through timing.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}
