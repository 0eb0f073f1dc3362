/**
 * The only place that wires concrete judge backends. `--judge NAME` picks one; each backend reads
 * its own settings (`--judge-opt key=value` on the command line, or the `HARNESS_*` variable of
 * each key) into a typed object, and is created from that. Each factory imports its backend lazily
 * so that choosing one never loads the others (or their SDKs).
 */
import { UsageError } from "../../judges/errors.ts";
import type { Sandbox } from "../../judges/types.ts";
import type { PistonSandboxOptions } from "../../judges/piston/index.ts";
import { readFileSync } from "node:fs";

/** What the command line gives every backend. */
export interface BackendOptions {
  /** `--unsafe-no-sandbox`: only backends that sandbox locally honour it; others refuse it. */
  unsafeNoSandbox?: boolean;
  /** `--judge-opt key=value`, repeatable: settings of the chosen backend. */
  judgeOpt?: string[];
  /** Cache folder (compile cache...), for callers that keep their own (the bench). */
  cacheDir?: string;
}

/** One setting a backend takes: its `--judge-opt` key, the environment variable that also sets it. */
export interface BackendSettingSpec {
  env: string;
  help: string;
}

/** A backend: the settings it takes, how it reads them, how it is created from them. */
export interface BackendDefinition<S> {
  description: string;
  settings: Record<string, BackendSettingSpec>;
  /** Builds the typed settings from the raw values (command line over environment) and the common options. */
  configure(raw: Record<string, string>, opts: BackendOptions): S;
  create(settings: S): Promise<Sandbox>;
}

/** Settings of the local bubblewrap sandbox (judges/local/). */
export interface LocalBackendSettings {
  unsafeNoSandbox: boolean;
  cacheDir?: string;
  /** Tool locations for machines that keep them elsewhere. */
  tools: { gxx?: string; python3?: string; bwrap?: string };
  /** One sandbox per sample's stdio tests (judges/local/session.ts); false runs one per test. */
  sessions: boolean;
  /** Python runs and pairs fork from warm zygotes (judges/local/warm/); false keeps them cold. */
  warmPython: boolean;
}

const local: BackendDefinition<LocalBackendSettings> = {
  description: "g++ and python3 under bubblewrap on this machine",
  settings: {
    gxx: { env: "HARNESS_GXX", help: "path of g++ (under /usr)" },
    python3: { env: "HARNESS_PYTHON3", help: "path of python3 (under /usr)" },
    bwrap: { env: "HARNESS_BWRAP", help: "path of bubblewrap" },
    "cache-dir": { env: "HARNESS_JUDGE_CACHE", help: "compile cache folder (default .harness/cache)" },
    sessions: { env: "HARNESS_SESSIONS", help: "one sandbox per sample's stdio tests: on (default) or off (one per test)" },
    "warm-python": { env: "HARNESS_WARM_PYTHON", help: "Python runs fork from warm zygotes: on (default) or off (a fresh interpreter per run)" },
  },
  configure(raw, opts) {
    const tools: LocalBackendSettings["tools"] = {};
    if (raw.gxx) tools.gxx = raw.gxx;
    if (raw.python3) tools.python3 = raw.python3;
    if (raw.bwrap) tools.bwrap = raw.bwrap;
    const sessions = raw.sessions ?? "on";
    if (sessions !== "on" && sessions !== "off") throw new UsageError(`--judge-opt sessions must be on or off, got ${JSON.stringify(sessions)}`);
    const warm = raw["warm-python"] ?? "on";
    if (warm !== "on" && warm !== "off") throw new UsageError(`--judge-opt warm-python must be on or off, got ${JSON.stringify(warm)}`);
    return { unsafeNoSandbox: opts.unsafeNoSandbox ?? false, cacheDir: raw["cache-dir"] ?? opts.cacheDir, tools, sessions: sessions === "on", warmPython: warm === "on" };
  },
  create: async (s) => (await import("../../judges/local/index.ts")).createLocalSandbox(s),
};

/** Default requests in flight per Piston endpoint (a stock Piston runs 64 jobs at once; ours one per core, queueing the rest). */
const PISTON_CONCURRENCY = 8;

