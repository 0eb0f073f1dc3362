/**
 * Reads a fleet's endpoints file (the format `--judge-opt endpoints-file=` takes: "URL [concurrency]"
 * a line, # comments) and probes each server's /health, so a submitter can wait until the fleet
 * answers before starting an eval that would otherwise find no endpoint.
 */
import { readFileSync } from "node:fs";

/** The URLs listed in `path`; an absent file lists none (the fleet has not started yet). */
export function readEndpointUrls(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

/** Whether `url`/health answers 200 within `timeoutMs` (/health is never behind the token). */
export async function isHealthy(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** The listed endpoints that answer /health now. */
export async function healthyEndpoints(path: string): Promise<string[]> {
  const urls = readEndpointUrls(path);
  const ok = await Promise.all(urls.map((u) => isHealthy(u)));
  return urls.filter((_, i) => ok[i]);
}
