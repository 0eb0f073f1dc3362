/**
 * One warm Python zygote: a long-lived bwrap sandbox (uid 65534 in its own user, pid, net, IPC, UTS
 * and cgroup namespaces, the read-only /usr tree, no network) running zygote.py with just
 * CAP_SYS_ADMIN and CAP_SETPCAP inside that user namespace, which it needs to give each run its own
 * namespaces and tmpfs and then drop every capability in the run. The zygote is the sandbox's own
 * server, not a run: it lives in a cgroup beside the instance's folder (`codejudge-…-zygote-…`, swept
 * like the instance's when its harness dies), while each job's sides get run cgroups inside the
 * instance's folder, like cold runs, which the run joins itself (the folder is bound at /cg).
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CgroupController, CgroupLayout } from "../cgroup-detect.ts";
import { RunCgroup } from "../cgroup.ts";
import type { SandboxContext } from "../context-types.ts";
import { type Frame, FrameKind, FrameParser } from "./frames.ts";
import { buildZygoteArgv, REQ_DEST } from "./zygote-launch.ts";

const SCRIPTS = ["zygote.py", "zygote_child.py", "zygote_sys.py"];
/** The function-mode wire format (judges/function/python): harness code, the same for every run. */
const FM_PROTOCOL = join(import.meta.dir, "..", "..", "function", "python", "fm_protocol.py");
/** The zygote itself: interpreter, relay buffers and the two intermediates of a pair. */
const ZYGOTE_MEMORY_BYTES = 256 << 20;
const ZYGOTE_TASKS = 16;
const STOP_GRACE_MS = 2000;
/** Bounds of the request tmpfs (a job's two programs, files and stdin); pages are used only as written. */
const REQ_TMPFS_BYTES = 16 * 1024 ** 3;
const REQ_TMPFS_INODES = 1 << 20;

async function ignoreRejection(action: () => unknown): Promise<void> {
  try {
    await action();
  } catch {
    // The zygote is already gone.
  }
}

export interface JobListener {
  onFrame(frame: Frame): void;
  /** The zygote is gone (crashed or killed) before the job ended. */
  onGone(reason: string): void;
}

/** Copies the zygote's scripts where the sandbox user can read them (once per instance). */
export function installScripts(ctx: SandboxContext): string {
  const dir = join(ctx.workDir, "warm");
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const name of SCRIPTS) copyFileSync(join(import.meta.dir, name), join(dir, name));
  // Harness code every function-mode side imports, preloaded by the zygote (zygote_child.KIT_MODULES).
  copyFileSync(FM_PROTOCOL, join(dir, "fm_protocol.py"));
  for (const name of [...SCRIPTS, "fm_protocol.py"]) chmodSync(join(dir, name), 0o644);
  return dir;
}

