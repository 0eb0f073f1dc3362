/**
 * The Hub token, found where huggingface_hub looks for it, in its order: `HF_TOKEN`, then the
 * older `HUGGING_FACE_HUB_TOKEN`, then the token file that `hf auth login` writes: `HF_TOKEN_PATH`,
 * else `$HF_HOME/token`, else `$XDG_CACHE_HOME/huggingface/token`, else `~/.cache/huggingface/token`.
 * Only the given environment is read (never the process's own), so tests stay hermetic.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface HubToken {
  token: string;
  /** Where it came from, for error messages: `HF_TOKEN` or the file's path. */
  source: string;
}

/** Line breaks and surrounding spaces removed; empty means no token (as huggingface_hub cleans it). */
function cleanToken(raw: string | undefined): string | undefined {
  const t = raw?.replace(/[\r\n]/g, "").trim();
  return t ? t : undefined;
}

/** The path of the token file for this environment, or null when it names no home at all. */
export function tokenFilePath(env: Record<string, string | undefined>): string | null {
  if (env.HF_TOKEN_PATH?.trim()) return env.HF_TOKEN_PATH.trim();
  if (env.HF_HOME?.trim()) return join(env.HF_HOME.trim(), "token");
  if (env.XDG_CACHE_HOME?.trim()) return join(env.XDG_CACHE_HOME.trim(), "huggingface", "token");
  if (env.HOME?.trim()) return join(env.HOME.trim(), ".cache", "huggingface", "token");
  return null;
}

/** The token to send, or undefined when there is none. */
export function readHubToken(env: Record<string, string | undefined>): HubToken | undefined {
  for (const name of ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"]) {
    const token = cleanToken(env[name]);
    if (token) return { token, source: name };
  }
  const path = tokenFilePath(env);
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined; // not logged in
  }
  const token = cleanToken(text);
  return token ? { token, source: path } : undefined;
}
