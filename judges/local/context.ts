/**
 * Everything a local sandbox instance sets up once: its private work folder, its cgroups, the
 * sandbox-init helper and how processes are launched (bwrap as uid 65534, bwrap as the current
 * user, or no bwrap at all in unsafe mode).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { SandboxError } from "../types.ts";
import { type CgroupLayout, detectCgroups, removeInstanceDirs } from "./cgroup-detect.ts";
import type { SandboxContext } from "./context-types.ts";
import { buildInitHelper } from "./init-helper.ts";
import type { LauncherConfig } from "./launch.ts";
import { mountTmpfs, unmountDetached } from "./mount.ts";
import { bwrapSupports, locateTools, requireTool, type ToolPaths } from "./tools.ts";
import { sweepStaleDirs } from "./scratch.ts";
import { probeTmpfs, ScratchSpace } from "./scratch-space.ts";
import { warnOnce } from "./warn.ts";

/** The unprivileged user every sandboxed process runs as when the harness is root ("nobody"). */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

export interface ContextOptions {
  unsafeNoSandbox: boolean;
  cacheDir: string;
  workRoot?: string;
  tools: Record<keyof ToolPaths, string | null>;
}

export type { SandboxContext } from "./context-types.ts";

let instanceCounter = 0;
const WORK_DIR_PREFIX = "codejudge-";

/** Checks the sandbox tools synchronously, so createLocalSandbox fails fast with install hints. */
export function checkLauncherTools(options: Pick<ContextOptions, "unsafeNoSandbox" | "tools">): void {
  if (!options.unsafeNoSandbox) requireTool(options.tools, "bwrap", "to sandbox programs");
  if (process.getuid?.() === 0) requireTool(options.tools, "setpriv", "to drop root before sandboxing");
}

function makeWorkDir(workRoot: string | undefined): string {
  const parent = resolve(workRoot ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  sweepStaleDirs(parent, WORK_DIR_PREFIX);
  const dir = mkdtempSync(join(parent, `${WORK_DIR_PREFIX}${process.pid}-`));
  // Traversable but not listable: the sandbox user reaches only the run folders it is given.
  chmodSync(dir, 0o711);
  return dir;
}

/** Sets up an instance: work folder, cgroups, helper. Throws SandboxError when that is impossible. */
export async function createContext(options: ContextOptions): Promise<SandboxContext> {
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? { uid: SANDBOX_UID, gid: SANDBOX_GID } : null;
  if (!isRoot) {
    warnOnce("non-root", "the harness is not root: sandboxed programs run as the current user inside bwrap's user namespace (no uid drop).");
  }
  const gxx = requireTool(options.tools, "gxx", "to build the sandbox-init helper");
  const serial = ++instanceCounter;
  const instanceId = `${process.pid}-${serial}`;
  const workDir = makeWorkDir(options.workRoot);
  const toolsDir = join(workDir, "tools");
  let cgroups: CgroupLayout | null = null;
  try {
    mkdirSync(toolsDir, { mode: 0o755 });
    chmodSync(toolsDir, 0o755);
    await buildInitHelper(gxx, options.cacheDir, toolsDir);
    const detection = detectCgroups(String(serial));
    cgroups = detection.layout;
    if (!detection.layout) {
      warnOnce(
        "no-cgroups",
        `cgroups unavailable (${detection.reason}); falling back to RLIMIT_AS for memory, RLIMIT_NPROC for processes and per-process CPU limits. MLE shows up as a failed allocation, and peak memory is the largest single process.`,
      );
    }
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`cannot set up the local sandbox: ${(error as Error).message}`, "sandbox_unavailable", { cause: error });
  }
  const bwrap = options.unsafeNoSandbox ? null : options.tools.bwrap;
  const launcher: LauncherConfig = {
    bwrap,
    drop: owner && options.tools.setpriv ? { setpriv: options.tools.setpriv, ...owner } : null,
    disableUserns: bwrap ? bwrapSupports(bwrap, "--disable-userns") : false,
    toolsDir,
  };
  const tmpfsFailure = probeTmpfs(workDir);
  if (tmpfsFailure) {
    warnOnce(
      "no-tmpfs",
      `per-run scratch tmpfs unavailable (${tmpfsFailure}): /box is a plain folder with no total size or inode cap (files are still limited one by one), and scratch folders are deleted in the background.`,
    );
  }
  const scratch = new ScratchSpace(workDir, tmpfsFailure === null);
  const runs = makeRunsDir(workDir, tmpfsFailure === null);
  let counter = 0;
  const layout = cgroups;
  // A harness that exits without close() still leaves no scratch behind.
  const removeOnExit = () => {
    scratch.detachAll();
    if (runs.mounted) unmountDetached(runs.dir);
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once("exit", removeOnExit);
  return {
    mode: bwrap ? "bwrap" : "unsafe",
    owner,
    launcher,
    cgroups,
    workDir,
    runsDir: runs.dir,
    scratch,
    cacheDir: options.cacheDir,
    tools: options.tools,
    nextId: (prefix) => `${prefix}${instanceId}-${++counter}`,
    dispose() {
      process.removeListener("exit", removeOnExit);
      if (layout) removeInstanceDirs(layout.bases);
      scratch.detachAll();
      if (runs.mounted) unmountDetached(runs.dir);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Bytes and inodes of the runs tmpfs: only the harness writes there (inputs, program copies), so it needs no tight cap. */
const RUNS_TMPFS = { bytes: Math.floor(totalmem() / 2), inodes: 1 << 20 };

/** The folder run folders go in: a tmpfs where mounts work (see SandboxContext.runsDir), else a plain folder. */
function makeRunsDir(workDir: string, tmpfs: boolean): { dir: string; mounted: boolean } {
  const dir = join(workDir, "runs");
  mkdirSync(dir, { mode: 0o711 });
  chmodSync(dir, 0o711);
  if (!tmpfs) return { dir, mounted: false };
  const self = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const failure = mountTmpfs(dir, { ...RUNS_TMPFS, mode: 0o711, ...self });
  if (failure) warnOnce("runs-tmpfs", `the instance's run folders stay on disk (${failure}): each sandbox's set-up and removal costs more.`);
  return { dir, mounted: failure === null };
}
