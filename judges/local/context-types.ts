/** The sandbox context's shape, apart from context.ts so the modules context.ts uses (scratch folders) can name it without an import cycle. */
import type { CgroupLayout } from "./cgroup-detect.ts";
import type { LauncherConfig } from "./launch.ts";
import type { ScratchSpace } from "./scratch-space.ts";
import type { ToolPaths } from "./tools.ts";

export interface SandboxContext {
  readonly mode: "bwrap" | "unsafe";
  /** Owner of scratch folders: the sandbox uid when dropping root, else null (the current user). */
  readonly owner: { uid: number; gid: number } | null;
  readonly launcher: LauncherConfig;
  readonly cgroups: CgroupLayout | null;
  /** This instance's private folder (mode 0711). */
  readonly workDir: string;
  /**
   * Where run folders live (mode 0711, inside workDir): a tmpfs of the instance when the harness can
   * mount one, so the harness's own per-run files (stdin, the program's copy, status) never touch the
   * disk; creating and deleting them on ext4 with `discard` took ~7 ms per sandbox, on the event loop.
   */
  readonly runsDir: string;
  /** Per-run scratch tmpfs mounts (or their degraded stand-in) and background removals. */
  readonly scratch: ScratchSpace;
  readonly cacheDir: string;
  readonly tools: Record<keyof ToolPaths, string | null>;
  /** A name unique within this process, for run folders and cgroups. */
  nextId(prefix: string): string;
  /** Detaches what is still mounted and removes the work folder (after {@link ScratchSpace.settle}). */
  dispose(): void;
}
