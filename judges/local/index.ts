/**
 * The local judge sandbox: real g++ and python3 run under bubblewrap as an unprivileged user, with
 * cgroup (or rlimit) limits, a content-addressed compile cache and a shared precompiled header.
 * See judges/local/README.md for the layers and what each limit maps to.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CompileLimits, Language, PairOutcome, PairSide, PreparedProgram, RunInput, RunLimits, Sandbox, SourceFile } from "../types.ts";
import { LANGUAGES, SandboxError } from "../types.ts";
import { selfTestSandbox } from "../self-test.ts";
import { endPhase, startPhase } from "../profile.ts";
import { checkPython, compileCpp, CPP_FLAGS, CPP_LINK_FLAGS } from "./compile.ts";
import { checkLauncherTools, createContext, type SandboxContext } from "./context.ts";
import { createLazyContext } from "./lazy-context.ts";
import { type LocalPairSide, runLocalPair } from "./pair.ts";
import { createPchGate, isPchCached, type PchGate, preparePch, spareCoresNow } from "./pch.ts";
import { createCachedPrepare, isPrepared, type Preparer } from "./prepare.ts";
import { type LocalProgramHandle, runProgram } from "./run.ts";
import { LocalRunSession } from "./session.ts";
import { SessionPool } from "./session-pool.ts";
import { locateTools, readVersion, requireTool, type ToolPaths } from "./tools.ts";
import { createWarmRunner } from "./warm/runner.ts";
import { warnOnce } from "./warn.ts";

export interface LocalSandboxOptions {
  /** Run without bubblewrap (rlimits and cgroups only). Programs then see the host's files. */
  unsafeNoSandbox?: boolean;
  /** Compile cache, PCH and helper binaries; default `.harness/cache`. */
  cacheDir?: string;
  /** Cap on the compiled programs kept in the cache, MiB (least recently used evicted); default 1024. */
  cacheMaxMb?: number;
  /** Parent of this instance's private scratch folder; default the OS temp folder. */
  workRoot?: string;
  /**
   * Offer {@link Sandbox.openSession}: one sandbox per sample's stdio tests instead of one per test
   * (default true; false measures or works around it).
   */
  sessions?: boolean;
  /** Tool locations (for unusual installs and tests); compilers must live under /usr. */
  tools?: Partial<ToolPaths>;
  /**
   * Python runs and pairs fork from warm zygotes (judges/local/warm/) when the sandbox can host them
   * (bwrap, root, cgroups); default true. false keeps every run on the cold path.
   */
  warmPython?: boolean;
}

/** What the instance is doing, for diagnostics and tests. */
export interface LocalSandboxInfo {
  mode: "bwrap" | "unsafe";
  /** uid programs run as, on the host. */
  uid: number;
  cgroup: { version: 1 | 2; dirs: string[] } | null;
  workDir: string;
  /** Where run folders live (inside workDir; the instance's runs tmpfs when it could mount one). */
  runsDir: string;
  /** Compiler and interpreter invocations so far (cache hits and shared in-flight compiles excluded). */
  compiles: number;
  /** Warm Python zygotes started so far (0 when the warm path is off or unused). */
  zygotes: number;
  /** Python jobs a zygote could not serve, which ran cold instead. */
  warmFallbacks: number;
  /**
   * CPU of every sandboxed process so far, ms: the instance's cgroup tree (v1 cpuacct charges each
   * run's CPU to its ancestors, removed runs included) plus the zygotes' own groups. bwrap does not
   * pass its children's CPU up to the harness's reaped-children figure, so this is the full count.
   */
  sandboxCpuMs: number | null;
}

export interface LocalSandbox extends Sandbox {
  runPair(program: PairSide, peer: PairSide): Promise<PairOutcome>;
  inspect(): Promise<LocalSandboxInfo>;
}

export const DEFAULT_CACHE_DIR = ".harness/cache";

/** Only sources that include <bits/stdc++.h> can use its PCH; others never pay for building it. */
const USES_BITS = /^\s*#\s*include\s*<bits\/stdc\+\+\.h>/m;

function isLocalHandle(handle: unknown): handle is LocalProgramHandle {
  return typeof handle === "object" && handle !== null && typeof (handle as LocalProgramHandle).programDir === "string";
}