const piston: BackendDefinition<PistonSandboxOptions> = {
  description: "a Piston server (API v2), stock or `serve --piston`, or several of them",
  settings: {
    piston: { env: "HARNESS_PISTON_URLS", help: "endpoint URLs, comma-separated; URL*N sets one endpoint's concurrency" },
    "endpoints-file": { env: "HARNESS_PISTON_ENDPOINTS_FILE", help: "file of endpoints, one 'URL [concurrency]' a line (# comments)" },
    concurrency: { env: "HARNESS_PISTON_CONCURRENCY", help: `requests in flight per endpoint (default ${PISTON_CONCURRENCY})` },
    token: { env: "HARNESS_PISTON_TOKEN", help: "bearer token the servers require" },
    "output-cap": { env: "HARNESS_PISTON_OUTPUT_CAP", help: "the servers' output cap in bytes when they do not state it (stock Piston: 1024)" },
    "cpp-version": { env: "HARNESS_PISTON_CPP_VERSION", help: "C++ runtime version to ask for (default: newest)" },
    "python-version": { env: "HARNESS_PISTON_PYTHON_VERSION", help: "Python runtime version to ask for (default: newest 3.x)" },
    "batch-tests": { env: "HARNESS_PISTON_BATCH_TESTS", help: "C++ tests per batched execute, compile once run many (default: 32 unless every server caches compiles; 1: one execute per test)" },
  },
  configure(raw, opts) {
    if (opts.unsafeNoSandbox) throw new UsageError("--unsafe-no-sandbox does not apply to --judge piston: the Piston server decides how it sandboxes");
    const concurrency = raw.concurrency ? positiveInt(raw.concurrency, "--judge-opt concurrency") : PISTON_CONCURRENCY;
    const endpoints = [
      ...(raw.piston ?? "").split(",").map((s) => s.trim()).filter(Boolean).map((spec) => parseEndpoint(spec, concurrency, "--judge-opt piston")),
      ...(raw["endpoints-file"] ? readEndpointsFile(raw["endpoints-file"], concurrency) : []),
    ];
    if (endpoints.length === 0) throw new UsageError("--judge piston needs endpoints: --judge-opt piston=URL[,URL…] (or HARNESS_PISTON_URLS, or endpoints-file)");
    return {
      endpoints,
      ...(raw.token ? { token: raw.token } : {}),
      ...(raw["output-cap"] ? { outputCap: positiveInt(raw["output-cap"], "--judge-opt output-cap") } : {}),
      ...(raw["batch-tests"] ? { batchTests: positiveInt(raw["batch-tests"], "--judge-opt batch-tests") } : {}),
      versions: { ...(raw["cpp-version"] ? { cpp: raw["cpp-version"] } : {}), ...(raw["python-version"] ? { python: raw["python-version"] } : {}) },
    };
  },
  create: async (s) => (await import("../../judges/piston/index.ts")).createPistonSandbox(s),
};

