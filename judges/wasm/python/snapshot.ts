/**
 * The interpreter's memory snapshot: Pyodide loaded once (about 3 s of CPU) inside the tool sandbox
 * and its memory saved, so every worker starts from it in about 0.3 s. Cached per Pyodide version and
 * loader, and staged world-readable for the sandbox user, who cannot traverse the private cache.
 */
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ToolRunner } from "../../tool-runner.ts";
import { SandboxError } from "../../types.ts";
import { entryPath, wasmProgramKey, writeFileEntry } from "../cache.ts";
import type { PyodideMounts } from "./pool.ts";
import { workerMounts } from "./pool.ts";
import { RT, SNAPSHOT_FILE } from "./protocol.ts";

export const WORKER_DIR = import.meta.dir;

export function pyodideDir(): string {
  return join(Bun.resolveSync("pyodide/package.json", import.meta.dir), "..");
}

export function pyodideVersion(): string {
  return (JSON.parse(readFileSync(join(pyodideDir(), "package.json"), "utf8")) as { version: string }).version;
}

/** Builds (or finds) the snapshot and returns the folders a worker mounts; the caller removes `snapshotDir`. */
export async function prepareRuntime(tools: ToolRunner, cacheDir: string): Promise<PyodideMounts> {
  // The loader and runner.py are in the snapshot: either changed, it is rebuilt.
  const loader = ["guest.ts", "runner.py"].map((file) => readFileSync(join(WORKER_DIR, file), "utf8"));
  const key = wasmProgramKey({ snapshot: pyodideVersion(), loader });
  let dir = entryPath(cacheDir, key, "wasm-python");
  const staged = mkdtempSync(join(tmpdir(), "codejudge-pyodide-"));
  chmodSync(staged, 0o755);
  const mounts: PyodideMounts = { pyodideDir: pyodideDir(), workerDir: WORKER_DIR, snapshotDir: staged };
  if (!existsSync(join(dir, SNAPSHOT_FILE))) {
    const result = await tools.run({
      command: ["/usr/bin/bun", `${RT.worker}/worker.ts`, "--snapshot"],
      files: {},
      mounts: workerMounts(mounts),
      collect: [SNAPSHOT_FILE],
      limits: { cpuMs: 120_000, wallMs: 300_000, memoryMb: 2048, logBytes: 64 * 1024 },
      fileBytes: 256 << 20,
    });
    const bytes = result.files[SNAPSHOT_FILE];
    if (!bytes) throw new SandboxError(`could not build the Pyodide snapshot (exit ${result.exitCode}, limit ${result.limit}): ${result.log.trim().slice(-1500)}`, "sandbox_unavailable");
    dir = writeFileEntry(cacheDir, "wasm-python", key, SNAPSHOT_FILE, bytes);
  }
  copyFileSync(join(dir, SNAPSHOT_FILE), join(staged, SNAPSHOT_FILE));
  chmodSync(join(staged, SNAPSHOT_FILE), 0o644);
  return mounts;
}