function toLocalSide(side: PairSide, which: string): LocalPairSide {
  const { program, ...rest } = side;
  if (!isLocalHandle(program.handle)) throw new SandboxError(`runPair: the ${which} was not prepared by the local sandbox`, "internal");
  return { ...rest, language: program.language, handle: program.handle };
}

/** Creates the local sandbox; throws SandboxError("missing_tool") when bwrap or setpriv is missing. */
export function createLocalSandbox(opts: LocalSandboxOptions = {}): LocalSandbox {
  const tools = locateTools(opts.tools);
  const unsafeNoSandbox = opts.unsafeNoSandbox ?? false;
  checkLauncherTools({ unsafeNoSandbox, tools });
  if (unsafeNoSandbox) {
    warnOnce(
      "unsafe",
      "!!! unsafeNoSandbox: programs run WITHOUT bubblewrap. They can read the host's files and reach the network. Only rlimits and cgroups apply. Never use this for untrusted code. !!!",
    );
  }
  const cacheDir = resolve(opts.cacheDir ?? DEFAULT_CACHE_DIR);
  let compiles = 0;
  const lazy = createLazyContext("the local sandbox", () => createContext({ unsafeNoSandbox, cacheDir, workRoot: opts.workRoot, tools }));
  const context = lazy.get;
  const versionOf = new Map<string, string>();
  const version = (key: string, cmd: string[]) => {
    if (!versionOf.has(key)) versionOf.set(key, readVersion(cmd) ?? "unknown");
    return versionOf.get(key) ?? "unknown";
  };
  // One gate per compiler version; a cold build lets the cores other than its own compile without it.
  const pchGates = new Map<string, PchGate>();
  const warm = createWarmRunner(opts.warmPython ?? true, context);
  const gateFor = (gxx: string, key: string): PchGate => {
    let gate = pchGates.get(key);
    if (!gate) {
      gate = createPchGate(() => preparePch({ cacheDir, context }, gxx, CPP_FLAGS, key), () => spareCoresNow(), isPchCached(cacheDir, CPP_FLAGS, key));
      pchGates.set(key, gate);
    }
    return gate;
  };

  const preparers = (language: Language): Preparer => {
    const tool: keyof ToolPaths = language === "cpp" ? "gxx" : "python3";
    const path = requireTool(tools, tool, language === "cpp" ? "to compile C++" : "to run Python");
    const compilerVersion = () => version(tool, [path, "--version"]);
    if (language === "python") {
      return {
        compilerVersion,
        async compile(source: SourceFile, limits: CompileLimits) {
          const ctx = await context();
          compiles++;
          return checkPython(ctx, path, source, limits);
        },
      };
    }
    return {
      compilerVersion,
      async compile(source: SourceFile, limits: CompileLimits) {
        const ctx = await context();
        const key = compilerVersion();
        if (!USES_BITS.test(source.code)) {
          compiles++;
          return compileCpp(ctx, path, source, limits, null);
        }
        const lease = await gateFor(path, key).acquire();
        const phase = startPhase();
        try {
          compiles++;
          return await compileCpp(ctx, path, source, limits, lease.pch, lease.spare);
        } finally {
          endPhase(lease.pch ? "compile with the PCH" : "compile without the PCH (while it builds)", phase);
          lease.release();
        }
      },
    };
  };
  const prepare = createCachedPrepare(cacheDir, preparers, opts.cacheMaxMb === undefined ? undefined : opts.cacheMaxMb * 1024 * 1024);
  const sessionPool = new SessionPool();

  let selfTestPromise: Promise<void> | null = null;
  const sandbox: LocalSandbox = {
    name: "local",
    prepare,
    async whenReadyToPrepare(source: SourceFile) {
      // Only a C++ compile that uses the PCH can wait for it, and a program already cached compiles nothing.
      if (source.language !== "cpp" || !tools.gxx || !USES_BITS.test(source.code)) return;
      const key = version("gxx", [tools.gxx, "--version"]);
      if (isPrepared(cacheDir, source, key)) return;
      await gateFor(tools.gxx, key).whenReady();
    },
    async run(program: PreparedProgram, input: RunInput, limits: RunLimits) {
      if (!isLocalHandle(program.handle)) throw new SandboxError("this program was not prepared by the local sandbox", "internal");
      const ctx = await context();
      const warmOutcome = program.language === "python" ? await warm.run(program.handle, input, limits) : null;
      return warmOutcome ?? runProgram(ctx, program.language, program.handle, input, limits);
    },
    async openSession(program: PreparedProgram, limits: RunLimits) {
      if (!isLocalHandle(program.handle)) throw new SandboxError("this program was not prepared by the local sandbox", "internal");
      const handle = program.handle;
      const session = new LocalRunSession(await context(), sessionPool, program.language, handle, limits);
      if (program.language !== "python") return session;
      // Python forks from a warm zygote where it can (cheaper still); the session serves the rest.
      return { run: async (input: RunInput) => (await warm.run(handle, input, limits)) ?? session.run(input), close: () => session.close() };
    },
    async runPair(program: PairSide, peer: PairSide) {
      const ctx = await context();
      const [local, localPeer] = [toLocalSide(program, "program"), toLocalSide(peer, "peer")];
      return (await warm.runPair(local, localPeer)) ?? runLocalPair(ctx, local, localPeer);
    },
    // A pair's sides take turns, so two pairs share a run slot (judges/function/pair-slots.ts).
    pairsPerSlot: 2,
    selfTest() {
      selfTestPromise ??= selfTestSandbox(sandbox, LANGUAGES, { describeTool: (language) => describeTool(tools, language) });
      return selfTestPromise;
    },
    async versions() {
      const ctx = await context();
      const cgroup = ctx.cgroups ? `cgroup-v${ctx.cgroups.version}` : "rlimits-only";
      const user = ctx.owner ? `uid ${ctx.owner.uid}` : `uid ${process.getuid?.() ?? "?"} (not root)`;
      return {
        "g++": tools.gxx ? version("gxx", [tools.gxx, "--version"]) : "missing",
        "g++ flags": [...CPP_FLAGS, ...CPP_LINK_FLAGS].join(" "),
        python3: tools.python3 ? version("python3", [tools.python3, "--version"]) : "missing",
        bwrap: tools.bwrap ? version("bwrap", [tools.bwrap, "--version"]) : "missing",
        sandbox: `${ctx.mode === "bwrap" ? "bwrap" : "unsafe-no-sandbox"}, ${user}, ${cgroup}`,
      };
    },
    async inspect() {
      const ctx = await context();
      const dirs = ctx.cgroups ? [...new Set(Object.values(ctx.cgroups.bases))] : [];
      const treeCpuMs = readTreeCpuMs(ctx.cgroups?.bases.cpu, ctx.cgroups?.version);
      return {
        mode: ctx.mode,
        uid: ctx.owner?.uid ?? process.getuid?.() ?? -1,
        cgroup: ctx.cgroups ? { version: ctx.cgroups.version, dirs } : null,
        workDir: ctx.workDir,
        runsDir: ctx.runsDir,
        compiles,
        zygotes: warm.started(),
        warmFallbacks: warm.fallbacks(),
        sandboxCpuMs: treeCpuMs === null ? null : treeCpuMs + warm.zygoteCpuMs(),
      };
    },
    async close() {
      // A PCH still building uses the work folder that closing removes.
      await Promise.all([...pchGates.values()].map((gate) => gate.settle()));
      await warm.close();
      // Spares and session sandboxes still being torn down use the work folder that closing removes.
      await sessionPool.close();
      await lazy.close();
    },
  };
  if (opts.sessions === false) delete sandbox.openSession;
  return sandbox;
}

/** CPU charged to a cgroup folder and its descendants (v1 cpuacct.usage, v2 cpu.stat usage_usec), ms. */
function readTreeCpuMs(dir: string | undefined, version: 1 | 2 | undefined): number | null {
  if (!dir) return null;
  try {
    if (version === 1) return Number(readFileSync(join(dir, "cpuacct.usage"), "utf8").trim()) / 1e6;
    const usec = /^usage_usec (\d+)$/m.exec(readFileSync(join(dir, "cpu.stat"), "utf8"))?.[1];
    return usec === undefined ? null : Number(usec) / 1000;
  } catch {
    return null;
  }
}

/** Which tool a failing language ran, and the variable that sets it. */
function describeTool(tools: Record<keyof ToolPaths, string | null>, language: Language): string {
  return language === "cpp" ? `g++ (${tools.gxx ?? "missing"}; HARNESS_GXX)` : `python3 (${tools.python3 ?? "missing"}; HARNESS_PYTHON3)`;
}
