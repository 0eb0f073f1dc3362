/**
 * The Piston judge backend: the Sandbox contract over Piston's HTTP API v2 (stock Piston, or our
 * `serve --piston`). Piston compiles on every execute, so `prepare` only checks the program once (a
 * compile for C++, a syntax check for Python, each inside the server's sandbox) to give CE early,
 * and keeps the source; every `run` sends it again. Stock Piston runs one process per request with no
 * pipe to another, so `runPair` is offered only once the self-test has found that every endpoint
 * advertises our server's execute-pair extension; otherwise function-mode and interactive problems
 * stop with the grader's clear "no runPair" error. See judges/piston/README.md.
 */
import { createHash } from "node:crypto";
import { CACHED_COMPILE_EXTENSION, COLLECT_EXTENSION, PAIR_EXTENSION, STOCK_OUTPUT_CAP, type PistonExecuteRequest, type PistonFile, type PistonRuntime } from "../piston-wire.ts";
import { selfTestSandbox } from "../self-test.ts";
import type { CompileLimits, Language, PairOutcome, PairSide, PreparedProgram, PrepareResult, RunInput, RunLimits, RunOutcome, Sandbox, SourceFile } from "../types.ts";
import { LANGUAGES, SandboxError } from "../types.ts";
import { createBatcher } from "./batch-execute.ts";
import { openBatchSession } from "./batch-session.ts";
import { PistonClient } from "./client.ts";
import type { EndpointSpec } from "./endpoints.ts";
import { ServerMaxima } from "./maxima.ts";
import { failedCompile, mapCompileFailure, mapRunStage } from "./outcome.ts";
import { runInSlices, type SliceDeps } from "./slices.ts";

export interface PistonSandboxOptions {
  endpoints: EndpointSpec[];
  token?: string;
  /** Piston language names to ask for (default: the first runtime answering to c++/cpp, python3/python). */
  languages?: Partial<Record<Language, string>>;
  /** Version or semver range per language (default: the newest the server lists). */
  versions?: Partial<Record<Language, string>>;
  /** The servers' output cap per stream, bytes, when they do not state it (stock Piston: 1024). */
  outputCap?: number;
  /**
   * C++ tests per batched execute (compile once, run many; batch.ts), at most; 1 turns batching off.
   * Default: 32 when some endpoint compiles on every execute (stock Piston), off when every endpoint
   * advertises a compile cache (serve --piston), where a batch would only compile a second time.
   * A batch also stops at the stage limits and report size the server grants.
   */
  batchTests?: number;
  /** Bytes of test input per batched request (default 60 kB: stock Piston refuses bodies over 100 kB). */
  batchInputBytes?: number;
  /** Extra time a request may take beyond its limits (queueing on a busy server), ms (default 120 000). */
  requestSlackMs?: number;
  maxAttempts?: number;
  giveUpMs?: number;
}

interface Handle {
  runtime: PistonRuntime;
  main: PistonFile;
  extra: PistonFile[];
  compile: CompileLimits;
}

/** Names Piston servers use for our languages, in order of preference. */
// Not "gcc": stock Piston gives that alias to its C runtime.
const NAMES: Record<Language, string[]> = { cpp: ["c++", "cpp", "g++"], python: ["python", "python3", "py"] };
const MAIN_FILE: Record<Language, string> = { cpp: "solution.cpp", python: "solution.py" };

/** A Python syntax check run inside the server: compiles the candidate without running it. */
const PY_CHECK = [
  "import sys, traceback",
  "src = open('solution.py', encoding='utf-8', errors='surrogateescape').read()",
  "try:",
  "    compile(src, 'solution.py', 'exec')",
  "except (SyntaxError, ValueError) as e:",
  "    sys.stderr.write(''.join(traceback.format_exception_only(type(e), e)))",
  "    sys.exit(1)",
  "",
].join("\n");

