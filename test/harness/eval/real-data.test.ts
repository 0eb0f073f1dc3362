/**
 * The published datasets judged through the real CLI and sandbox, with their reference solutions as the
 * samples. The expected numbers are measured facts about the data (test/datasets/fixtures/real/README.md), not ours.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseJson } from "../../../datasets/parse-json.ts";
import { parseOneJson, REPO_ROOT, runCli } from "../../support/cli.ts";
import { HUMANEVAL_GZ, MBPPPLUS_GZ } from "../../support/real-data.ts";

const HUMANEVAL = HUMANEVAL_GZ;
const MBPPPLUS = MBPPPLUS_GZ;

function readRows(path: string): Record<string, string>[] {
  return gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    // MBPP+ rows hold Python's NaN/Infinity literals, which the project's JSON reader accepts.
    .map((l) => parseJson(l) as Record<string, string>);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "real-data-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EvalJson {
  problems: number;
  samples: number;
  verdicts: Record<string, number>;
  pass_at_k: Record<string, number | null>;
}

describe("real published data", () => {
  test("HumanEval with canonical_solution as the completion: 164 of 164 AC", async () => {
    const rows = readRows(HUMANEVAL);
    const samples = join(dir, "he.jsonl");
    writeFileSync(samples, rows.map((r) => JSON.stringify({ task_id: r.task_id, completion: r.canonical_solution })).join("\n"));
    const r = await runCli(["eval", "--dataset", HUMANEVAL, "--samples", samples, "--db", join(dir, "he.db"), "--json", "--quiet"]);
    expect(r.stderr).not.toContain("internal error");
    const out = parseOneJson<EvalJson>(r);
    expect(out.problems).toBe(164);
    expect(out.samples).toBe(164);
    expect(out.verdicts.AC).toBe(164);
    expect(out.pass_at_k["1"]).toBe(1);
  }, 300_000);

  test("MBPP+ with canonical_solution and the assertion tests: every problem but Mbpp/120 passes", async () => {
    const rows = readRows(MBPPPLUS);
    const samples = join(dir, "mbpp.jsonl");
    writeFileSync(samples, rows.map((r) => JSON.stringify({ task_id: r.task_id, solution: r.canonical_solution })).join("\n"));
    const db = join(dir, "mbpp.db");
    const r = await runCli(["eval", "--dataset", MBPPPLUS, "--samples", samples, "--db", db, "--json", "--quiet"]);
    const out = parseOneJson<EvalJson>(r);
    expect(out.problems).toBe(378);
    expect(out.verdicts.AC).toBe(377);
    const { Database } = await import("bun:sqlite");
    const conn = new Database(db, { readonly: true });
    const failed = conn.query("select problem_id as id from samples where verdict != 'AC'").all() as { id: string }[];
    conn.close();
    expect(failed.map((f) => f.id)).toEqual(["Mbpp/120"]);
  }, 600_000);
});
