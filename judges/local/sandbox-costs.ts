/**
 * What one sandbox start costs on this kernel, layer by layer (`bun judges/local/sandbox-costs.ts
 * [rounds]`, as root): a bare process, bwrap with one more namespace at a time, the harness's full
 * bwrap command line, a run cgroup (create, limits, join, kill, remove), a scratch tmpfs, and a whole
 * test of a trivial C++ program as a one-shot run and as a run of a session (session.ts). Each
 * figure is the median wall time of `rounds` rounds, and the kernel CPU (system + softirq from
 * /proc/stat, machine-wide, so other load counts) per round over the whole loop, which also catches
 * work the kernel does after the process is gone (net namespaces are torn down by a worker).
 * The numbers are in harness/bench/README.md; the script lives here because it uses the sandbox's
 * own cgroup and mount code. Nothing here is asserted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectCgroups, removeInstanceDirs } from "./cgroup-detect.ts";
import { RunCgroup } from "./cgroup.ts";
import { createLocalSandbox } from "./index.ts";
import { mountTmpfs, unmountDetached } from "./mount.ts";

const rounds = Number(process.argv[2] ?? 40);
const BWRAP = Bun.which("bwrap") ?? "/usr/bin/bwrap";
const SETPRIV = Bun.which("setpriv") ?? "/usr/bin/setpriv";
const DROP = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--"];
const ROOT = ["--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64"];

/** Kernel CPU so far (system + softirq), ms. */
function kernelMs(): number {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).map(Number);
  const ticks = (fields[3] ?? 0) + (fields[7] ?? 0);
  return (ticks * 1000) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(name: string, once: () => Promise<void> | void): Promise<void> {
  await once();
  const walls: number[] = [];
  const kernelBefore = kernelMs();
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await once();
    walls.push(performance.now() - started);
  }
  // Give deferred teardown (net namespaces) a moment to show up in the kernel's CPU.
  await Bun.sleep(200);
  const kernel = (kernelMs() - kernelBefore) / rounds;
  console.log(`${name.padEnd(66)} ${median(walls).toFixed(2).padStart(7)} ms wall  ${kernel.toFixed(2).padStart(6)} ms kernel CPU`);
}

async function spawn(cmd: string[]): Promise<void> {
  const proc = Bun.spawn({ cmd, stdio: ["ignore", "ignore", "inherit"] });
  if ((await proc.exited) !== 0) throw new Error(`${cmd.join(" ")} failed`);
}

const bwrap = (...flags: string[]) => spawn([...DROP, BWRAP, ...flags, ...ROOT, "--", "/usr/bin/true"]);

console.log(`${rounds} rounds each; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
await measure("process: /usr/bin/true", () => spawn(["/usr/bin/true"]));
await measure("setpriv + true", () => spawn([...DROP, "/usr/bin/true"]));
await measure("setpriv + bwrap, user namespace only", () => bwrap("--unshare-user"));
await measure("  + pid namespace", () => bwrap("--unshare-user", "--unshare-pid"));
await measure("  + pid + ipc + uts + cgroup namespaces", () => bwrap("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup"));
await measure("  + net namespace (= --unshare-all)", () => bwrap("--unshare-all", "--unshare-user"));
await measure("harness's line: --unshare-all, /proc, /dev, tmpfs, as-pid-1", () =>
  bwrap("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"),
);
await measure("  same without the net namespace (--share-net)", () =>
  bwrap("--unshare-all", "--share-net", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"),
);

const detection = detectCgroups(`costs-${process.pid}`);
if (detection.layout) {
  const layout = detection.layout;
  let n = 0;
  await measure(`cgroup v${layout.version}: create + limits + remove (empty)`, async () => {
    const group = RunCgroup.create(layout, `costs-${++n}`, { memoryBytes: 256 << 20, pids: 16 });
    await group.remove();
  });
  await measure(`cgroup v${layout.version}: create + join (sh) + kill + remove`, async () => {
    const group = RunCgroup.create(layout, `costs-${++n}`, { memoryBytes: 256 << 20, pids: 16 });
    await spawn(["/bin/sh", "-c", 'for f in "$@"; do echo $$ > "$f"; done', "join", ...group.procsFiles]);
    await group.remove();
  });
  removeInstanceDirs(layout.bases);
} else {
  console.log(`cgroups: unavailable (${detection.reason})`);
}

const work = mkdtempSync(join(tmpdir(), "sandbox-costs-"));
let m = 0;
await measure("scratch tmpfs: mount + write 1 file + detach", () => {
  const dir = join(work, `t${++m}`);
  mkdirSync(dir);
  const failure = mountTmpfs(dir, { bytes: 256 << 20, inodes: 8192, mode: 0o711, uid: 0, gid: 0 });
  if (failure) throw new Error(failure);
  writeFileSync(join(dir, "f"), "x");
  unmountDetached(dir);
  rmdirSync(dir);
});

const sandbox = createLocalSandbox({ cacheDir: join(work, "cache"), warmPython: false });
const prepared = await sandbox.prepare({ language: "cpp", code: "#include <cstdio>\nint main(){int a,b;if(scanf(\"%d %d\",&a,&b)==2)printf(\"%d\\n\",a+b);}\n" }, { cpuMs: 20_000, wallMs: 60_000, memoryMb: 1024, logBytes: 4096 });
if (!prepared.ok) throw new Error(prepared.log);
const limits = { cpuMs: 1000, wallMs: 5000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };
const firstTests: number[] = [];
await measure("a test, one-shot (Sandbox.run): everything above + the program", async () => {
  await sandbox.run(prepared.program, { stdin: "1 2\n" }, limits);
});
const session = await sandbox.openSession?.(prepared.program, limits);
if (session) {
  await measure("a test in a session (RunSession.run)", async () => {
    await session.run({ stdin: "1 2\n" });
  });
  // As in a grader with several samples in flight: another session is open, so a pre-started
  // sandbox (session-pool.ts) waits for the next sample; the pause stands for its compile.
  await measure("a sample's first test, another session open (pre-started sandbox)", async () => {
    const sample = await sandbox.openSession?.(prepared.program, limits);
    await Bun.sleep(30);
    const started = performance.now();
    await sample?.run({ stdin: "1 2\n" });
    firstTests.push(performance.now() - started);
    await sample?.close();
  });
  console.log(`${"  of which the first test itself".padEnd(66)} ${median(firstTests).toFixed(2).padStart(7)} ms wall`);
  await session.close();
}
await sandbox.close?.();
rmSync(work, { recursive: true, force: true });
