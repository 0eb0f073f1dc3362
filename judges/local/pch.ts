/**
 * The precompiled <bits/stdc++.h>: built once per compiler flags and g++ version, kept in the
 * cache, and mounted read-only at /pch for every C++ compile.
 *
 * It is placed where the compiler finds it (`-I/pch`, /pch/bits/stdc++.h.gch next to a copy of the
 * header) rather than force-included with `-include`: a program that forgets an #include still fails
 * as it would on a real judge, and one that starts with #include <bits/stdc++.h> gets the PCH.
 */
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { ensureEntry, entryDir, hashKey } from "../cache-store.ts";
import { endPhase, PCH_PHASES, startPhase } from "../profile.ts";
import { CACHE_FORMAT } from "./cache.ts";
import type { SandboxContext } from "./context.ts";
import { execInSandbox, type ExecLimits } from "./exec.ts";
import { createRunDir } from "./scratch.ts";
import { warnOnce } from "./warn.ts";

export const PCH_DEST = "/pch";
export const PCH_HEADER = "bits/stdc++.h";
/** Flags a compile adds to use the PCH; -Winvalid-pch says so loudly when the flags drifted. */
export const PCH_USE_FLAGS = ["-I", PCH_DEST, "-Winvalid-pch"];

const BUILD_LIMITS: ExecLimits = {
  cpuMs: 120_000,
  wallMs: 180_000,
  memoryBytes: 2 * 1024 ** 3,
  processes: 16,
  fileBytes: 1 << 30,
  stackBytes: 64 << 20,
  nofile: 256,
};
const PROBE = "probe.cpp";

/**
 * What /pch/bits/stdc++.h holds: a header that only continues the search for <bits/stdc++.h> past
 * /pch, i.e. the compiler's own. The PCH is built from it (as the primary file `#include_next` acts
 * as `#include`), and a compile that finds the .gch invalid falls back to it. No lookup of where the
 * compiler keeps the header, which was a sandboxed `g++ -E -H` on the serial path of every cold C++ run.
 */
const FORWARDING_HEADER = `#include_next <${PCH_HEADER}>\n`;

/** Whether a compile with PCH_USE_FLAGS actually loads the .gch ("! /pch/bits/stdc++.h.gch" under -H). */
export async function probePchUse(ctx: SandboxContext, gxx: string, flags: string[], pchDir: string): Promise<boolean> {
  const run = createRunDir(ctx, "pch-probe-");
  try {
    const box = run.makeDir("box", true);
    writeFileSync(join(box, PROBE), `#include <${PCH_HEADER}>\nint main() {}\n`);
    const result = await execInSandbox(ctx, {
      command: [gxx, ...flags, ...PCH_USE_FLAGS, "-H", "-fsyntax-only", PROBE],
      mounts: [
        { src: box, dest: "/box", writable: true },
        { src: pchDir, dest: PCH_DEST },
      ],
      cwd: "/box",
      env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" },
      statusPath: run.statusPath,
      limits: BUILD_LIMITS,
      stdoutBytes: 1 << 16,
      stderrBytes: 1 << 20,
    });
    return result.status?.kind === "exit" && result.status.code === 0 && result.stderr.includes(`! ${PCH_DEST}/${PCH_HEADER}.gch`);
  } finally {
    await run.dispose();
  }
}

/** Times `work` as `phase` (judges/profile.ts; nothing when profiling is off). */
async function timed<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
  const started = startPhase();
  try {
    return await work();
  } finally {
    endPhase(phase, started);
  }
}

/** The build's environment, as inside the sandbox. */
const BUILD_ENV = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp" };

/**
 * Builds the PCH into `target` with g++ outside the sandbox. Its only inputs are the forwarding
 * header and the compiler's own library, nothing a submission wrote (as for sandbox-init's build), so
 * it needs no isolation; built outside, it waits for no sandbox set-up (0.1-0.4 s, which now runs
 * beside it) and lands in the cache without a 100 MB copy out of a run folder. Where it was built does
 * not matter to g++: sandboxed compiles load it at /pch (the use-probe checks that they do).
 */
