/**
 * mount(2) and umount2(2) through libc, for the per-run scratch tmpfs. Calling the system calls
 * directly costs microseconds, where spawning mount(8) per run would cost milliseconds. Needs root
 * (CAP_SYS_ADMIN); callers probe once and fall back when it fails.
 */
import { dlopen, FFIType, read } from "bun:ffi";
import { readFileSync } from "node:fs";

export interface TmpfsOptions {
  bytes: number;
  inodes: number;
  /** Mode, owner and group of the file system's root folder. */
  mode: number;
  uid: number;
  gid: number;
}

interface Libc {
  mount(source: Uint8Array, target: Uint8Array, type: Uint8Array, flags: bigint, data: Uint8Array): number;
  umount2(target: Uint8Array, flags: number): number;
  errno(): number;
}

const MS_NOSUID = 0x2;
const MS_NODEV = 0x4;
const MNT_DETACH = 0x2;

let libc: Libc | null | undefined;

function cString(text: string): Uint8Array {
  return Buffer.from(`${text}\0`);
}

/** Loads libc once; null where bun:ffi or glibc is unavailable (the caller then degrades). */
function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  try {
    const lib = dlopen("libc.so.6", {
      mount: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u64, FFIType.ptr], returns: FFIType.i32 },
      umount2: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
      __errno_location: { args: [], returns: FFIType.ptr },
    });
    const s = lib.symbols;
    libc = {
      mount: (source, target, type, flags, data) => s.mount(source, target, type, flags, data),
      umount2: (target, flags) => s.umount2(target, flags),
      errno: () => {
        const at = s.__errno_location();
        return at === null ? 0 : read.i32(at, 0);
      },
    };
  } catch {
    libc = null;
  }
  return libc;
}

/** Mounts a size- and inode-capped tmpfs on `dir`; returns null on success, else why not. */
export function mountTmpfs(dir: string, options: TmpfsOptions): string | null {
  const lib = loadLibc();
  if (!lib) return "libc cannot be called through bun:ffi";
  const bytes = Math.max(1 << 20, Math.ceil(options.bytes / 4096) * 4096);
  const data = `size=${bytes},nr_inodes=${Math.max(16, Math.floor(options.inodes))},mode=${options.mode.toString(8)},uid=${options.uid},gid=${options.gid}`;
  const rc = lib.mount(cString("tmpfs"), cString(dir), cString("tmpfs"), BigInt(MS_NOSUID | MS_NODEV), cString(data));
  return rc === 0 ? null : `mount(tmpfs, ${dir}) failed with errno ${lib.errno()}`;
}

/**
 * Detaches the mount on `dir` at once (MNT_DETACH); the kernel frees the tmpfs when nothing uses it
 * any more. The cost is bounded by the inode cap, never by how deep the program nested folders.
 */
export function unmountDetached(dir: string): boolean {
  const lib = loadLibc();
  return lib !== null && lib.umount2(cString(dir), MNT_DETACH) === 0;
}

/** Detaches every mount at or below `dir` (left by a harness that died mid-run), deepest first. */
export function detachMountsUnder(dir: string): void {
  let lines: string[];
  try {
    lines = readFileSync("/proc/self/mounts", "utf8").split("\n");
  } catch {
    return;
  }
  const unescape = (path: string) => path.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
  const targets = lines
    .map((line) => unescape(line.split(" ")[1] ?? ""))
    .filter((target) => target === dir || target.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const target of targets) unmountDetached(target);
}
