import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseJson } from "../../../datasets/parse-json.ts";
import { BUILTIN_EXPECTED_PATH } from "../../../datasets/builtin/index.ts";
import { ensureBuiltinEvalDb } from "../../support/builtin-db.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { MBPPPLUS_GZ } from "../../support/real-data.ts";

const FIX = join(import.meta.dir, "fixtures");
const DATASET = join(FIX, "two-problems.jsonl");
const SAMPLES = join(FIX, "two-problems.samples.jsonl");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "eval-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EvalJson {
  run_id: number;
  dataset: string;
  name: string;
  problems: number;
  samples: number;
  pass_at_k: Record<string, number | null>;
  compile_rate: number;
  verdicts: Record<string, number>;
  resumed: boolean;
  judged_now: number;
}

describe("bun run eval --dataset --samples --json", () => {
  const db = () => join(dir, "contract.db");

  test("prints one JSON object with the run's id, counts, pass@k, compile rate and verdicts", async () => {
    const r = await runCli(["eval", "--dataset", DATASET, "--samples", SAMPLES, "--name", "fixture", "--db", db(), "--json"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<EvalJson>(r);
    expect(out.name).toBe("fixture");
    expect(out.dataset).toBe("two-problems");
    expect(out.problems).toBe(2);
    expect(out.samples).toBe(7);
    expect(typeof out.run_id).toBe("number");
    expect(out.verdicts).toMatchObject({ AC: 3, WA: 2, CE: 1, NO_CODE: 1 });
    // pass@1 per problem: t/sum 2 of 4, t/double 1 of 3; averaged over problems.
    expect(out.pass_at_k["1"]).toBeCloseTo((2 / 4 + 1 / 3) / 2, 6);
    // pass@5 is not computable: no problem has 5 samples.
    expect(out.pass_at_k["5"]).toBeNull();
    // Six samples reached compilation (NO_CODE did not); one failed.
    expect(out.compile_rate).toBeCloseTo(5 / 6, 6);
  });

  test("the same name again resumes: nothing is judged twice and the metrics are unchanged", async () => {
    const r = await runCli(["eval", "--dataset", DATASET, "--samples", SAMPLES, "--name", "fixture", "--db", db(), "--json"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<EvalJson>(r);
    expect(out.resumed).toBe(true);
    expect(out.judged_now).toBe(0);
    expect(out.verdicts).toMatchObject({ AC: 3, WA: 2, CE: 1, NO_CODE: 1 });
    const conn = new Database(db(), { readonly: true });
    const n = conn.query("select count(*) as n from samples").get() as { n: number };
    conn.close();
    expect(n.n).toBe(7);
  });

  test("the run records its provenance: dataset sha256, judge versions, limits, git sha", async () => {
    const conn = new Database(db(), { readonly: true });
    const run = conn.query("select * from runs where name = 'fixture'").get() as Record<string, string>;
    conn.close();
    expect(run.dataset_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.samples_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(JSON.parse(run.judge_versions!))).toEqual(expect.arrayContaining(["g++", "python3"]));
    expect(JSON.parse(run.limits!)).toHaveProperty("compile");
    expect(run.schema_version).toBe(1 as unknown as string);
    expect(run.status).toBe("done");
  });

  test("--time-limit-factor scales every language's time limit, on top of --python-time-factor, and is recorded", async () => {
    const args = ["eval", "--dataset", DATASET, "--samples", SAMPLES, "--name", "slow-judge", "--db", db(), "--json"];
    const r = await runCli([...args, "--time-limit-factor", "3", "--python-time-factor", "2"]);
    expect(r.code).toBe(0);
    const conn = new Database(db(), { readonly: true });
    const run = conn.query("select limits from runs where name = 'slow-judge'").get() as { limits: string };
    conn.close();
    expect(JSON.parse(run.limits).timeFactor).toEqual({ cpp: 3, python: 6 });
  });

  test("leaderboard --json ranks the stored run", async () => {
    const r = await runCli(["leaderboard", "--db", db(), "--json"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<{ leaderboards: { dataset: string; rows: { name: string; rank: number }[] }[] }>(r);
    expect(out.leaderboards[0]?.dataset).toBe("two-problems");
    expect(out.leaderboards[0]?.rows[0]).toMatchObject({ name: "fixture", rank: 1 });
  });
});

describe("bad input to bun run eval", () => {
  test("a malformed samples line is reported with file and line, exit code 2", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ problem_id: "t/sum", completion: "x" })}\n{"problem_id": "t/sum", "completion": \n`);
    const r = await runCli(["eval", "--dataset", DATASET, "--samples", bad, "--db", join(dir, "bad.db"), "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2`);
    // --json: the failure is also one JSON object on stdout, for scripts.
    expect(parseOneJson<{ error: { category: string; message: string } }>(r).error).toMatchObject({ category: "dataset", message: expect.stringContaining(`${bad}:2`) });
  });

  test("a sample naming an unknown problem is reported with its line and field", async () => {
    const bad = join(dir, "unknown.jsonl");
    writeFileSync(bad, `${JSON.stringify({ problem_id: "nope", completion: "x" })}\n`);
    const r = await runCli(["eval", "--dataset", DATASET, "--samples", bad, "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:1`);
    expect(r.stderr).toContain("nope");
  });

  test("an unreadable dataset file is a clear error, not a stack trace", async () => {
    const r = await runCli(["eval", "--dataset", join(dir, "missing.jsonl"), "--samples", SAMPLES, "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.jsonl");
    expect(r.stderr).not.toContain("    at ");
  });

  test("a dataset row with a wrongly typed field names the field", async () => {
    const bad = join(dir, "badtype.jsonl");
    writeFileSync(bad, `${JSON.stringify({ id: "x", statement: "s", tests: [{ input: "1", output: 2 }] })}\n`);
    const r = await runCli(["eval", "--dataset", bad, "--samples", SAMPLES, "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:1`);
    expect(r.stderr).toContain("tests[0].output");
  });

  test("an unknown judge lists the known ones", async () => {
    const r = await runCli(["eval", "--dataset", DATASET, "--samples", SAMPLES, "--judge", "nope", "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("known judges: local");
  });
});

describe("bun run eval with no dataset", () => {
  test("evaluates every built-in sample set and returns a runs array whose scores clearly differ", async () => {
    const { result } = await ensureBuiltinEvalDb();
    expect(result.dataset).toBe("builtin");
    expect(result.runs.length).toBeGreaterThanOrEqual(3);
    const scores = result.runs.map((r) => r.pass_at_k["1"] ?? -1).sort((a, b) => b - a);
    // "Clearly different": each model is at least 10 points apart from the next.
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]! - scores[i]!).toBeGreaterThan(0.1);
    // Every sample gets the verdict its sample set was written to provoke (samples/expected.json).
    const expected = JSON.parse(readFileSync(BUILTIN_EXPECTED_PATH, "utf8")) as Record<string, string[]>;
    for (const run of result.runs) {
      expect(run.name).toStartWith("builtin/");
      expect(typeof run.run_id).toBe("number");
      const want: Record<string, number> = {};
      for (const v of expected[run.name.slice("builtin/".length)] ?? []) want[v] = (want[v] ?? 0) + 1;
      const got = Object.fromEntries(Object.entries(run.verdicts).filter(([, n]) => n > 0));
      expect(got).toEqual(want);
    }
  }, 600_000);
});

describe("bun run eval after the built-in set changed", () => {
  test("a default run name whose stored run judged other inputs gets a version suffix instead of failing", async () => {
    const { dbPath } = await ensureBuiltinEvalDb();
    const db = join(dir, "upgraded.db");
    copyFileSync(dbPath, db);
    const conn = new Database(db);
    conn.run("update runs set samples_sha256 = 'from-an-older-version' where name = 'builtin/strong-coder'");
    conn.close();
    const r = await runCli(["eval", "--db", db, "--json", "--quiet"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<{ runs: { name: string; resumed: boolean; judged_now: number }[] }>(r);
    const names = out.runs.map((x) => x.name);
    expect(names).toContain("builtin/think-then-code");
    const renamed = out.runs.find((x) => x.name.startsWith("builtin/strong-coder@"));
    expect(renamed?.name).toMatch(/^builtin\/strong-coder@[0-9a-f]{8}$/);
    expect(renamed?.resumed).toBe(false);
    // The unchanged sample sets resumed without judging anything.
    for (const x of out.runs.filter((x) => x !== renamed)) expect(x.judged_now).toBe(0);
  }, 600_000);
});

describe("a missing compiler", () => {
  test("stops the eval with a clear error and exit code 1; once fixed, the same name finishes the run", async () => {
    const db = join(dir, "nocompiler.db");
    const args = ["eval", "--dataset", DATASET, "--samples", SAMPLES, "--name", "nocc", "--db", db, "--json"];
    const broken = await runCli(args, { env: { HARNESS_GXX: "/nonexistent/g++" } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("g++ not found");
    expect(broken.stderr).toContain("apt-get install g++");
    expect(broken.stderr).not.toContain("internal error");
    expect(parseOneJson<{ error: { category: string; message: string } }>(broken).error.category).toBe("sandbox");
    const fixed = await runCli(args);
    expect(fixed.code).toBe(0);
    expect(parseOneJson<{ samples: number; verdicts: Record<string, number> }>(fixed).verdicts).toMatchObject({ AC: 3, WA: 2, CE: 1, NO_CODE: 1 });
  });
});

describe("bun run eval --format mbppplus-full", () => {
  test("judges MBPP+ on base and plus inputs with outputs derived in the sandbox", async () => {
    const gz = MBPPPLUS_GZ;
    const lines = gunzipSync(readFileSync(gz)).toString("utf8").split("\n").filter(Boolean).slice(0, 3);
    const dataset = join(dir, "mbpp3.jsonl");
    writeFileSync(dataset, `${lines.join("\n")}\n`);
    const rows = lines.map((l) => parseJson(l) as { task_id: string; canonical_solution: string; entry_point: string });
    const samples = join(dir, "mbpp3.samples.jsonl");
    // Each canonical solution, then a wrong one that returns None for every input.
    writeFileSync(
      samples,
      [
        ...rows.map((r) => JSON.stringify({ task_id: r.task_id, solution: r.canonical_solution })),
        ...rows.map((r) => JSON.stringify({ task_id: r.task_id, solution: `def ${r.entry_point}(*args):\n    return None\n` })),
      ].join("\n"),
    );
    const r = await runCli(["eval", "--dataset", dataset, "--format", "mbppplus-full", "--samples", samples, "--db", join(dir, "m3.db"), "--json", "--quiet"]);
    expect(r.code).toBe(0);
    const out = parseOneJson<{ dataset: string; problems: number; verdicts: Record<string, number> }>(r);
    expect(out.dataset).toBe("mbpp3-full");
    expect(out.problems).toBe(3);
    // Only the canonical solutions pass; the wrong ones fail (WA, or RE where comparing None raises).
    expect(out.verdicts.AC).toBe(3);
    expect((out.verdicts.WA ?? 0) + (out.verdicts.RE ?? 0)).toBe(3);
  }, 300_000);
});
