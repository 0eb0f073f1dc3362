/**
 * The local OS sandbox lent to other backends as a {@link ToolRunner}: one trusted tool (clang for
 * the WASM judge) runs on untrusted sources under the same bubblewrap, cgroup and rlimit chain as
 * g++ here. Built through the backend registry, so judges/wasm never imports this folder.
 */
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolProcess, ToolRunner, ToolRunResult, ToolRunSpec, ToolSpawnSpec } from "../tool-runner.ts";
import { checkLauncherTools, createContext, type SandboxContext } from "./context.ts";
import { execInSandbox } from "./exec.ts";
import { createLazyContext } from "./lazy-context.ts";
import { assertSafeFileName, createRunDir, scratchCapsFor, writeSandboxFiles } from "./scratch.ts";
import { locateTools, type ToolPaths } from "./tools.ts";

export interface LocalToolRunnerOptions {
  unsafeNoSandbox?: boolean;
  /** Where the sandbox-init helper is cached. */
  cacheDir: string;
  tools?: Partial<ToolPaths>;
}

const ENV = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" };

/** Creates the runner; the sandbox itself is set up on first use. */
export function createLocalToolRunner(opts: LocalToolRunnerOptions): ToolRunner {
  const tools = locateTools(opts.tools);
  const unsafeNoSandbox = opts.unsafeNoSandbox ?? false;
  checkLauncherTools({ unsafeNoSandbox, tools });
  const lazy = createLazyContext("the tool sandbox", () => createContext({ unsafeNoSandbox, cacheDir: opts.cacheDir, tools }));
  const context = lazy.get;
  return {
    async describe() {
      const ctx = await context();
      const user = ctx.owner ? `uid ${ctx.owner.uid}` : `uid ${process.getuid?.() ?? "?"}`;
      return `${ctx.mode === "bwrap" ? "bwrap" : "unsafe-no-sandbox"}, ${user}, ${ctx.cgroups ? `cgroup-v${ctx.cgroups.version}` : "rlimits-only"}`;
    },
    async run(spec) {
      return runTool(await context(), spec);
    },
    spawn(spec) {
      return spawnTool(context, spec);
    },
    close: lazy.close,
  };
}

/** A piped tool: writes before the sandbox has started are queued, then handed to its stdin in order. */
function spawnTool(context: () => Promise<SandboxContext>, spec: ToolSpawnSpec): ToolProcess {
  let stdin: import("bun").FileSink | null = null;
  let queued: (string | Uint8Array)[] = [];
  let ended = false;
  const closeStdin = (sink: import("bun").FileSink) => {
    try {
      void sink.end();
    } catch {
      // The tool is already gone: nothing reads its stdin.
    }
  };
  const pipe = {
    onStart(sink: import("bun").FileSink) {
      stdin = sink;
      for (const chunk of queued) writeQuietly(sink, chunk);
      queued = [];
      if (ended) closeStdin(sink);
    },
    onStdout: spec.onStdout,
    onStdoutEnd() {},
  };
  const done = context().then((ctx) => runTool(ctx, spec, { pipe, stdoutBytes: spec.stdoutBytes, processes: spec.processes ?? 16 }));
  return {
    write(data) {
      if (ended) return;
      if (stdin) writeQuietly(stdin, data);
      else queued.push(data);
    },
    end() {
      if (ended) return;
      ended = true;
      if (stdin) closeStdin(stdin);
    },
    done,
  };
}

function writeQuietly(sink: import("bun").FileSink, data: string | Uint8Array): void {
  try {
    sink.write(data);
    void sink.flush();
  } catch {
    // A tool that has exited reads no more input; its result says how it ended.
  }
}

interface PipedRun {
  pipe: import("./exec.ts").ExecPipe;
  stdoutBytes: number;
  processes: number;
}

async function runTool(ctx: SandboxContext, spec: ToolRunSpec, piped?: PipedRun): Promise<ToolRunResult> {
  const { limits } = spec;
  const run = createRunDir(ctx, "tool-", scratchCapsFor(limits.memoryMb * 1024 * 1024, spec.files));
  try {
    const box = run.makeDir("box", true);
    const out = run.makeDir("out", true);
    writeSandboxFiles(ctx, box, spec.files, "ToolRunSpec.files");
    const mounts = [
      { src: box, dest: "/box", writable: true },
      { src: out, dest: "/out", writable: true },
      ...run.scratchMounts(),
      ...(spec.mounts ?? []).map((m) => ({ src: m.src, dest: m.dest, writable: false })),
    ];
    const result = await execInSandbox(ctx, {
      command: spec.command,
      mounts,
      cwd: "/box",
      env: ENV,
      statusPath: run.statusPath,
      limits: {
        cpuMs: limits.cpuMs,
        wallMs: limits.wallMs,
        memoryBytes: limits.memoryMb * 1024 * 1024,
        processes: piped?.processes ?? 16,
        fileBytes: spec.fileBytes,
        stackBytes: 64 << 20,
        nofile: 256,
      },
      ...(piped ? { pipe: piped.pipe } : {}),
      stdoutBytes: piped?.stdoutBytes ?? limits.logBytes,
      stderrBytes: limits.logBytes,
      stderrKillBytes: Math.max(4 * limits.logBytes, 1 << 20),
    });
    let log = result.stderr + (result.stdout && !piped ? `\n${result.stdout}` : "");
    if (result.stderrTotal > limits.logBytes) log += `\n[tool log truncated: ${result.stderrTotal} bytes in total]`;
    const timedOut = result.limit === "cpu_time" || result.limit === "wall_time" || result.cpuMs > limits.cpuMs;
    const limit = timedOut ? "time" : result.oom ? "memory" : result.limit === "output" ? "output" : null;
    const files: Record<string, Uint8Array> = {};
    for (const name of spec.collect) {
      assertSafeFileName(name, "ToolRunSpec.collect");
      const path = join(out, name);
      // The sandbox user owns /out: accept only a regular file, never a link it planted.
      if (existsSync(path) && lstatSync(path).isFile()) files[name] = readFileSync(path);
    }
    const exitCode = result.status?.kind === "exit" ? result.status.code : null;
    return { exitCode, limit, log, files, wallMs: result.wallMs, cpuMs: result.cpuMs };
  } finally {
    await run.dispose();
  }
}
