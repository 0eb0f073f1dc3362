/**
 * `bun run bench --judge piston`: the bench corpus judged side by side by the local judge and by the
 * Piston backend, each from a cold compile cache, with their verdicts compared per submission. With
 * no endpoint given, it starts `serve --piston` as a separate process on this machine (the shape of
 * a fleet node) and probes that server's /health every 100 ms during the Piston run, so the report
 * also says how responsive /health stays while every core is busy. Speed is reported, never asserted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Language, Sandbox } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { DEFAULT_LIMIT_OPTIONS, type LimitOptions } from "../eval/limits.ts";
import { generateCorpus } from "./corpus.ts";
import { judgeWithHarness, type HarnessSideResult } from "./harness-side.ts";

export interface PistonBenchOptions {
  languages: Language[];
  seed?: string;
  submissions?: number;
  tests?: number;
  /** `--judge-opt` of the Piston backend; without `piston=…`, a server is started here. */
  judgeOpt?: string[];
  onProgress?: (line: string) => void;
}

export interface PistonBenchSide {
  wall_s: number;
  submissions_per_s: number;
  tests_run: number;
  p50_latency_ms: number;
}

export interface PistonBenchReport {
  bench: "piston";
  cores: number;
  endpoints: string;
  languages: Partial<Record<Language, { submissions: number; local: PistonBenchSide; piston: PistonBenchSide; disagreements: string[] }>>;
  /** /health round trips to the bench's own server during the Piston runs (null when judging remote endpoints). */
  health: { probes: number; p50_ms: number; p99_ms: number; max_ms: number; over_50ms: number } | null;
}

const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

function side(r: HarnessSideResult): PistonBenchSide {
  return {
    wall_s: +(r.wallMs / 1000).toFixed(2),
    submissions_per_s: +(r.judgements.length / (r.wallMs / 1000)).toFixed(2),
    tests_run: r.runs,
    p50_latency_ms: Math.round(percentile(r.judgements.map((j) => j.latencyMs), 50)),
  };
}

