/**
 * `bun run bench --judge wasm`: the WASM judge beside the local (native) judge in one run.
 *  - CPU-heavy kernels, each prepared by both judges and run a few times on each: the ratio of the
 *    best CPU times (the guest's CPU is counted from the moment it starts, so this is after start-up);
 *  - start-up: a program that returns at once, run many times on each: the harness's time per run()
 *    (wall) and the CPU charged to it;
 *  - the seeded bench corpus (C++) judged by both, verdicts compared per submission.
 * Speed is reported, never asserted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { RunLimits, Sandbox } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { DEFAULT_LIMIT_OPTIONS } from "../eval/limits.ts";
import { generateCorpus } from "./corpus.ts";
import { judgeWithHarness } from "./harness-side.ts";

export interface WasmBenchOptions {
  seed?: string;
  submissions?: number;
  tests?: number;
  /** Runs of each kernel on each judge (the best counts). */
  repeats?: number;
  onProgress?: (line: string) => void;
}

/** CPU-bound programs of the kinds competitive programming is made of; each prints a checksum. */
export const WASM_BENCH_KERNELS: Record<string, string> = {
  "sieve-3e7": `#include <bits/stdc++.h>
int main(){ const int N=30000000; std::vector<char> c(N+1,1); long long s=0; for(int i=2;i<=N;i++) if(c[i]){ s+=i; for(long long j=(long long)i*i;j<=N;j+=i) c[j]=0; } printf("%lld\\n",s); }`,
  "sort-4e6": `#include <bits/stdc++.h>
int main(){ std::mt19937 g(1); std::vector<int> v(4000000); for(auto&x:v) x=g(); std::sort(v.begin(),v.end()); long long s=0; for(size_t i=0;i<v.size();i+=1000) s+=v[i]; printf("%lld\\n",s); }`,
  "lcs-dp-6000": `#include <bits/stdc++.h>
int main(){ const int n=6000; std::mt19937 g(2); std::string a(n,'a'),b(n,'a'); for(auto&c:a) c='a'+g()%4; for(auto&c:b) c='a'+g()%4;
 std::vector<int> prev(n+1,0),cur(n+1,0); for(int i=1;i<=n;i++){ for(int j=1;j<=n;j++) cur[j]= a[i-1]==b[j-1]? prev[j-1]+1 : std::max(prev[j],cur[j-1]); std::swap(prev,cur);} printf("%d\\n",prev[n]); }`,
  "hashmap-2e6": `#include <bits/stdc++.h>
int main(){ std::unordered_map<long long,int> m; m.reserve(1<<21); std::mt19937_64 g(3); long long s=0; for(int i=0;i<2000000;i++) m[g()%1000003]+=i&7; for(long long k=0;k<1000003;k++){ auto it=m.find(k); if(it!=m.end()) s+=it->second; } printf("%lld\\n",s); }`,
  "matmul-320-double": `#include <bits/stdc++.h>
int main(){ const int n=320; std::vector<double> a(n*n),b(n*n),c(n*n,0); for(int i=0;i<n*n;i++){a[i]=(i%7)*0.5;b[i]=(i%5)*0.25;}
 for(int r=0;r<3;r++) for(int i=0;i<n;i++) for(int k=0;k<n;k++){ double x=a[i*n+k]; for(int j=0;j<n;j++) c[i*n+j]+=x*b[k*n+j]; } double s=0; for(double x:c) s+=x; printf("%.3f\\n",s); }`,
};

const STARTUP_PROGRAM = "int main() { return 0; }\n";
const KERNEL_LIMITS: RunLimits = { cpuMs: 20_000, wallMs: 60_000, memoryMb: 512, outputBytes: 1 << 16, processes: 1, fileBytes: 1 << 20 };
const COMPILE_LIMITS = { cpuMs: 60_000, wallMs: 120_000, memoryMb: 2048, logBytes: 1 << 16 };

export interface WasmBenchReport {
  bench: "wasm";
  cores: number;
  load_before: number[];
  kernels: { name: string; native_cpu_ms: number; wasm_cpu_ms: number; ratio: number; same_output: boolean }[];
  /** Geometric mean of the kernels' ratios. */
  cpu_ratio_geomean: number;
  startup: { runs: number; native: { wall_ms_p50: number; cpu_ms_p50: number }; wasm: { wall_ms_p50: number; cpu_ms_p50: number } };
  corpus: { submissions: number; local_wall_s: number; wasm_wall_s: number; disagreements: string[] };
  versions: Record<string, string>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function prepareOrThrow(sandbox: Sandbox, code: string, what: string) {
  const prepared = await sandbox.prepare({ language: "cpp", code }, COMPILE_LIMITS);
  if (!prepared.ok) throw new Error(`${sandbox.name} could not compile ${what}: ${prepared.log}`);
  return prepared.program;
}

/** Best CPU time of `repeats` runs, and the output. */
async function timeKernel(sandbox: Sandbox, code: string, name: string, repeats: number) {
  const program = await prepareOrThrow(sandbox, code, name);
  let best = Number.POSITIVE_INFINITY;
  let stdout = "";
  for (let i = 0; i < repeats; i++) {
    const outcome = await sandbox.run(program, {}, KERNEL_LIMITS);
    if (outcome.termination !== "exited") throw new Error(`${sandbox.name}: kernel ${name} ended with ${outcome.termination}: ${outcome.stderr.slice(0, 500)}`);
    best = Math.min(best, outcome.timeMs);
    stdout = outcome.stdout;
  }
  return { cpuMs: best, stdout };
}

async function timeStartup(sandbox: Sandbox, runs: number) {
  const program = await prepareOrThrow(sandbox, STARTUP_PROGRAM, "the start-up program");
  await sandbox.run(program, {}, KERNEL_LIMITS);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const outcome = await sandbox.run(program, {}, KERNEL_LIMITS);
    walls.push(performance.now() - started);
    cpus.push(outcome.timeMs);
  }
  return { wall_ms_p50: Math.round(median(walls)), cpu_ms_p50: Math.round(median(cpus)) };
}

