import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Hono } from "hono";
import { buildReportApp } from "../../../reports/app.ts";
import { createFixtureDb, insertRun, type FixtureDb } from "../support/fixture-db.ts";
import { insertSyntheticProblems, insertSyntheticSamples, syntheticProblem, syntheticVerdict } from "../support/bulk.ts";
import { tableRows, textsOf } from "../support/html.ts";

const COUNT = 20_000;
const PROBLEMS = Array.from({ length: 200 }, (_, i) => `bulk/p${i}`);
const BULK_SHA = "b".repeat(64);

let fx: FixtureDb;
let app: Hono;
let close: () => void;
let runId: number;

beforeAll(() => {
  fx = createFixtureDb();
  insertSyntheticProblems(fx.path, BULK_SHA, PROBLEMS);
  const writer = fx.openWriter();
  runId = insertRun(writer, { name: "bulk-20k", model: "bulk", datasetSha: BULK_SHA, created: "2024-06-01T00:00:00Z", status: "running", sampleCount: COUNT });
  writer.$client.close();
  insertSyntheticSamples(fx.path, runId, COUNT, PROBLEMS);
  ({ app, close } = buildReportApp({ dbPath: fx.path }));
});
afterAll(() => {
  close();
  fx.cleanup();
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
    expect(body.total).toBe(expectedCount((i) => syntheticProblem(i, PROBLEMS) === "bulk/p7"));
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
    expect(body.grid).toHaveLength(PROBLEMS.length);
    expect(body.run.metrics.samples).toBe(COUNT);
    expect(body.run.metrics.verdicts.CE).toBe(expectedCount((i) => syntheticVerdict(i) === "CE"));
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
