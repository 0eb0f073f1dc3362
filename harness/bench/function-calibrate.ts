/**
 * What one sandbox start costs here, for `bench --workload function --profile`: an empty Python
 * program run through the local sandbox (with and without -S) against the same interpreter
 * started directly, one run at a time, so the difference is the sandbox's (bubblewrap, namespaces,
 * cgroup, scratch tmpfs, setpriv, sandbox-init, the harness's spawning and reaping).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_COMPILE_LIMITS } from "../../judges/compile-limits.ts";
import type { PreparedProgram, RunLimits, Sandbox } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";

export interface StartCalibration {
  runs: number;
  direct_ms: number;
  direct_no_site_ms: number;
  sandboxed_ms: number;
  sandboxed_no_site_ms: number;
  /** sandboxed_no_site_ms - direct_no_site_ms. */
  overhead_ms: number;
}

const RUNS = 20;
const LIMITS: RunLimits = { cpuMs: 2000, wallMs: 5000, memoryMb: 256, outputBytes: 1 << 20, processes: 32, fileBytes: 1 << 20 };
const round = (x: number): number => Number(x.toFixed(1));

async function meanWallMs(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm the page cache and the compile cache
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await run();
  return (performance.now() - started) / RUNS;
}

async function prepareEmpty(sandbox: Sandbox, noSite: boolean): Promise<PreparedProgram> {
  const prepared = await sandbox.prepare({ language: "python", code: "pass\n", noSite }, DEFAULT_COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(`bench calibration: an empty Python program did not prepare: ${prepared.log}`);
  return prepared.program;
}

/** Mean wall time of one empty Python run, direct and sandboxed. */
export async function measureSandboxStart(python = "/usr/bin/python3"): Promise<StartCalibration> {
  const direct = (flags: string[]) => () => Bun.spawn({ cmd: [python, ...flags, "-c", "pass"], stdio: ["ignore", "ignore", "ignore"] }).exited;
  const cacheDir = mkdtempSync(join(tmpdir(), "bench-calibrate-"));
  const sandbox = await createJudgeBackend("local", { cacheDir });
  try {
    const withSite = await prepareEmpty(sandbox, false);
    const noSite = await prepareEmpty(sandbox, true);
    const directMs = await meanWallMs(direct(["-E", "-s", "-B"]));
    const directNoSiteMs = await meanWallMs(direct(["-E", "-s", "-B", "-S"]));
    const sandboxedMs = await meanWallMs(() => sandbox.run(withSite, {}, LIMITS));
    const sandboxedNoSiteMs = await meanWallMs(() => sandbox.run(noSite, {}, LIMITS));
    return {
      runs: RUNS,
      direct_ms: round(directMs),
      direct_no_site_ms: round(directNoSiteMs),
      sandboxed_ms: round(sandboxedMs),
      sandboxed_no_site_ms: round(sandboxedNoSiteMs),
      overhead_ms: round(sandboxedNoSiteMs - directNoSiteMs),
    };
  } finally {
    await sandbox.close?.();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
