/**
 * Builds the command line that starts one sandboxed process tree:
 *   sh (joins the run's cgroups) -> setpriv (drops root) -> bwrap (namespaces, read-only tree) -> sandbox-init (rlimits) -> program
 * Each stage exec's the next, so the pid Bun sees is bwrap's (or sandbox-init's without bwrap).
 */
import { lstatSync, readlinkSync } from "node:fs";

/** A host folder or file made visible inside the sandbox. */
export interface Mount {
  src: string;
  dest: string;
  writable?: boolean;
}

/** Per-process limits that sandbox-init sets on the program (not on bwrap). */
export interface ProgramRlimits {
  cpuSoftS: number;
  cpuHardS: number;
  /** 0 = no address-space limit (the cgroup limits memory). */
  asBytes: number;
  fsizeBytes: number;
  stackBytes: number;
  nofile: number;
  /** 0 = unset; inside bwrap's user namespace RLIMIT_NPROC counts this run's tasks only. */
  nproc: number;
}

export interface LaunchSpec {
  /** Program and arguments, with paths as seen inside the sandbox. */
  command: string[];
  mounts: Mount[];
  cwd: string;
  env: Record<string, string>;
  /** Size of the private /tmp and /dev/shm. */
  tmpBytes: number;
  rlimits: ProgramRlimits;
}

export interface LauncherConfig {
  /** bwrap binary, or null in unsafe mode. */
  bwrap: string | null;
  /** setpriv binary and the uid/gid to drop to, or null when the harness is not root. */
  drop: { setpriv: string; uid: number; gid: number } | null;
  disableUserns: boolean;
  /** Host folder with sandbox-init, mounted read-only at {@link TOOLS_DEST}. */
  toolsDir: string;
}

export const TOOLS_DEST = "/.sandbox";
const INIT_NAME = "sandbox-init";

// Joins every cgroup given before "--", then becomes the rest of the command line. On failure it
// says so on fd 3 (the status channel) behind the run's token, read from fd 4 (sandbox-init reads
// the token again with pread at offset 0, so this read does not take it away).
const JOIN_SCRIPT =
  'read -r t <&4; while [ "$1" != -- ]; do echo $$ > "$1" || { echo "$t cgroupfail" >&3; exit 125; }; shift; done; shift; exec "$@"';

/** Top-level entries of a merged-/usr root: symlinks are recreated, real folders bound read-only. */
function describeRootEntries(): { links: [string, string][]; dirs: string[] } {
  const links: [string, string][] = [];
  const dirs: string[] = [];
  for (const name of ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]) {
    const path = `/${name}`;
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) links.push([readlinkSync(path), path]);
      else if (stat.isDirectory()) dirs.push(path);
    } catch {
      // Absent on this distribution.
    }
  }
  return { links, dirs };
}

let rootEntries: ReturnType<typeof describeRootEntries> | null = null;

function buildBwrapArgs(config: LauncherConfig, spec: LaunchSpec): string[] {
  rootEntries ??= describeRootEntries();
  const args = ["--unshare-all", "--unshare-user"];
  if (config.disableUserns) args.push("--disable-userns");
  args.push("--die-with-parent", "--new-session", "--as-pid-1", "--hostname", "sandbox");
  args.push("--ro-bind", "/usr", "/usr");
  for (const [target, path] of rootEntries.links) args.push("--symlink", target, path);
  for (const dir of rootEntries.dirs) args.push("--ro-bind", dir, dir);
  args.push("--proc", "/proc", "--dev", "/dev");
  // A run with a scratch tmpfs brings its own /tmp and /dev/shm (capped together); others get bwrap's.
  const size = String(Math.max(1 << 20, Math.floor(spec.tmpBytes)));
  for (const dest of ["/tmp", "/dev/shm"]) if (!spec.mounts.some((m) => m.dest === dest)) args.push("--size", size, "--tmpfs", dest);
  args.push("--ro-bind", config.toolsDir, TOOLS_DEST);
  for (const mount of spec.mounts) args.push(mount.writable ? "--bind" : "--ro-bind", mount.src, mount.dest);
  args.push("--chdir", spec.cwd, "--clearenv");
  for (const [key, value] of Object.entries(spec.env)) args.push("--setenv", key, value);
  args.push("--");
  return args;
}

function buildInitArgs(initPath: string, limits: ProgramRlimits): string[] {
  const numbers = [
    limits.cpuSoftS,
    limits.cpuHardS,
    limits.asBytes,
    limits.fsizeBytes,
    limits.stackBytes,
    limits.nofile,
    limits.nproc,
  ].map((n) => String(Math.max(0, Math.floor(n))));
  return [initPath, ...numbers, "--"];
}

/**
 * Without bwrap there are no mounts: paths under a mount's dest are rewritten to the host source.
 * Only whole arguments that start with a dest are rewritten, which is how the sandbox builds its commands.
 */
export function mapToHost(path: string, mounts: Mount[]): string {
  for (const mount of mounts) {
    if (path === mount.dest) return mount.src;
    if (path.startsWith(`${mount.dest}/`)) return mount.src + path.slice(mount.dest.length);
  }
  return path;
}

/** The full argv for Bun.spawn, and the env Bun must give it. */
export function buildLaunch(config: LauncherConfig, spec: LaunchSpec, cgroupProcsFiles: string[]): { argv: string[]; env: Record<string, string>; cwd: string } {
  const argv: string[] = [];
  if (cgroupProcsFiles.length > 0) argv.push("/bin/sh", "-c", JOIN_SCRIPT, "cgroup-join", ...cgroupProcsFiles, "--");
  if (config.drop) {
    const { setpriv, uid, gid } = config.drop;
    argv.push(setpriv, `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--inh-caps=-all", "--");
  }
  const base = { PATH: "/usr/bin:/bin" };
  if (config.bwrap) {
    argv.push(config.bwrap, ...buildBwrapArgs(config, spec));
    argv.push(...buildInitArgs(`${TOOLS_DEST}/${INIT_NAME}`, spec.rlimits), ...spec.command);
    return { argv, env: base, cwd: "/" };
  }
  const mounts = [...spec.mounts, { src: config.toolsDir, dest: TOOLS_DEST }];
  const env = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, mapToHost(v, mounts)]));
  argv.push(...buildInitArgs(`${config.toolsDir}/${INIT_NAME}`, spec.rlimits), ...spec.command.map((a) => mapToHost(a, mounts)));
  return { argv, env, cwd: mapToHost(spec.cwd, mounts) };
}