export function createPistonSandbox(o: PistonSandboxOptions): Sandbox {
  const client = new PistonClient({ endpoints: o.endpoints, token: o.token, maxAttempts: o.maxAttempts, giveUpMs: o.giveUpMs });
  const slack = o.requestSlackMs ?? 120_000;
  const maxima = new ServerMaxima();
  /** Sends a request, lowering limits the servers refuse where that cannot change a verdict (maxima.ts). */
  const execute = async (request: PistonExecuteRequest, timeoutMs: number) => {
    for (;;) {
      try {
        return await client.execute(maxima.apply(request), timeoutMs);
      } catch (err) {
        if (!maxima.learn(err)) throw err;
      }
    }
  };
  const sliceDeps: SliceDeps = { execute: async (request, timeoutMs) => (await execute(request, timeoutMs)).body, grant: (field, value) => maxima.grant(field, value), slackMs: slack };
  let runtimes: Promise<Record<Language, PistonRuntime>> | null = null;
  /** Whether every endpoint reads files back (our server's `collect` extension; learnt at self-test). */
  let canCollect = false;
  /** The request's `collect`, or a SandboxError where the servers cannot read files back. */
  const collectField = (collect: string[] | undefined, what: string): { collect?: string[] } => {
    if (!collect || collect.length === 0) return {};
    if (!canCollect) throw new SandboxError(`the piston backend cannot read files back from ${what} (${collect.join(", ")}): stock Piston returns stdout and stderr only (serve --piston has the collect extension)`, "internal");
    return { collect };
  };

  const resolveRuntimes = () =>
    (runtimes ??= client.runtimes().then(({ body }) => pickRuntimes(body, o)).catch((err) => {
      runtimes = null;
      throw err;
    }));

  /** Both sides in one execute-pair request (our server's extension); each side is sent as in `run`. */
  const runPair = async (program: PairSide, peer: PairSide): Promise<PairOutcome> => {
    const sideRequest = (side: PairSide, what: string): PistonExecuteRequest => {
      const collect = collectField(side.collect, `a pair run's ${what}`);
      const h = side.program.handle as Handle;
      const files = [mainBeside(h.main, side.files), ...h.extra, ...Object.entries(side.files ?? {}).map(([name, content]) => asData(name, content))];
      return maxima.apply({ ...executeRequest(h.runtime, files, "", side.args ?? [], h.compile, side.limits), ...collect });
    };
    const request = { program: sideRequest(program, "program"), peer: sideRequest(peer, "peer") };
    const compileMs = Math.max((program.program.handle as Handle).compile.wallMs, (peer.program.handle as Handle).compile.wallMs);
    const { body, outputCap } = await client.executePair(request, compileMs + Math.max(program.limits.wallMs, peer.limits.wallMs) + 2000 + slack);
    for (const [what, side] of [["program", body.program], ["peer", body.peer]] as const) {
      const compile = failedCompile(side.compile);
      if (compile) throw new SandboxError(`piston: the pair's ${what}, which compiled at prepare, failed to compile at run (${compile.status ?? `code ${compile.code}`})`, "remote_unreachable");
    }
    const cap = outputCap ?? o.outputCap ?? STOCK_OUTPUT_CAP;
    return { program: mapRunStage(body.program.run, program.limits, cap), peer: mapRunStage(body.peer.run, peer.limits, cap) };
  };

  /** Learnt from answers: the servers' output cap (a batch's report must fit in it). */
  let statedCap: number | null = null;
  // No batching until the self-test has seen whether every endpoint caches compiles (the CLI runs it first).
  const batcher = createBatcher(
    {
      client,
      maxima,
      slackMs: slack,
      inputBytes: o.batchInputBytes ?? 60_000,
      outputCap: () => statedCap ?? o.outputCap ?? STOCK_OUTPUT_CAP,
      noteOutputCap: (cap) => {
        statedCap = cap;
      },
    },
    1,
  );

  const sandbox: Sandbox = {
    name: "piston",
    // The fleet's total: the grader's slots must not cap it at this machine's cores.
    capacity: o.endpoints.reduce((sum, e) => sum + e.concurrency, 0),
    async prepare(source: SourceFile, limits: CompileLimits): Promise<PrepareResult> {
      const runtime = (await resolveRuntimes())[source.language];
      const main: PistonFile = { name: MAIN_FILE[source.language], content: source.code };
      // C++ extra files (headers) go base64: stock Piston hands every utf8 file to the compiler. Python
      // ones (modules the program imports) go utf8, which our server keeps beside the program, on sys.path.
      const extra = Object.entries(source.extraFiles ?? {}).map(([name, content]) => (source.language === "python" ? { name, content } : asData(name, content)));
      const started = performance.now();
      const files = source.language === "python" ? [{ name: "check.py", content: PY_CHECK }, asData("solution.py", source.code), ...extra] : [main, ...extra];
      // The check's run stage is not wanted: 1 ms (0 would mean Piston's default, 3 s) keeps a
      // spinning program from holding a server slot; the Python checker needs longer to start.
      const checkRun = source.language === "python" ? { cpuMs: 5000, wallMs: 10_000, memoryMb: 256 } : { cpuMs: 1, wallMs: 1, memoryMb: 256 };
      const request = executeRequest(runtime, files, "", [], limits, checkRun);
      const { body } = await execute(request, limits.wallMs * 2 + 2000 + slack);
      const timeMs = Math.round(performance.now() - started);
      const failed = failedCompile(body.compile);
      if (failed) return mapCompileFailure(failed, limits, timeMs);
      if (source.language === "python" && body.run.code !== 0) {
        if (body.run.code === 1 && /Error/.test(body.run.stderr)) return { ok: false, log: body.run.stderr.slice(0, limits.logBytes), timeMs, cause: "compile_error" };
        throw new SandboxError(`piston: the Python syntax check did not finish (${body.run.status ?? "?"} ${body.run.message ?? ""})`, "remote_unreachable");
      }
      const key = createHash("sha256").update(JSON.stringify([runtime.language, runtime.version, source.code, source.extraFiles ?? {}])).digest("hex");
      const handle: Handle = { runtime, main, extra, compile: limits };
      const program: PreparedProgram = { language: source.language, key, handle };
      return { ok: true, program, log: (body.compile?.output ?? "").slice(0, limits.logBytes), timeMs, cached: false };
    },

    async run(program: PreparedProgram, input: RunInput, limits: RunLimits): Promise<RunOutcome> {
      const h = program.handle as Handle;
      const collect = collectField(input.collect, "a run");
      // Input files go base64 as well, so no server mistakes them for source to compile.
      const files = [mainBeside(h.main, input.files), ...h.extra, ...Object.entries(input.files ?? {}).map(([name, content]) => asData(name, content))];
      const request = { ...executeRequest(h.runtime, files, input.stdin ?? "", input.args ?? [], h.compile, limits), ...collect };
      const { body, outputCap } = await execute(request, h.compile.wallMs + limits.wallMs + 2000 + slack);
      if (outputCap !== null) statedCap = outputCap;
      const compile = failedCompile(body.compile);
      if (compile) {
        const how = compile.status ?? `code ${compile.code}`;
        throw new SandboxError(`piston: a program that compiled at prepare failed to compile at run (${how}): ${(compile.output ?? "").slice(0, 200)}`, "remote_unreachable");
      }
      const cap = outputCap ?? o.outputCap ?? STOCK_OUTPUT_CAP;
      // Output cut at a cap below our limit: read it back in slices (slices.ts), plain stdio runs only.
      const cut = body.run.status === "OL" || body.run.status === "EL";
      if (cut && cap < limits.outputBytes && !input.files && !input.collect && !input.args?.length) {
        const job = { language: program.language, runtime: h.runtime, source: h.main.content, extra: h.extra, compile: h.compile, stdin: input.stdin ?? "", limits, cap };
        return runInSlices(job, sliceDeps);
      }
      return mapRunStage(body.run, limits, cap);
    },

    // A sample's tests in one session: its upcoming C++ stdio tests batched into one execute (batch-session.ts).
    async openSession(program: PreparedProgram, limits: RunLimits, upcoming?: readonly RunInput[]) {
      const h = program.handle as Handle;
      const deps = {
        runAlone: (input: RunInput) => sandbox.run(program, input, limits),
        runBatch: (inputs: readonly RunInput[]) => batcher.run({ ...h, language: program.language }, inputs, limits),
      };
      return openBatchSession(deps, upcoming);
    },

    async versions() {
      const rts = await resolveRuntimes();
      return {
        piston: o.endpoints.map((e) => e.url).join(", "),
        "g++": `${rts.cpp.language} ${rts.cpp.version}${rts.cpp.runtime ? ` (${rts.cpp.runtime})` : ""}`,
        "g++ flags": "set by the Piston server",
        python3: `${rts.python.language} ${rts.python.version}`,
      };
    },

    async selfTest() {
      await resolveRuntimes();
      // Asked once per endpoint, here: the grader reads `runPair`'s presence to refuse what it cannot judge.
      const extensions = await client.commonExtensions();
      canCollect = extensions.has(COLLECT_EXTENSION);
      if (extensions.has(PAIR_EXTENSION)) sandbox.runPair = runPair;
      else delete sandbox.runPair;
      batcher.testsPerBatch = o.batchTests ?? (extensions.has(CACHED_COMPILE_EXTENSION) ? 1 : 32);
      await selfTestSandbox(sandbox, LANGUAGES, { describeTool: () => `the Piston endpoints (${client.pool.describe()})` });
    },
  };
  return sandbox;
}

