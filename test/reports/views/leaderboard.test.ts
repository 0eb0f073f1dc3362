import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openDb } from "../../../harness/store/db.ts";
import { runs } from "../../../harness/store/schema.ts";
import { createTestViewer, type TestViewer } from "../support/app.ts";
import { tableRecords, tableRows, textsOf } from "../support/html.ts";

let v: TestViewer;
/** Stored pass@1 of each run, read straight from the database. */
let pass1: Map<string, number | null>;

beforeAll(() => {
  v = createTestViewer();
  const db = openDb(v.fx.path, { readonly: true });
  pass1 = new Map(db.select().from(runs).all().map((r) => [r.name, r.metrics ? (JSON.parse(r.metrics).pass_at_k["1"] as number) : null]));
  db.$client.close();
});
afterAll(() => v.close());

const boardRows = (html: string, dataset: string) => tableRows(html, `table.leaderboard[data-dataset="${dataset}"]`);
const runNames = (rows: string[][]) => rows.map((r) => (r[1] ?? "").replace(/running$/, "").trim());

describe("leaderboard page", () => {
  test("shows one board per dataset version with the dataset name", async () => {
    const { status, html } = await v.page("/");
    expect(status).toBe(200);
    expect(textsOf(html, "section.board h2").map((t) => t.split(" ")[0])).toEqual(["builtin", "other"]);
  });

  test("ranks finished runs by their stored pass@1, best first", async () => {
    const { html } = await v.page("/");
    const finished = runNames(boardRows(html, "builtin")).filter((n) => pass1.get(n) !== null);
    const expected = [...finished].sort((a, b) => (pass1.get(b) ?? 0) - (pass1.get(a) ?? 0));
    expect(finished).toEqual(expected);
    expect(finished).toEqual(["strong-model-builtin", "weak-model-builtin"]);
  });

  test("shows pass@1, pass@k, compile rate, sample count and verdict counts of each run", async () => {
    const { body } = await v.api("/api/leaderboard");
    const strong = body.boards[0].runs.find((r: { name: string }) => r.name === "strong-model-builtin");
    const { html } = await v.page("/");
    const row = tableRecords(html, 'table.leaderboard[data-dataset="builtin"]').find((r) => r.Run === "strong-model-builtin") ?? {};
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const withCi = (k: string) => {
      const ci = strong.metrics.passAtKInterval[k];
      expect(ci.estimate).toBeCloseTo(strong.metrics.passAtK[k], 12);
      return `${pct(strong.metrics.passAtK[k])} [${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`;
    };
    expect(row["pass@1"]).toBe(withCi("1"));
    expect(row["pass@2"]).toBe(withCi("2"));
    expect(row.Compile).toBe(pct(strong.metrics.compileRate));
    expect(row.Samples).toBe(String(strong.metrics.samples));
    expect(row.Verdicts).toContain(`AC ${strong.metrics.verdicts.AC}`);
    expect(row.Verdicts).toContain(`CE ${strong.metrics.verdicts.CE}`);
    expect(row.Verdicts).not.toContain("TLE 0");
  });

  test("shows a running run with metrics computed from the samples judged so far", async () => {
    const { html } = await v.page("/");
    const row = tableRecords(html, 'table.leaderboard[data-dataset="builtin"]').find((r) => r.Run?.startsWith("live-model-builtin")) ?? {};
    expect(row.Run).toContain("running");
    expect(row.Samples).toBe("3");
    expect(row.Verdicts).toContain("AC 2 · WA 1");
  });

  test("sorts by the column named in the query, in either direction", async () => {
    const asc = runNames(boardRows((await v.page("/?sort=name&dir=asc")).html, "builtin"));
    const desc = runNames(boardRows((await v.page("/?sort=name&dir=desc")).html, "builtin"));
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
    const byDate = runNames(boardRows((await v.page("/?sort=created&dir=asc")).html, "builtin"));
    expect(byDate).toEqual(["strong-model-builtin", "weak-model-builtin", "live-model-builtin"]);
  });

  test("keeps the rank by pass@1 whatever the sort order", async () => {
    const rows = boardRows((await v.page("/?sort=name&dir=asc")).html, "builtin");
    const rankOf = (name: string) => rows.find((r) => r[1]?.startsWith(name))?.[0];
    expect(rankOf("strong-model-builtin")).toBe("1");
    expect(rankOf("weak-model-builtin")).toBe("3");
  });

  test("filters by model substring, judge and creation date", async () => {
    const byModel = await v.api("/api/leaderboard?model=STRONG");
    expect(byModel.body.boards.flatMap((b: { runs: { name: string }[] }) => b.runs.map((r) => r.name))).toEqual(["strong-model-builtin", "strong-model-other"]);
    const byJudge = await v.api("/api/leaderboard?judge=piston");
    expect(byJudge.body.boards.map((b: { datasetId: string }) => b.datasetId)).toEqual(["other"]);
    const byDate = await v.page("/?from=2024-04-01&to=2024-04-10");
    expect(runNames(boardRows(byDate.html, "builtin"))).toEqual(["weak-model-builtin"]);
    const none = await v.page("/?model=nobody");
    expect(textsOf(none.html, "p.empty")[0]).toContain("No runs match");
  });

  test("offers the known models and judges in the filter form", async () => {
    const { html } = await v.page("/");
    expect(textsOf(html, 'select[name="judge"] option')).toEqual(["any", "local", "piston"]);
  });

  test("answers 400 naming the parameter for an unknown sort key or a bad date", async () => {
    const bad = await v.page("/?sort=bogus");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("query parameter &#39;sort&#39;");
    const api = await v.api("/api/leaderboard?from=2024-13-01");
    expect(api.status).toBe(400);
    expect(api.body.error.message).toContain("'from'");
  });

  test("links each run to its run page", async () => {
    const { body } = await v.api("/api/leaderboard");
    const { html } = await v.page("/");
    const ids = body.boards.flatMap((b: { runs: { id: number }[] }) => b.runs.map((r) => `/runs/${r.id}`));
    const links = [...html.matchAll(/class="run-link" href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(ids);
  });
});