/** Starts `serve --piston` in its own process on a free loopback port; resolves with its URL. */
async function startServerProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  const main = join(import.meta.dir, "..", "cli", "main.ts");
  // A cold compile cache of its own, as the local side gets: neither side reuses the other's compiles.
  const cacheDir = mkdtempSync(join(tmpdir(), "piston-bench-server-cache-"));
  const proc = Bun.spawn(["bun", main, "serve", "--piston", "--port", "0", "--judge-opt", `cache-dir=${cacheDir}`], { stdout: "ignore", stderr: "pipe" });
  const reader = proc.stderr.getReader();
  let banner = "";
  while (!/http:\/\/\S+\/api\/v2\/execute/.test(banner)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`serve --piston exited before listening: ${banner}`);
    banner += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const url = banner.match(/(http:\/\/\S+)\/api\/v2\/execute/)![1]!;
  return {
    url,
    stop: async () => {
      proc.kill("SIGTERM");
      await proc.exited;
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/**
 * Probes `url`/health every 100 ms until stopped; returns the round trips, ms. The probe runs on a
 * Worker thread of its own, so the figures are the server's, not this busy process's event loop.
 */
const PROBE_WORKER = `
let running = true;
const times = [];
self.onmessage = async (e) => {
  if (e.data.type === "stop") { running = false; return; }
  while (running) {
    const t0 = performance.now();
    await fetch(e.data.url + "/health").then((r) => r.arrayBuffer());
    times.push(performance.now() - t0);
    await Bun.sleep(100);
  }
  self.postMessage(times);
};`;

function probeHealth(url: string): { stop: () => Promise<number[]> } {
  const worker = new Worker(URL.createObjectURL(new Blob([PROBE_WORKER], { type: "application/javascript" })));
  const result = new Promise<number[]>((resolve) => {
    worker.onmessage = (e: MessageEvent<number[]>) => resolve(e.data);
  });
  worker.postMessage({ type: "start", url });
  return {
    stop: async () => {
      worker.postMessage({ type: "stop" });
      const times = await result;
      worker.terminate();
      return times;
    },
  };
}

/** The endpoint settings for the report; the token stays out of it (reports are kept and shared). */
export function describeRemote(judgeOpt: readonly string[]): string {
  return judgeOpt.filter((kv) => kv.startsWith("piston=") || kv.startsWith("endpoints-file=")).join(" ") || "HARNESS_PISTON_URLS";
}

export async function runPistonBench(o: PistonBenchOptions): Promise<PistonBenchReport> {
  const cores = availableParallelism();
  const progress = o.onProgress ?? (() => {});
  const remote = (o.judgeOpt ?? []).some((kv) => kv.startsWith("piston=") || kv.startsWith("endpoints-file=")) || !!process.env.HARNESS_PISTON_URLS;
  const server = remote ? null : await startServerProcess();
  const judgeOpt = server ? [...(o.judgeOpt ?? []), `piston=${server.url}`] : (o.judgeOpt ?? []);
  const limits: LimitOptions = { ...DEFAULT_LIMIT_OPTIONS, timeFactor: { cpp: 1, python: 2 } };
  const report: PistonBenchReport = { bench: "piston", cores, endpoints: server?.url ?? describeRemote(judgeOpt), languages: {}, health: null };
  const healthTimes: number[] = [];
  try {
    for (const language of o.languages) {
      const corpus = generateCorpus({ seed: o.seed ?? "bench-1", language, submissions: o.submissions ?? 64, tests: o.tests ?? 10 });
      const common = { limits, concurrency: 2 * cores, slots: cores, testConcurrency: 1 };
      const cacheDir = mkdtempSync(join(tmpdir(), "piston-bench-cache-"));
      let local: HarnessSideResult;
      try {
        progress(`${language}: local judge, ${corpus.submissions.length} submissions`);
        local = await judgeWithHarness(corpus, { ...common, cacheDir });
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
      progress(`${language}: local ${(local.wallMs / 1000).toFixed(1)} s; piston judge`);
      const probe = server ? probeHealth(server.url) : null;
      let piston: HarnessSideResult;
      try {
        // The server's slots bound its runs; the client may keep a few more requests in flight to hide latency.
        const openSandbox = (): Promise<Sandbox> => createJudgeBackend("piston", { judgeOpt });
        piston = await judgeWithHarness(corpus, { ...common, slots: 2 * cores, cacheDir: "", openSandbox });
      } finally {
        if (probe) healthTimes.push(...(await probe.stop()));
      }
      progress(`${language}: piston ${(piston.wallMs / 1000).toFixed(1)} s`);
      const disagreements = corpus.submissions
        .filter((s) => local.judgements[s.index]?.verdict !== piston.judgements[s.index]?.verdict)
        .map((s) => `#${s.index} (${s.intent}): local ${local.judgements[s.index]?.verdict}, piston ${piston.judgements[s.index]?.verdict}`);
      report.languages[language] = { submissions: corpus.submissions.length, local: side(local), piston: side(piston), disagreements };
    }
  } finally {
    await server?.stop();
  }
  if (server) {
    report.health = {
      probes: healthTimes.length,
      p50_ms: +percentile(healthTimes, 50).toFixed(1),
      p99_ms: +percentile(healthTimes, 99).toFixed(1),
      max_ms: +Math.max(0, ...healthTimes).toFixed(1),
      over_50ms: healthTimes.filter((t) => t > 50).length,
    };
  }
  return report;
}

/** A few lines for the terminal. */
export function formatPistonBench(r: PistonBenchReport): string {
  const lines = [`piston bench (${r.cores} cores; endpoints ${r.endpoints})`];
  for (const [language, l] of Object.entries(r.languages)) {
    lines.push(
      `  ${language}: ${l.submissions} submissions — local ${l.local.wall_s} s (${l.local.submissions_per_s}/s), piston ${l.piston.wall_s} s (${l.piston.submissions_per_s}/s); ` +
        `${l.disagreements.length ? `${l.disagreements.length} DISAGREEMENTS` : "same verdicts"}`,
    );
    for (const d of l.disagreements.slice(0, 10)) lines.push(`    ${d}`);
  }
  if (r.health) lines.push(`  /health during piston runs: ${r.health.probes} probes, p50 ${r.health.p50_ms} ms, p99 ${r.health.p99_ms} ms, max ${r.health.max_ms} ms, ${r.health.over_50ms} over 50 ms`);
  return `${lines.join("\n")}\n`;
}
