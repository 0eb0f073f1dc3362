/**
 * What a sandboxed compile costs beyond the floor's direct one (`bun harness/bench/compile-costs.ts
 * [rounds]`, as root): one correct bench solution compiled, one after the other, directly (g++ with
 * a PCH built the same way, as floor.ts does) and through the local sandbox's prepare (a new source
 * each round, so the cache never answers), alternating. Prints the median wall and CPU of each, the
 * local backend's phase timers, and the load average before and after. Nothing here is asserted;
 * the figures are in harness/bench/README.md.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_COMPILE_LIMITS } from "../../judges/compile-limits.ts";
import { readProfile, setProfiling } from "../../judges/profile.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { generateCorpus } from "./corpus.ts";
import { readCppFlags } from "./floor.ts";
import { readCpuMs } from "./process-cpu.ts";

const rounds = Number(process.argv[2] ?? 12);
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const solution = generateCorpus({ seed: "bench-1", language: "cpp" }).submissions.find((s) => s.intent === "AC");
if (!solution) throw new Error("the bench corpus has no correct C++ solution");
const dir = mkdtempSync(join(tmpdir(), "compile-costs-"));
const cacheDir = join(dir, "cache");
const sandbox = await createJudgeBackend("local", { cacheDir });
try {
  const flags = readCppFlags(await sandbox.versions());
  // The direct side: a PCH built the same way as the floor's, from the compiler's own header.
  writeFileSync(join(dir, "probe.cpp"), "#include <bits/stdc++.h>\nint main() {}\n");
  const probe = Bun.spawnSync(["g++", ...flags, "-E", "-H", "probe.cpp", "-o", "/dev/null"], { cwd: dir });
  const header = probe.stderr.toString().split("\n").find((line) => line.startsWith(". "))?.slice(2).trim();
  if (!header) throw new Error("g++ -H did not show where <bits/stdc++.h> is");
  mkdirSync(join(dir, "pch", "bits"), { recursive: true });
  copyFileSync(header, join(dir, "pch", "bits", "stdc++.h"));
  Bun.spawnSync(["g++", ...flags, "-x", "c++-header", "pch/bits/stdc++.h", "-o", "pch/bits/stdc++.h.gch"], { cwd: dir });
  writeFileSync(join(dir, "main.cpp"), solution.code);
  // The sandbox side builds its own PCH on this first compile.
  await sandbox.prepare({ language: "cpp", code: `${solution.code}\n// warm-up\n` }, DEFAULT_COMPILE_LIMITS);

  console.log(`${rounds} rounds, flags ${flags.join(" ")}; load average ${load()}`);
  setProfiling(true);
  const direct = { wall: [] as number[], cpu: [] as number[] };
  const boxed = { wall: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    const proc = Bun.spawn({ cmd: ["g++", ...flags, "-I", join(dir, "pch"), "-Winvalid-pch", "main.cpp", "-o", "main"], cwd: dir, stdout: "ignore", stderr: "inherit" });
    await proc.exited;
    direct.wall.push(performance.now() - started);
    direct.cpu.push(Number(proc.resourceUsage()?.cpuTime.total ?? 0n) / 1000);
    // This process and its reaped children: the sandbox's launcher, bwrap, g++, and the harness's own work.
    const cpuBefore = readCpuMs();
    started = performance.now();
    const prepared = await sandbox.prepare({ language: "cpp", code: `${solution.code}\n// round ${i} ${Date.now()}\n` }, DEFAULT_COMPILE_LIMITS);
    boxed.wall.push(performance.now() - started);
    boxed.cpu.push(readCpuMs() - cpuBefore);
    if (!prepared.ok || prepared.cached) throw new Error(`round ${i}: the sandboxed compile failed or came from the cache`);
  }
  console.log(`direct g++          median wall ${median(direct.wall).toFixed(1)} ms, CPU ${median(direct.cpu).toFixed(1)} ms`);
  console.log(`sandboxed prepare   median wall ${median(boxed.wall).toFixed(1)} ms, CPU ${median(boxed.cpu).toFixed(1)} ms (10 ms ticks)`);
  for (const [phase, total] of Object.entries(readProfile())) console.log(`  ${phase}: ${(total.totalMs / total.count).toFixed(2)} ms mean`);
  console.log(`load average after ${load()}`);
} finally {
  setProfiling(false);
  await sandbox.close?.();
  rmSync(dir, { recursive: true, force: true });
}