/**
 * The program's file, renamed when a run's own file takes its name (function mode's Python driver is
 * handed the candidate as solution.py): Piston runs the first utf8 file whatever its name.
 */
function mainBeside(main: PistonFile, files: Record<string, string> | undefined): PistonFile {
  const name = main.name ?? "";
  if (!files || !(name in files)) return main;
  return { ...main, name: `main${name.slice(name.lastIndexOf("."))}` };
}

function asData(name: string, content: string): PistonFile {
  return { name, content: Buffer.from(content, "utf8").toString("base64"), encoding: "base64" };
}

function executeRequest(
  runtime: PistonRuntime,
  files: PistonFile[],
  stdin: string,
  args: string[],
  compile: Pick<CompileLimits, "cpuMs" | "wallMs" | "memoryMb">,
  run: Pick<RunLimits, "cpuMs" | "wallMs" | "memoryMb">,
): PistonExecuteRequest {
  return {
    language: runtime.language,
    version: runtime.version,
    files,
    stdin,
    args,
    compile_timeout: compile.wallMs,
    compile_cpu_time: compile.cpuMs,
    compile_memory_limit: compile.memoryMb * 1024 * 1024,
    run_timeout: run.wallMs,
    run_cpu_time: run.cpuMs,
    run_memory_limit: run.memoryMb * 1024 * 1024,
  };
}

