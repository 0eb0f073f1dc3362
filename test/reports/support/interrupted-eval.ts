/**
 * A run the harness left "running": a real `bun run eval` of slow Python samples, killed with SIGKILL
 * once a few samples are stored (as a crash or a lost machine leaves it), and resumable with the same
 * command, which writes the rest as an eval in progress does. Live pages and event streams are tested
 * on it instead of on inserted rows.
 */
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, REPO_ROOT, runCli } from "../../support/cli.ts";

export const SLOW_SAMPLES = 8;
export const SLOW_RUN_NAME = "slow/echo-interrupted";
/** The problem whose only sample is the last: the killed run has none for it. */
export const SLOW_UNJUDGED_PROBLEM = "slow/echo-last";

export interface InterruptedEval {
  runId: number;
  /** Samples stored before the kill (at least 3, all of the first problem, fewer than SLOW_SAMPLES - 1). */
  stored: number;
  /** Runs the same eval again to the end (it resumes the run); returns its `--json` document. */
  resume(): Promise<{ run_id: number; samples: number; verdicts: Record<string, number> }>;
  cleanup(): void;
}

function stored(dbPath: string, name: string): { runId: number; n: number } | null {
  if (!existsSync(dbPath)) return null;
  try {
    const conn = new Database(dbPath, { readonly: true });
    try {
      return conn.query("SELECT r.id AS runId, count(s.id) AS n FROM runs r LEFT JOIN samples s ON s.run_id = r.id WHERE r.name = ? GROUP BY r.id").get(name) as {
        runId: number;
        n: number;
      } | null;
    } finally {
      conn.close();
    }
  } catch {
    return null; // the eval is still creating its tables
  }
}

/** Starts the slow eval into `dbPath`, kills it once 3 samples are stored, and returns the run it left. */
export async function interruptSlowEval(dbPath: string): Promise<InterruptedEval> {
  const dir = mkdtempSync(join(tmpdir(), "reports-interrupted-"));
  const dataset = join(dir, "slow.jsonl");
  const problem = (id: string) => JSON.stringify({ id, statement: "echo", tests: [{ input: "7\n", output: "7\n" }], time_limit_ms: 3000, languages: ["python"] });
  // Two problems; only the last sample is for the second, so the killed run has a problem without samples.
  writeFileSync(dataset, `${problem("slow/echo")}\n${problem(SLOW_UNJUDGED_PROBLEM)}\n`);
  const samples = join(dir, "slow.samples.jsonl");
  // Each sample sleeps so the kill lands mid-run; a distinct comment keeps them from being deduplicated.
  // Every third sample answers wrong, so the counts hold more than one verdict.
  const code = (i: number) => `\`\`\`python\n# sample ${i}\nimport time\ntime.sleep(0.5)\nprint(${i % 3 === 1 ? "int(input()) + 1" : "input()"})\n\`\`\``;
  const problemOf = (i: number) => (i === SLOW_SAMPLES - 1 ? SLOW_UNJUDGED_PROBLEM : "slow/echo");
  writeFileSync(samples, Array.from({ length: SLOW_SAMPLES }, (_, i) => JSON.stringify({ problem_id: problemOf(i), completion: code(i) })).join("\n"));
  const args = ["eval", "--dataset", dataset, "--samples", samples, "--name", SLOW_RUN_NAME, "--db", dbPath, "--concurrency", "1", "--json", "--quiet"];
  const proc = Bun.spawn(["bun", join(REPO_ROOT, "harness/cli/main.ts"), ...args], { stdout: "ignore", stderr: "ignore" });
  const deadline = Date.now() + 60_000;
  while ((stored(dbPath, SLOW_RUN_NAME)?.n ?? 0) < 3 && Date.now() < deadline) await Bun.sleep(20);
  proc.kill("SIGKILL");
  await proc.exited;
  const left = stored(dbPath, SLOW_RUN_NAME);
  if (!left || left.n < 3 || left.n >= SLOW_SAMPLES - 1) throw new Error(`the slow eval was not caught mid-run (stored ${left?.n ?? 0} of ${SLOW_SAMPLES})`);
  return {
    runId: left.runId,
    stored: left.n,
    async resume() {
      const r = await runCli(args);
      if (r.code !== 0) throw new Error(`resumed eval failed (exit ${r.code}):\n${r.stderr}`);
      return parseOneJson(r);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