function positiveInt(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${where}: expected a positive integer, got '${value}'`);
  return n;
}

/** `http://host:2000` or `http://host:2000*16` (16 requests in flight there). */
function parseEndpoint(spec: string, concurrency: number, where: string): { url: string; concurrency: number } {
  const star = spec.lastIndexOf("*");
  const url = (star > 0 ? spec.slice(0, star) : spec).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new UsageError(`${where}: '${spec}' is not an http(s) URL`);
  return { url, concurrency: star > 0 ? positiveInt(spec.slice(star + 1), `${where} '${spec}'`) : concurrency };
}

function readEndpointsFile(path: string, concurrency: number): { url: string; concurrency: number }[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`endpoints-file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return text.split("\n").flatMap((line, i) => {
    const [url, n] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!url) return [];
    const where = `endpoints-file ${path}:${i + 1}`;
    return [{ ...parseEndpoint(url, concurrency, where), ...(n ? { concurrency: positiveInt(n, where) } : {}) }];
  });
}

/** Settings of the WASM judge (judges/wasm/): clang runs in the local OS sandbox, programs as WebAssembly. */
export interface WasmBackendSettings {
  /** Compile without bubblewrap (rlimits and cgroups only); programs still run as WebAssembly. */
  unsafeNoSandbox: boolean;
  cacheDir: string;
  poolSize?: number;
  clang?: string;
}

const wasm: BackendDefinition<WasmBackendSettings> = {
  description: "C/C++ compiled to wasm32-wasi by clang (in the local OS sandbox), run under @wasmer/sdk in killable worker processes; Python under Pyodide in single-use workers inside the local OS sandbox",
  settings: {
    "pool-size": { env: "HARNESS_WASM_POOL_SIZE", help: "guest worker processes kept warm (default: the number of cores)" },
    clang: { env: "HARNESS_WASM_CLANG", help: "path of clang++ (under /usr)" },
    "cache-dir": { env: "HARNESS_JUDGE_CACHE", help: "compile cache folder (default .harness/cache)" },
  },
  configure(raw, opts) {
    let poolSize: number | undefined;
    if (raw["pool-size"] !== undefined) {
      poolSize = Number(raw["pool-size"]);
      if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 256) throw new UsageError(`judge 'wasm': pool-size must be an integer from 1 to 256, got '${raw["pool-size"]}'`);
    }
    return { unsafeNoSandbox: opts.unsafeNoSandbox ?? false, cacheDir: raw["cache-dir"] ?? opts.cacheDir ?? ".harness/cache", poolSize, clang: raw.clang };
  },
  async create(s) {
    // The WASM judge compiles inside the local OS sandbox: the registry lends it as a ToolRunner,
    // so judges/wasm never imports judges/local.
    const { createLocalToolRunner } = await import("../../judges/local/tool-runner.ts");
    const toolRunner = createLocalToolRunner({ unsafeNoSandbox: s.unsafeNoSandbox, cacheDir: s.cacheDir });
    const { createWasmSandbox } = await import("../../judges/wasm/index.ts");
    try {
      return createWasmSandbox({ toolRunner, cacheDir: s.cacheDir, poolSize: s.poolSize, clang: s.clang });
    } catch (error) {
      await toolRunner.close();
      throw error;
    }
  },
};

/** A backend with its settings type erased, so that backends of different settings share one table. */
export interface JudgeBackend {
  description: string;
  settings: Record<string, BackendSettingSpec>;
  open(raw: Record<string, string>, opts: BackendOptions): Promise<Sandbox>;
}

/** Erases a definition's settings type (configure and create stay paired). */
export function defineBackend<S>(def: BackendDefinition<S>): JudgeBackend {
  return { description: def.description, settings: def.settings, open: (raw, opts) => def.create(def.configure(raw, opts)) };
}

/**
 * Judge backends by name. A new backend (Piston: endpoint URLs; WASM: pool size) adds an entry
 * with its own settings type; see judges/README.md, "Adding a judge backend".
 */
export const JUDGE_BACKENDS: Record<string, JudgeBackend> = { local: defineBackend(local), piston: defineBackend(piston), wasm: defineBackend(wasm) };

/** Reads a backend's raw settings: `--judge-opt key=value` over the key's environment variable. */
export function readBackendSettings(
  name: string,
  def: Pick<JudgeBackend, "settings">,
  judgeOpt: string[] = [],
  env: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [key, spec] of Object.entries(def.settings)) {
    const value = env[spec.env];
    if (value) raw[key] = value;
  }
  for (const item of judgeOpt) {
    const eq = item.indexOf("=");
    const key = eq > 0 ? item.slice(0, eq) : "";
    if (!(key in def.settings)) {
      const known = Object.keys(def.settings).join(", ") || "none";
      throw new UsageError(`--judge-opt '${item}': judge '${name}' takes key=value with key one of: ${known}`);
    }
    raw[key] = item.slice(eq + 1);
  }
  return raw;
}

/** Creates the named judge backend from its settings; an unknown name lists the known ones. */
export async function createJudgeBackend(name: string, opts: BackendOptions = {}, env: Record<string, string | undefined> = process.env): Promise<Sandbox> {
  const def = JUDGE_BACKENDS[name];
  if (!def) throw new UsageError(`unknown judge '${name}'; known judges: ${Object.keys(JUDGE_BACKENDS).join(", ")}`);
  return def.open(readBackendSettings(name, def, opts.judgeOpt, env), opts);
}

/**
 * Creates the named backend and runs its self-test once, as every command that judges does at
 * start-up: a broken toolchain fails here, with a clear SandboxError, before anything is judged.
 */
export async function openJudgeBackend(name: string, opts: BackendOptions = {}, env: Record<string, string | undefined> = process.env): Promise<Sandbox> {
  const sandbox = await createJudgeBackend(name, opts, env);
  try {
    await sandbox.selfTest();
  } catch (err) {
    await sandbox.close?.().catch(() => undefined);
    throw err;
  }
  return sandbox;
}