export class Zygote {
  readonly id: string;
  /** Host folder of the requests, bound read-only at /req. */
  readonly reqDir: string;
  /**
   * Host folder of compiled code (one folder of .pyc files per program key), bound read-write at
   * /pyc: a run's init writes a program's folder before its untrusted code starts (then hides /pyc).
   */
  readonly pycDir: string;
  /** Program keys this zygote has run: a key's code is cached the second time it is seen. */
  readonly seenPrograms = new Set<string>();
  /** The instance's cgroup folder per controller, where the jobs' groups are made. */
  readonly cgroupBases: Partial<Record<CgroupController, string>>;
  private proc: Bun.Subprocess<"pipe", "pipe", "pipe"> | null = null;
  private listener: JobListener | null = null;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private alive = true;
  private jobs = 0;
  private self: RunCgroup | null = null;
  private stderrTail = "";
  private reqTmpfs: boolean;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly scriptsDir: string,
    /** Interpreter started with -S: serves programs prepared with noSite only. */
    readonly noSite: boolean,
  ) {
    this.id = ctx.nextId("zygote-");
    this.reqDir = join(ctx.workDir, this.id);
    mkdirSync(this.reqDir, { mode: 0o755 });
    // On a tmpfs: writing a job's programs and files and deleting them after cost ~5 ms per job
    // on the disk (ext4, 2 cores), a fraction of that in memory. The cap is only a bound; pages
    // are used as written and freed when the job's folder goes.
    this.reqTmpfs = ctx.scratch.mount(this.reqDir, { bytes: REQ_TMPFS_BYTES, inodes: REQ_TMPFS_INODES, mode: 0o755, uid: 0, gid: 0 });
    this.pycDir = join(ctx.workDir, `${this.id}-pyc`);
    mkdirSync(this.pycDir, { mode: 0o755 });
    chownSync(this.pycDir, 65534, 65534);
    this.cgroupBases = (ctx.cgroups as CgroupLayout).bases;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  nextJobId(): string {
    return `j${++this.jobs}`;
  }

  /** Starts the sandbox and resolves once the interpreter has imported everything and said so. */
  async start(): Promise<void> {
    const layout = this.ctx.cgroups as CgroupLayout;
    const parents: Partial<Record<CgroupController, string>> = {};
    let name = "";
    for (const [controller, base] of Object.entries(layout.bases) as [CgroupController, string][]) {
      parents[controller] = dirname(base);
      name = `${basename(base)}-${this.id}`;
    }
    this.self = RunCgroup.create({ version: layout.version, bases: parents }, name, { memoryBytes: ZYGOTE_MEMORY_BYTES, pids: ZYGOTE_TASKS });
    const argv = buildZygoteArgv(this.ctx, {
      scriptsDir: this.scriptsDir,
      reqDir: this.reqDir,
      pycDir: this.pycDir,
      cgroupBases: this.cgroupBases,
      procsFiles: this.self.procsFiles,
      noSite: this.noSite,
    });
    const ready = new Promise<void>((resolve, reject) => {
      this.readyWaiters = { resolve, reject };
    });
    this.proc = Bun.spawn({ cmd: argv, cwd: "/", env: { PATH: "/usr/bin:/bin" }, stdio: ["pipe", "pipe", "pipe"] });
    void this.readFrames(this.proc.stdout);
    void this.readStderr(this.proc.stderr);
    void this.proc.exited.then(() => this.markGone(`the zygote exited (${this.proc?.exitCode ?? this.proc?.signalCode}) ${this.stderrTail.trim()}`));
    await ready;
  }

  /** Sends one job; frames go to `listener` until the job's end frame. */
  send(request: unknown, listener: JobListener): void {
    if (!this.alive || !this.proc) throw new Error("the zygote is gone");
    this.listener = listener;
    this.proc.stdin.write(`${JSON.stringify(request)}\n`);
    void this.proc.stdin.flush();
  }

  /** Kills the whole sandbox (bwrap's --die-with-parent and the pid namespaces take every run with it). */
  async kill(): Promise<void> {
    this.markGone("the zygote was stopped");
    this.proc?.kill("SIGKILL");
    await this.self?.remove();
    if (this.reqTmpfs) this.ctx.scratch.release(this.reqDir);
    this.reqTmpfs = false;
    rmSync(this.reqDir, { recursive: true, force: true });
    rmSync(this.pycDir, { recursive: true, force: true });
  }

  /** CPU of the zygote's own group so far (interpreter, intermediates, bwrap), ms; 0 once removed. */
  ownCpuMs(): number {
    return (this.self?.readCpuNs() ?? 0) / 1e6;
  }

  /**
   * Stops an idle zygote by closing its request channel: it exits and every process of the chain
   * reaps the one below, so its CPU reaches this process's own children's figure (the bench reads it).
   */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (this.alive && proc) {
      this.alive = false;
      void ignoreRejection(() => proc.stdin.end());
      const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(STOP_GRACE_MS).then(() => false)]);
      if (!exited) proc.kill("SIGKILL");
    }
    await this.kill();
  }

  private markGone(reason: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.readyWaiters?.reject(new Error(reason));
    this.readyWaiters = null;
    const listener = this.listener;
    this.listener = null;
    listener?.onGone(reason);
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
  }

  private async readFrames(stream: ReadableStream<Uint8Array>): Promise<void> {
    const parser = new FrameParser();
    try {
      for await (const chunk of stream) {
        for (const frame of parser.push(chunk)) this.dispatch(frame);
      }
    } catch (error) {
      this.markGone(`the zygote's channel broke: ${(error as Error).message}`);
      return;
    }
    this.markGone(`the zygote closed its channel ${this.stderrTail.trim()}`);
  }

  private dispatch(frame: Frame): void {
    if (frame.kind === FrameKind.ready) {
      this.readyWaiters?.resolve();
      this.readyWaiters = null;
      return;
    }
    const listener = this.listener;
    if (!listener) throw new Error("a frame from the zygote arrived with no job in flight");
    if (frame.kind === FrameKind.jobEnd) this.listener = null;
    listener.onFrame(frame);
  }

  private async readStderr(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    for await (const chunk of stream) this.stderrTail = (this.stderrTail + decoder.decode(chunk)).slice(-4000);
  }
}

export { REQ_DEST };
