/**
 * Sessions on vs off on the bench corpus, harness side only, alternating so that the load of a
 * shared machine falls on both alike: `bun harness/bench/sessions-on-off.ts [cpp|python] [rounds]`.
 * Each round judges the corpus with `--judge-opt sessions=off` and then `on`, each from a cold cache
 * (PCH included) and then warm (same cache), and prints the walls, sandbox start-ups per submission
 * and the load average. Verdicts must be the same with and without sessions (else exit code 1).
 * The baseline and the floor do not depend on sessions: `bun run bench` measures them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Language } from "../../judges/types.ts";
import { createJudgeBackend } from "../cli/backends.ts";
import { DEFAULT_LIMIT_OPTIONS } from "../eval/limits.ts";
import { generateCorpus } from "./corpus.ts";
import { judgeWithHarness } from "./harness-side.ts";

const language = (process.argv[2] ?? "cpp") as Language;
const rounds = Number(process.argv[3] ?? 2);
const cores = availableParallelism();
const corpus = generateCorpus({ seed: "bench-1", language, submissions: 64, tests: 10 });
const limits = { ...DEFAULT_LIMIT_OPTIONS, timeFactor: { cpp: 1, python: 2 } };
let verdicts: string | null = null;
let mismatch = false;

async function pass(sessions: "on" | "off", cacheDir: string) {
  const env = { ...process.env, HARNESS_SESSIONS: sessions };
  const result = await judgeWithHarness(corpus, {
    cacheDir,
    limits,
    concurrency: 2 * cores,
    slots: cores,
    testConcurrency: 1,
    cores,
    openSandbox: () => createJudgeBackend("local", { cacheDir }, env),
  });
  const got = result.judgements.map((j) => j.verdict).join(",");
  if (verdicts !== null && got !== verdicts) mismatch = true;
  verdicts ??= got;
  return result;
}

for (let round = 1; round <= rounds; round++) {
  for (const sessions of ["off", "on"] as const) {
    const cacheDir = mkdtempSync(join(tmpdir(), "bench-sessions-"));
    try {
      const load = loadavg()[0]?.toFixed(1);
      const cold = await pass(sessions, cacheDir);
      const warm = await pass(sessions, cacheDir);
      const per = (n: number) => (n / corpus.submissions.length).toFixed(2);
      console.log(
        `round ${round} sessions=${sessions.padEnd(3)} cold ${(cold.wallMs / 1000).toFixed(1)} s (${per(cold.sandboxStarts)} starts/submission)  warm ${(warm.wallMs / 1000).toFixed(1)} s (${per(warm.sandboxStarts)})  load ${load}`,
      );
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
}
if (mismatch) {
  console.log("verdicts differ between sessions on and off");
  process.exit(1);
}
console.log("verdicts identical with and without sessions");
