/**
 * A run of 20 000 samples written by a real eval: answer-mode problems (no sandbox, so 20 000 judge
 * in seconds) and, last in the samples file, one slow Python sample on a stdio problem. The eval is
 * killed once the 20 000 are stored, while the slow one runs, so the run stays "running" and the
 * viewer computes its metrics live over all of them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { buildReportApp } from "../../../reports/app.ts";
import { REPO_ROOT } from "../../support/cli.ts";
import { tableRows, textsOf } from "../support/html.ts";

const COUNT = 20_000;
const PROBLEMS = Array.from({ length: 200 }, (_, i) => `bulk/p${i}`);
const SLOW_PROBLEM = "bulk/slow";
/** The answer sample `i` gives, and so its verdict: a fixed cycle, so tests can count what to expect. */
const ANSWERS = ["7", "8", "7", "9", "7", "6"] as const;
const syntheticVerdict = (i: number) => (ANSWERS[i % ANSWERS.length] === "7" ? "AC" : "WA");
const syntheticProblem = (i: number) => PROBLEMS[i % PROBLEMS.length] as string;

let dir: string;
let app: Hono;
let close: () => void;
let runId: number;

function storedCount(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true });
    try {
      return (db.query("SELECT count(*) AS n FROM samples").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reports-bulk-"));
  const dbPath = join(dir, "harness.db");
  const problems = PROBLEMS.map((id) => ({ id, statement: "Answer with the number 7.", mode: "answer", answer: "7" }));
  problems.push({ id: SLOW_PROBLEM, statement: "echo", tests: [{ input: "7\n", output: "7\n" }], time_limit_ms: 3000, languages: ["python"] } as never);
  writeFileSync(join(dir, "bulk.jsonl"), problems.map((p) => JSON.stringify(p)).join("\n") + "\n");
  const lines = Array.from({ length: COUNT }, (_, i) => JSON.stringify({ problem_id: syntheticProblem(i), completion: ANSWERS[i % ANSWERS.length] }));
  lines.push(JSON.stringify({ problem_id: SLOW_PROBLEM, completion: "```python\nimport time\ntime.sleep(30)\nprint(input())\n```" }));
  writeFileSync(join(dir, "bulk-coder.jsonl"), lines.join("\n") + "\n");
  const args = ["eval", "--dataset", join(dir, "bulk.jsonl"), "--samples", join(dir, "bulk-coder.jsonl"), "--name", "bulk-20k", "--db", dbPath, "--concurrency", "2", "--json", "--quiet"];
  const proc = Bun.spawn(["bun", join(REPO_ROOT, "harness/cli/main.ts"), ...args], { stdout: "ignore", stderr: "ignore" });
  const deadline = Date.now() + 300_000;
  while (storedCount(dbPath) < COUNT && Date.now() < deadline) await Bun.sleep(100);
  proc.kill("SIGKILL");
  await proc.exited;
  if (storedCount(dbPath) !== COUNT) throw new Error(`the bulk eval stored ${storedCount(dbPath)} samples, not ${COUNT}, before the slow one`);
  const db = new Database(dbPath, { readonly: true });
  runId = (db.query("SELECT id FROM runs WHERE name = 'bulk-20k'").get() as { id: number }).id;
  db.close();
  ({ app, close } = buildReportApp({ dbPath }));
}, 600_000);
afterAll(() => {
  close?.();
  rmSync(dir, { recursive: true, force: true });
});

const getJson = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as any };
};
const expectedCount = (pred: (i: number) => boolean) => Array.from({ length: COUNT }, (_, i) => i).filter(pred).length;

describe("a run with 20 000 samples", () => {
  test("pages through every sample in order, 50 at a time", async () => {
    const first = await getJson(`/api/runs/${runId}/samples`);
    expect([first.body.total, first.body.pages, first.body.items.length]).toEqual([COUNT, COUNT / 50, 50]);
    const last = await getJson(`/api/runs/${runId}/samples?page=${COUNT / 50}`);
    expect(last.body.items.map((s: { sampleIndex: number }) => s.sampleIndex)).toEqual(Array.from({ length: 50 }, (_, i) => COUNT - 50 + i));
    const middle = await getJson(`/api/runs/${runId}/samples?page=201&limit=50`);
    expect(middle.body.items[0].sampleIndex).toBe(10_000);
    expect((await app.request(`/api/runs/${runId}/samples?page=${COUNT / 50 + 1}`)).status).toBe(404);
  });

  test("counts and pages a verdict filter correctly", async () => {
    const wa = expectedCount((i) => syntheticVerdict(i) === "WA");
    const { body } = await getJson(`/api/runs/${runId}/samples?verdict=WA&limit=500`);
    expect(body.total).toBe(wa);
    expect(body.pages).toBe(Math.ceil(wa / 500));
    expect(body.items.every((s: { verdict: string }) => s.verdict === "WA")).toBe(true);
    expect(body.verdicts.AC).toBe(expectedCount((i) => syntheticVerdict(i) === "AC"));
  });

  test("filters by one problem among 200", async () => {
    const { body } = await getJson(`/api/runs/${runId}/samples?problem=${encodeURIComponent("bulk/p7")}&limit=500`);
    expect(body.total).toBe(expectedCount((i) => syntheticProblem(i) === "bulk/p7"));
    expect(body.items.every((s: { problemId: string }) => s.problemId === "bulk/p7")).toBe(true);
  });

  test("renders a page of the sample list as HTML with its position", async () => {
    const res = await app.request(`/runs/${runId}/samples?page=123`);
    const html = await res.text();
    expect(textsOf(html, ".pager-pos")).toEqual([`page 123 of ${COUNT / 50}`]);
    expect(tableRows(html, "table.samples")[0]?.[0]).toBe(String(122 * 50));
  });

  test("shows the run with a grid cell per problem and live metrics over all samples", async () => {
    const { body } = await getJson(`/api/runs/${runId}`);
    // One cell per problem with samples: the slow problem has none stored yet.
    expect(body.grid).toHaveLength(PROBLEMS.length);
    expect(body.run.metrics.samples).toBe(COUNT);
    expect(body.run.metrics.verdicts.WA).toBe(expectedCount((i) => syntheticVerdict(i) === "WA"));
    const p0 = body.grid.find((c: { problemId: string }) => c.problemId === "bulk/p0");
    const p0Indexes = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % PROBLEMS.length === 0);
    expect(p0.correct).toBe(p0Indexes.filter((i) => syntheticVerdict(i) === "AC").length);
  });

  test("opens one sample in the middle with its neighbours", async () => {
    const page = await getJson(`/api/runs/${runId}/samples?page=200`);
    const id = page.body.items[0].id;
    const { body } = await getJson(`/api/samples/${id}`);
    expect(body.sample.sampleIndex).toBe(199 * 50);
    expect([body.prevId, body.nextId]).toEqual([id - 1, id + 1]);
  });

  test("lists the run on the leaderboard with its live pass@1", async () => {
    const { body } = await getJson("/api/leaderboard");
    const bulk = body.boards.flatMap((b: { runs: { name: string }[] }) => b.runs).find((r: { name: string }) => r.name === "bulk-20k");
    expect(bulk.metrics.source).toBe("live");
    expect(bulk.metrics.samples).toBe(COUNT);
  });
});
