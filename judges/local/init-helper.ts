/**
 * Builds sandbox-init (sandbox-init.c, our own trusted source) once per source and compiler into
 * the cache, then copies it into the instance's tools folder, which every sandbox mounts read-only.
 */
import { chmodSync, copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SandboxError } from "../types.ts";
import { ensureEntry, hashKey } from "../cache-store.ts";
import { CACHE_FORMAT } from "./cache.ts";
import { readVersion } from "./tools.ts";

const SOURCE_PATH = fileURLToPath(new URL("./sandbox-init.c", import.meta.url));
const BINARY = "sandbox-init";

/** Compiles (or reuses) sandbox-init and places it, mode 0755, in `toolsDir`. */
export async function buildInitHelper(gxx: string, cacheDir: string, toolsDir: string): Promise<string> {
  const source = readFileSync(SOURCE_PATH, "utf8");
  const key = hashKey({ format: CACHE_FORMAT, source, compiler: readVersion([gxx, "--version"]) });
  const entry = await ensureEntry(cacheDir, "tools", key, async (dir) => {
    const result = Bun.spawnSync({
      cmd: [gxx, "-x", "c", "-O2", "-Wall", "-o", join(dir, BINARY), SOURCE_PATH],
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: "/usr/bin:/bin", LANG: "C" },
    });
    if (!result.success) {
      throw new SandboxError(`cannot compile ${SOURCE_PATH}:\n${result.stderr.toString()}`, "sandbox_unavailable");
    }
  });
  const staged = join(toolsDir, BINARY);
  copyFileSync(join(entry, BINARY), staged);
  chmodSync(staged, 0o755);
  return staged;
}
