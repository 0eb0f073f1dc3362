/**
 * `bun run eval --judge piston` against two of our Piston servers on loopback (real HTTP, real local
 * sandbox behind them) reproduces the local judge's verdicts on the built-in set's stdio problems
 * (the local eval test holds the local judge to samples/expected.json, so the same file is the
 * reference here), while one of the two servers is stopped in the middle of the eval: its in-flight
 * work is retried on the other, and no sample is lost or turned into SE. C++ tests go in batches
 * (batch-tests=32; our servers alone would not be batched), so batches in flight are retried too.
 */
import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_EXPECTED_PATH, BUILTIN_PROBLEMS_PATH, BUILTIN_SAMPLES_DIR } from "../../../datasets/builtin/index.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";

const MODEL = "sloppy-coder";
const dir = mkdtempSync(join(tmpdir(), "eval-piston-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The samples whose stored verdict is not the expected one, each with its tests' figures, so that a
 * failure says which sample turned and how (counts alone hid which one did).
 */
function differingSamples(db: string, perSample: string[]): string[] {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn.query("SELECT id, sample_index AS i, problem_id AS p, verdict AS v FROM samples").all() as { id: number; i: number; p: string; v: string }[];
    return rows
      .filter((r) => r.v !== perSample[r.i])
      .map((r) => {
        const tests = conn.query("SELECT test_index, verdict, time_ms, wall_ms, memory_kb, signal FROM test_results WHERE sample_id = ? ORDER BY test_index").all(r.id);
        return `sample ${r.i} (${r.p}): ${r.v}, expected ${perSample[r.i]}; tests ${JSON.stringify(tests)}`;
      });
  } finally {
    conn.close();
  }
}

/** The stdio problems, the model's samples for them and the verdicts expected of those samples. */
function writeStdioSubset(): { dataset: string; samples: string; expected: Record<string, number>; perSample: string[]; count: number } {
  const problems = readFileSync(BUILTIN_PROBLEMS_PATH, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string; mode?: string });
  const stdio = new Set(problems.filter((p) => (p.mode ?? "stdio") === "stdio").map((p) => p.id));
  const lines = readFileSync(join(BUILTIN_SAMPLES_DIR, `${MODEL}.jsonl`), "utf8").split("\n").filter(Boolean);
  const verdicts = (JSON.parse(readFileSync(BUILTIN_EXPECTED_PATH, "utf8")) as Record<string, string[]>)[MODEL]!;
  const keep = lines.map((l, i) => [l, i] as const).filter(([l]) => stdio.has((JSON.parse(l) as { problem_id: string }).problem_id));
  const expected: Record<string, number> = {};
  for (const [, i] of keep) expected[verdicts[i]!] = (expected[verdicts[i]!] ?? 0) + 1;
  const dataset = join(dir, "stdio.jsonl");
  const samples = join(dir, "samples.jsonl");
  writeFileSync(dataset, problems.filter((p) => stdio.has(p.id)).map((p) => `${JSON.stringify(p)}\n`).join(""));
  writeFileSync(samples, keep.map(([l]) => `${l}\n`).join(""));
  return { dataset, samples, expected, perSample: keep.map(([, i]) => verdicts[i]!), count: keep.length };
}

describe("bun run eval --judge piston", () => {
  test("gives the local judge's verdicts on the built-in stdio problems, losing no sample when one of two endpoints dies mid-eval", async () => {
    const { dataset, samples, expected, perSample, count } = writeStdioSubset();
    // The servers' output cap is the eval's default output limit (16 MiB), as an operator sets it.
    const survivor = await startTestPistonServer({ limits: { outputCapBytes: 16 << 20 } });
    const victim = await startTestPistonServer({ limits: { outputCapBytes: 16 << 20 } });
    let stoppedMidEval = false;
    try {
      const evalRun = runCli(["eval", "--dataset", dataset, "--samples", samples, "--name", "piston", "--db", join(dir, "p.db"), "--json", "--quiet", "--judge", "piston", "--judge-opt", `piston=${survivor.url},${victim.url}`, "--judge-opt", "batch-tests=32"]);
      let finished = false;
      void evalRun.then(() => (finished = true));
      // Stops the victim once it is running a job of the eval (not a timed wait: it polls its load).
      while (!finished) {
        const load = (await (await fetch(`${victim.url}/health`)).json()) as { running: number };
        if (load.running > 0) {
          await victim.stop();
          stoppedMidEval = true;
          break;
        }
        await Bun.sleep(25);
      }
      const r = await evalRun;
      expect(r.code).toBe(0);
      const out = parseOneJson<{ samples: number; verdicts: Record<string, number> }>(r);
      expect(out.samples).toBe(count);
      expect(differingSamples(join(dir, "p.db"), perSample)).toEqual([]);
      expect(Object.fromEntries(Object.entries(out.verdicts).filter(([, n]) => n > 0))).toEqual(expected);
      expect(stoppedMidEval).toBe(true);
    } finally {
      await survivor.stop();
      if (!stoppedMidEval) await victim.stop();
    }
  }, 600_000);
});
