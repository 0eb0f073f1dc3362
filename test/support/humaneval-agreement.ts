/**
 * Shared by the backends' HumanEval agreement tests (piston, wasm): a subset of the real HumanEval
 * rows with right and wrong completions, judged by `eval` on one backend and on the local judge.
 */
import { expect } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseOneJson, runCli } from "./cli.ts";
import { HUMANEVAL_GZ } from "./real-data.ts";

interface Row {
  task_id: string;
  canonical_solution: string;
}

/** Samples of 12 of the 164 problems; every third completion is wrong (WA, RE through the tester, TLE). */
export function humanEvalAgreementSamples(): string {
  const rows = gunzipSync(readFileSync(HUMANEVAL_GZ))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const picked = rows.filter((_, i) => i % 14 === 0).slice(0, 12);
  const wrong = ["    return None\n", "    raise ValueError('no')\n", "    while True:\n        pass\n"];
  return picked.map((row, i) => JSON.stringify({ task_id: row.task_id, completion: i % 3 === 2 ? wrong[((i / 3) | 0) % 3] : row.canonical_solution })).join("\n");
}

/**
 * Evaluates the samples with `--judge local` and with `judge` (plus its extra arguments) in `dir`,
 * checks neither hit a harness failure, and returns each side's verdict counts.
 */
export async function evalOnBothJudges(dir: string, judge: string, extra: string[] = []): Promise<{ local: Record<string, number>; other: Record<string, number> }> {
  const file = join(dir, "samples.jsonl");
  writeFileSync(file, humanEvalAgreementSamples());
  const verdictsOf = async (name: string, args: string[]) => {
    const r = await runCli(["eval", "--dataset", HUMANEVAL_GZ, "--samples", file, "--db", join(dir, `${name}.db`), "--judge", name, ...args, "--json", "--quiet"]);
    expect(r.stderr).not.toContain("internal error");
    const out = parseOneJson<{ samples: number; verdicts: Record<string, number> }>(r);
    expect(out.samples).toBe(12);
    return out.verdicts;
  };
  return { local: await verdictsOf("local", []), other: await verdictsOf(judge, extra) };
}