async function buildPch(gxx: string, flags: string[], target: string): Promise<void> {
  mkdirSync(join(target, "bits"), { recursive: true });
  writeFileSync(join(target, PCH_HEADER), FORWARDING_HEADER, { mode: 0o644 });
  const gch = join(target, `${PCH_HEADER}.gch`);
  const [stderr, code] = await timed(PCH_PHASES.build, () => {
    const proc = Bun.spawn({
      cmd: [gxx, ...flags, "-x", "c++-header", PCH_HEADER, "-o", `${PCH_HEADER}.gch`],
      cwd: target,
      env: BUILD_ENV,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "pipe",
      timeout: BUILD_LIMITS.wallMs,
      killSignal: "SIGKILL",
    });
    return Promise.all([new Response(proc.stderr).text(), proc.exited]);
  });
  if (code !== 0 || !existsSync(gch)) throw new Error(`building the PCH failed (exit ${code}): ${stderr.slice(0, 2000)}`);
  // Whatever the harness's umask, the sandbox user must read it (staging hard-links the same inode).
  chmodSync(gch, 0o644);
}

/** Puts the cached PCH into the instance's work folder (hard link, else copy), where the sandbox user can read it. */
function stagePch(ctx: SandboxContext, entry: string, key: string): string {
  const staged = join(ctx.workDir, `pch-${key.slice(0, 16)}`);
  if (existsSync(join(staged, `${PCH_HEADER}.gch`))) return staged;
  mkdirSync(join(staged, "bits"), { recursive: true, mode: 0o755 });
  for (const name of [PCH_HEADER, `${PCH_HEADER}.gch`]) {
    try {
      linkSync(join(entry, name), join(staged, name));
    } catch {
      copyFileSync(join(entry, name), join(staged, name));
    }
  }
  return staged;
}

/** The PCH key: flags and exact compiler version (a .gch is only valid for both). */
export function pchKey(flags: string[], compilerVersion: string): string {
  return hashKey({ format: CACHE_FORMAT, kind: "pch", header: PCH_HEADER, flags, compilerVersion });
}

/** Builds in progress in this process, per cache folder and key: sandbox instances share one build. */
const building = new Map<string, Promise<string>>();

function ensurePchEntry(cacheDir: string, gxx: string, flags: string[], key: string): Promise<string> {
  const id = `${cacheDir}\0${key}`;
  let pending = building.get(id);
  if (!pending) {
    pending = ensureEntry(cacheDir, "pch", key, (tmp) => buildPch(gxx, flags, tmp)).finally(() => building.delete(id));
    building.set(id, pending);
  }
  return pending;
}

/** Where a PCH is kept (the cache folder) and used (the sandbox, set up on demand). */
export interface PchPlace {
  cacheDir: string;
  context: () => Promise<SandboxContext>;
}

/** A staged PCH folder, and whether g++ accepts it (the use-probe, which compiles need not wait for). */
export interface StagedPch {
  dir: string;
  accepted: Promise<boolean>;
}

/**
 * Stages the PCH folder to mount at /pch, building it on first use, and starts the use-probe beside
 * the first compiles rather than before them (0.2-0.5 s less on the serial path of a cold C++ run): a
 * compile that meets a PCH g++ rejects still compiles, from the forwarding header, with a
 * -Winvalid-pch warning in its log. Null (after a one-time warning) when it cannot be built; a probe
 * that fails warns once too, and then compiles go without it.
 */
export async function preparePch(where: PchPlace, gxx: string, flags: string[], compilerVersion: string): Promise<StagedPch | null> {
  const key = pchKey(flags, compilerVersion);
  let dir: string;
  let ctx: SandboxContext;
  try {
    // The build needs no sandbox: the sandbox's set-up runs beside it.
    const [entry, context] = await Promise.all([ensurePchEntry(where.cacheDir, gxx, flags, key), where.context()]);
    ctx = context;
    dir = stagePch(ctx, entry, key);
  } catch (error) {
    warnOnce(`pch-failed-${key}`, `cannot build the precompiled <bits/stdc++.h> (${(error as Error).message}); compiling without it.`);
    return null;
  }
  const accepted = timed(PCH_PHASES.probe, () => probePchUse(ctx, gxx, flags, dir)).catch(() => false);
  void accepted.then((ok) => {
    if (!ok) warnOnce(`pch-unused-${key}`, "the precompiled <bits/stdc++.h> is not accepted by g++ (-Winvalid-pch); compiling without it.");
  });
  return { dir, accepted };
}