/** Picks a runtime per language from a server's list; a missing one is a clear SandboxError. */
export function pickRuntimes(list: readonly PistonRuntime[], o: Pick<PistonSandboxOptions, "languages" | "versions">): Record<Language, PistonRuntime> {
  const pick = (language: Language): PistonRuntime => {
    const names = o.languages?.[language] ? [o.languages[language]!] : NAMES[language];
    const matching = list.filter((rt) => names.some((n) => rt.language === n || rt.aliases.includes(n)));
    const wanted = o.versions?.[language];
    const sorted = matching.sort((a, b) => compareVersions(b.version, a.version));
    const found = wanted ? sorted.find((rt) => rt.version === wanted || rt.version.startsWith(`${wanted.replace(/\.?[x*]$/, "")}.`)) : language === "python" ? (sorted.find((rt) => rt.version.startsWith("3.")) ?? sorted[0]) : sorted[0];
    if (!found) {
      const offered = list.map((rt) => `${rt.language} ${rt.version}`).join(", ") || "none";
      throw new SandboxError(`piston: no runtime for ${language} (${names.join("/")}${wanted ? ` version ${wanted}` : ""}); the server offers: ${offered}`, "sandbox_unavailable");
    }
    return found;
  };
  return { cpp: pick("cpp"), python: pick("python") };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