export async function runWasmBench(o: WasmBenchOptions = {}): Promise<WasmBenchReport> {
  const progress = o.onProgress ?? (() => {});
  const cores = availableParallelism();
  const repeats = o.repeats ?? 3;
  const cacheRoot = mkdtempSync(join(tmpdir(), "wasm-bench-cache-"));
  const open = (name: "local" | "wasm", dir: string) => createJudgeBackend(name, { cacheDir: join(cacheRoot, dir) });
  const report: WasmBenchReport = {
    bench: "wasm",
    cores,
    load_before: loadavg().map((x) => +x.toFixed(2)),
    kernels: [],
    cpu_ratio_geomean: 0,
    startup: { runs: 0, native: { wall_ms_p50: 0, cpu_ms_p50: 0 }, wasm: { wall_ms_p50: 0, cpu_ms_p50: 0 } },
    corpus: { submissions: 0, local_wall_s: 0, wasm_wall_s: 0, disagreements: [] },
    versions: {},
  };
  const local = await open("local", "local");
  const wasm = await open("wasm", "wasm");
  try {
    report.versions = { ...(await local.versions()), ...Object.fromEntries(Object.entries(await wasm.versions()).map(([k, v]) => [`wasm ${k}`, v])) };
    for (const [name, code] of Object.entries(WASM_BENCH_KERNELS)) {
      progress(`kernel ${name}`);
      const native = await timeKernel(local, code, name, repeats);
      const guest = await timeKernel(wasm, code, name, repeats);
      report.kernels.push({ name, native_cpu_ms: native.cpuMs, wasm_cpu_ms: guest.cpuMs, ratio: +(guest.cpuMs / Math.max(1, native.cpuMs)).toFixed(2), same_output: native.stdout === guest.stdout });
    }
    report.cpu_ratio_geomean = +Math.exp(report.kernels.reduce((s, k) => s + Math.log(Math.max(0.01, k.ratio)), 0) / report.kernels.length).toFixed(2);
    progress("start-up");
    const runs = 20;
    report.startup = { runs, native: await timeStartup(local, runs), wasm: await timeStartup(wasm, runs) };
  } finally {
    await local.close?.();
    await wasm.close?.();
  }
  try {
    const corpus = generateCorpus({ seed: o.seed ?? "bench-1", language: "cpp", submissions: o.submissions ?? 64, tests: o.tests ?? 10 });
    const common = { limits: { ...DEFAULT_LIMIT_OPTIONS, timeFactor: { cpp: 1, python: 2 } }, concurrency: 2 * cores, slots: cores, testConcurrency: 1 };
    progress(`corpus: local judge, ${corpus.submissions.length} submissions`);
    const byLocal = await judgeWithHarness(corpus, { ...common, cacheDir: join(cacheRoot, "corpus-local") });
    progress(`corpus: wasm judge`);
    const byWasm = await judgeWithHarness(corpus, { ...common, cacheDir: "", openSandbox: () => open("wasm", "corpus-wasm") });
    report.corpus = {
      submissions: corpus.submissions.length,
      local_wall_s: +(byLocal.wallMs / 1000).toFixed(2),
      wasm_wall_s: +(byWasm.wallMs / 1000).toFixed(2),
      disagreements: corpus.submissions
        .filter((s) => byLocal.judgements[s.index]?.verdict !== byWasm.judgements[s.index]?.verdict)
        .map((s) => `#${s.index} (${s.intent}): local ${byLocal.judgements[s.index]?.verdict}, wasm ${byWasm.judgements[s.index]?.verdict}`),
    };
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
  return report;
}

/** The report as a few readable lines. */
export function formatWasmBench(r: WasmBenchReport): string {
  const lines = [`WASM vs native (local judge), ${r.cores} cores, load before ${r.load_before.join(" ")}`, "kernel                 native CPU ms  wasm CPU ms  ratio  same output"];
  for (const k of r.kernels) lines.push(`${k.name.padEnd(22)} ${String(k.native_cpu_ms).padStart(13)} ${String(k.wasm_cpu_ms).padStart(12)} ${k.ratio.toFixed(2).padStart(6)}  ${k.same_output ? "yes" : "NO"}`);
  lines.push(`CPU ratio (geometric mean, after start-up): ${r.cpu_ratio_geomean}x`);
  lines.push(`start-up per run (p50 of ${r.startup.runs}): native ${r.startup.native.wall_ms_p50} ms wall / ${r.startup.native.cpu_ms_p50} ms CPU; wasm ${r.startup.wasm.wall_ms_p50} ms wall / ${r.startup.wasm.cpu_ms_p50} ms CPU`);
  lines.push(`bench corpus (C++, ${r.corpus.submissions} submissions): local ${r.corpus.local_wall_s} s, wasm ${r.corpus.wasm_wall_s} s, ${r.corpus.disagreements.length} disagreement(s)`);
  for (const d of r.corpus.disagreements) lines.push(`  ${d}`);
  return `${lines.join("\n")}\n`;
}