/** Whether the cache already holds the PCH for these flags and compiler (then preparing it costs a probe, not a build). */
export function isPchCached(cacheDir: string, flags: string[], compilerVersion: string): boolean {
  return existsSync(join(entryDir(cacheDir, "pch", pchKey(flags, compilerVersion)), `${PCH_HEADER}.gch`));
}

/**
 * Cores the PCH build leaves idle right now: cores − 1 while the 1-minute load average is below the
 * core count, else none (measured under load 16–30 on 2 cores, compiling without the PCH there only
 * added ~11% CPU to a cold C++ pass and bought no wall time).
 */
export function spareCoresNow(cores: number = availableParallelism(), load: number = loadavg()[0] ?? 0): number {
  return load < cores ? Math.max(0, cores - 1) : 0;
}

/** What a C++ compile that includes <bits/stdc++.h> is given: the PCH folder or null, and a release for its lane. */
export interface PchLease {
  pch: string | null;
  /** A spare lane's lease: compiling without the PCH only because it is still building (filler work). */
  spare: boolean;
  release(): void;
}

/** Hands the PCH to compiles; see {@link createPchGate}. */
export interface PchGate {
  acquire(): Promise<PchLease>;
  /**
   * Starts the build and resolves once a compile could start without waiting: the PCH is ready or a
   * lane is free. A scheduler awaits it before giving a compile a core, so a compile that would only
   * wait for the build holds none meanwhile (other work takes it).
   */
  whenReady(): Promise<void>;
  /** Settles once no build is running, so the sandbox's work folder outlives it. */
  settle(): Promise<void>;
}

/**
 * Starts preparing the PCH on the first compile that can use it and, while it builds, lets up to
 * `spareLanes` compiles at once go without it rather than wait: a cold build takes seconds of one
 * core, and without this the other cores have nothing to do (every sample is still compiling). A
 * compile without the PCH makes the same program (the header is the same file; the cache key has no
 * PCH in it) at about 3x the CPU. Compiles beyond the spare lanes wait for the build. When the PCH is
 * already cached (`cached`), preparing it is a short probe, so every compile waits for it instead.
 * `spareLanes` may be a function, asked at each compile: cores are only spare on a machine that is not
 * already saturated, and there a compile without the PCH is pure extra CPU (see {@link spareCoresNow}).
 */
export function createPchGate(prepare: () => Promise<StagedPch | null>, spareLanes: number | (() => number), cached: boolean): PchGate {
  const lanes = typeof spareLanes === "number" ? () => spareLanes : spareLanes;
  let pending: Promise<string | null> | null = null;
  let accepted: Promise<boolean> | null = null;
  let rejected = false;
  let done = false;
  let lanesInUse = 0;
  const noLane = () => {};
  // Waiters of whenReady(), woken (all, they check again) when a lane frees or the build ends.
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const start = (): Promise<string | null> => {
    pending ??= prepare()
      .then((staged) => {
        // A PCH the probe rejects is not handed out again; compiles that took it meanwhile still compile.
        accepted = staged?.accepted.then((ok) => (rejected = !ok)) ?? null;
        return staged?.dir ?? null;
      })
      .finally(() => {
        done = true;
        wake();
      });
    return pending;
  };
  const laneFree = () => !done && !cached && lanesInUse < lanes();
  return {
    async whenReady() {
      void start();
      while (!done && !laneFree()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async acquire() {
      void start();
      if (laneFree()) {
        lanesInUse++;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          lanesInUse--;
          wake();
        };
        return { pch: null, spare: true, release };
      }
      const dir = await start();
      return { pch: rejected ? null : dir, spare: false, release: noLane };
    },
    async settle() {
      await pending?.catch(() => null);
      await accepted;
    },
  };
}
