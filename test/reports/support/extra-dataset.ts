/**
 * A small second dataset, evaluated for real into a viewer's database: a problem with 15 tests (one
 * input long enough to be cut in previews), a problem whose id holds URL-special characters, and one
 * whose statement holds markup. One Python sample per problem goes through `bun run eval`, so the
 * dataset's problems and the run on them are what the harness stores, not inserted rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../../support/cli.ts";

export const MANY_TESTS_ID = "other/many tests";
export const ODD_ID = "other/odd %2F id?#&=+";
export const MARKUP_ID = "other/markup";
export const HUMANEVAL_ID = "HumanEval/0";
export const PRELUDE = "from typing import *\nfrom math import inf\n";
/** The last test's input of MANY_TESTS_ID: longer than a preview shows. */
export const LONG_INPUT = `${Array.from({ length: 3000 }, (_, i) => i % 10).join(" ")}\n`;

const echo = (input: string) => ({ input, output: input });

/** The dataset's problems, in file order. */
export const EXTRA_PROBLEMS = [
  {
    id: MANY_TESTS_ID,
    statement: "Print the numbers you read.",
    difficulty: "hard",
    checker: { type: "float", abs: 1e-6, rel: 1e-6 },
    tests: [...Array.from({ length: 14 }, (_, i) => echo(`${i}\n`)), echo(LONG_INPUT)],
  },
  { id: ODD_ID, statement: "Echo the line.", tests: [echo("x\n")] },
  { id: MARKUP_ID, statement: "Echo the line; <b>bold</b> is plain text here.", tests: [echo("<b>bold</b>\n")] },
  {
    // HumanEval-shaped: a prelude that runs before the solution and the tests.
    id: HUMANEVAL_ID,
    statement: "def has_close_elements(numbers, threshold):\n    \"\"\"Check if any two numbers are closer than threshold.\"\"\"\n",
    mode: "function",
    tests: [],
    test_code: "assert has_close_elements([1.0, 2.0], 0.5) is False\n",
    solution_prefix: "def has_close_elements(numbers, threshold):\n",
    prelude: PRELUDE,
    entry_point: "has_close_elements",
  },
].map((p) => ({ ...p, languages: ["python"], time_limit_ms: 2000 }));

/** Evaluates an echo program on every problem of the extra dataset into `dbPath`; returns the run id and the file's dataset id. */
export async function evalExtraDataset(dbPath: string): Promise<{ runId: number; datasetId: string }> {
  const dir = mkdtempSync(join(tmpdir(), "reports-extra-dataset-"));
  try {
    writeFileSync(join(dir, "other.jsonl"), EXTRA_PROBLEMS.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const code = "```python\nimport sys\nsys.stdout.write(sys.stdin.read())\n```";
    const fn = "```python\ndef has_close_elements(numbers, threshold):\n    return False\n```";
    const samples = EXTRA_PROBLEMS.map((p) => JSON.stringify({ problem_id: p.id, completion: p.id === HUMANEVAL_ID ? fn : code }));
    writeFileSync(join(dir, "echo-coder.jsonl"), samples.join("\n") + "\n");
    const r = await runCli(["eval", "--dataset", join(dir, "other.jsonl"), "--samples", join(dir, "echo-coder.jsonl"), "--name", "other/echo-coder", "--db", dbPath, "--json", "--quiet"]);
    if (r.code !== 0) throw new Error(`extra-dataset eval failed (exit ${r.code}):\n${r.stderr}`);
    return { runId: parseOneJson<{ run_id: number }>(r).run_id, datasetId: "other" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
