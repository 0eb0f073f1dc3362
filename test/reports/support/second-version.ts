/**
 * A second version of the built-in dataset, evaluated for real into a viewer's database: the first
 * few built-in problems with one statement edited (so the file, and its sha, differ), and the
 * strong-coder's samples for them, through `bun run eval --dataset … --samples …` (with any other
 * eval options, e.g. `--judge piston`). Tests that need
 * runs on two dataset versions get them from the harness, never from inserted rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, REPO_ROOT, runCli } from "../../support/cli.ts";

export interface SecondVersion {
  runId: number;
  /** The problem ids the version holds. */
  problemIds: string[];
}

const PROBLEMS = 4;

/** Evaluates the strong-coder's samples on an edited copy of the first built-in problems into `dbPath`. */
export async function evalSecondVersion(dbPath: string, opts: { name?: string; args?: string[] } = {}): Promise<SecondVersion> {
  const name = opts.name ?? "builtin-v2/strong-coder";
  const dir = mkdtempSync(join(tmpdir(), "reports-second-version-"));
  try {
    const lines = readFileSync(join(REPO_ROOT, "datasets/builtin/problems.jsonl"), "utf8").trim().split("\n").slice(0, PROBLEMS);
    const problems = lines.map((l) => JSON.parse(l) as { id: string; statement: string; source?: string });
    problems[0]!.statement += "\n\n(Second version: this sentence is new.)\n";
    // A second source, so per-source breakdowns have more than one row.
    problems[1]!.source = "second-source";
    const ids = new Set(problems.map((p) => p.id));
    const samples = readFileSync(join(REPO_ROOT, "datasets/builtin/samples/strong-coder.jsonl"), "utf8")
      .trim()
      .split("\n")
      .filter((l) => ids.has((JSON.parse(l) as { problem_id: string }).problem_id));
    writeFileSync(join(dir, "builtin.jsonl"), problems.map((p) => JSON.stringify(p)).join("\n") + "\n");
    writeFileSync(join(dir, "strong-coder.jsonl"), samples.join("\n") + "\n");
    const r = await runCli(["eval", "--dataset", join(dir, "builtin.jsonl"), "--samples", join(dir, "strong-coder.jsonl"), "--name", name, "--db", dbPath, "--json", "--quiet", ...(opts.args ?? [])]);
    if (r.code !== 0) throw new Error(`second-version eval failed (exit ${r.code}):\n${r.stderr}`);
    const doc = parseOneJson<{ runs?: { run_id: number }[]; run_id?: number }>(r);
    const runId = doc.run_id ?? doc.runs?.[0]?.run_id;
    if (runId === undefined) throw new Error(`second-version eval printed no run id: ${r.stdout}`);
    return { runId, problemIds: [...ids] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
