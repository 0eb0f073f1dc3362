/**
 * The zygote's command line: sh (joins the zygote's own cgroups) -> setpriv (drops root to 65534)
 * -> bwrap -> python3 zygote.py. Unlike a cold run there is no sandbox-init: the zygote's forked
 * runs are their own pid 1 and report through the zygote.
 */
import { lstatSync, readlinkSync } from "node:fs";
import type { CgroupController } from "../cgroup-detect.ts";
import type { SandboxContext } from "../context-types.ts";

export const REQ_DEST = "/req";
const SCRIPTS_DEST = "/.warm";
const ZYGOTE_TMP_BYTES = 16 << 20;
// Joins the zygote's cgroups, then becomes the rest of the command line. The 4 GiB stack limit is
// for the address-space layout only: the kernel places mmaps below a gap of the stack limit at
// exec, and a run (which raises RLIMIT_STACK to half its memory limit) can grow its stack no further.
const JOIN_SCRIPT = 'ulimit -s 4194304 2>/dev/null; while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

export interface ZygoteLaunch {
  scriptsDir: string;
  reqDir: string;
  pycDir: string;
  cgroupBases: Partial<Record<CgroupController, string>>;
  procsFiles: string[];
  /** Start the interpreter with -S (for programs prepared with noSite), as a cold run would. */
  noSite: boolean;
}

function rootEntryArgs(): string[] {
  const args: string[] = [];
  for (const name of ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]) {
    const path = `/${name}`;
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) args.push("--symlink", readlinkSync(path), path);
      else if (stat.isDirectory()) args.push("--ro-bind", path, path);
    } catch {
      // Absent on this distribution.
    }
  }
  return args;
}

/** Where a controller's groups appear inside the zygote's sandbox. */
export function cgroupDest(controller: CgroupController): string {
  return `/cg/${controller}`;
}

export function buildZygoteArgv(ctx: SandboxContext, launch: ZygoteLaunch): string[] {
  const { bwrap } = ctx.launcher;
  const drop = ctx.launcher.drop;
  const python3 = ctx.tools.python3;
  if (!bwrap || !drop || !python3) throw new Error("the warm zygote needs bwrap, root (to drop to the sandbox user) and python3");
  const argv = ["/bin/sh", "-c", JOIN_SCRIPT, "zygote-join", ...launch.procsFiles, "--"];
  argv.push(drop.setpriv, `--reuid=${drop.uid}`, `--regid=${drop.gid}`, "--clear-groups", "--inh-caps=-all", "--");
  argv.push(bwrap, "--unshare-all", "--unshare-user");
  if (ctx.launcher.disableUserns) argv.push("--disable-userns");
  argv.push("--uid", String(drop.uid), "--gid", String(drop.gid), "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP");
  argv.push("--die-with-parent", "--new-session", "--hostname", "sandbox");
  argv.push("--ro-bind", "/usr", "/usr", ...rootEntryArgs());
  argv.push("--proc", "/proc", "--dev", "/dev", "--size", String(ZYGOTE_TMP_BYTES), "--tmpfs", "/tmp");
  argv.push("--dir", "/box", "--dir", "/prog", "--dir", "/.scratch");
  argv.push("--ro-bind", launch.scriptsDir, SCRIPTS_DEST, "--ro-bind", launch.reqDir, REQ_DEST, "--bind", launch.pycDir, "/pyc");
  for (const [controller, dir] of Object.entries(launch.cgroupBases) as [CgroupController, string][]) argv.push("--bind", dir, cgroupDest(controller));
  argv.push("--chdir", "/", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", "/tmp");
  argv.push("--", python3, "-E", "-s", "-B", ...(launch.noSite ? ["-S"] : []), `${SCRIPTS_DEST}/zygote.py`);
  return argv;
}
