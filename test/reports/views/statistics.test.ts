/** pass@k intervals, the reasons behind dashes, verdict links and difficulty order, on a real eval's database. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { INTERVAL_NOTE } from "../../../harness/eval/leaderboard.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { attrsOf, tableRecords, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
beforeAll(async () => {
  v = await openRealViewer();
}, 600_000);
afterAll(() => v.close());

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const interval = (ci: { low: number; high: number }) => `[${(ci.low * 100).toFixed(1)}, ${(ci.high * 100).toFixed(1)}]`;

describe("pass@k with intervals", () => {
  test("the leaderboard shows each run's pass@1 with the interval the API serves, centred on the eval's own pass@1", async () => {
    const { body } = await v.api("/api/leaderboard");
    const { html } = await v.page("/");
    const rows = tableRecords(html, 'table.leaderboard[data-dataset="builtin"]');
    for (const evalRun of v.runs) {
      const entry = body.boards[0].runs.find((r: { id: number }) => r.id === evalRun.run_id);
      const ci = entry.metrics.passAtKInterval["1"];
      expect(ci.estimate).toBeCloseTo(evalRun.pass_at_k["1"] as number, 12);
      expect(ci.problems).toBe(30);
      expect(rows.find((r) => r.Run === evalRun.name)?.["pass@1"]).toBe(`${pct(evalRun.pass_at_k["1"] as number)} ${interval(ci)}`);
    }
    const note = textsOf(html, "p.footnote")[0];
    expect(note).toContain("95% interval, percentile bootstrap over problems");
    expect(note).toContain("Not shown: pass@5, pass@10, since no run drew that many samples of any problem.");
  });

  test("the run page explains a dash for a pass@k larger than any problem's sample count", async () => {
    const { html } = await v.page(`/runs/${v.runId("strong-coder")}`);
    const facts = Object.fromEntries(tableRows(html, "table.facts").map(([k, x]) => [k, x]));
    expect(facts["pass@5"]).toBe("—");
    expect(attrsOf(html, "abbr.no-value", "title")).toContain("pass@5 needs at least 5 samples of a problem; no problem in this run has 5");
    expect(facts["pass@2"]).toMatch(/^\d+\.\d% \[\d+\.\d, \d+\.\d\]$/);
  });

  test("the CLI leaderboard prints the same intervals, and says what they are", async () => {
    const json = parseOneJson<{ leaderboards: { rows: { run_id: number; pass_at_k_ci: Record<string, { low: number; high: number } | null> }[] }[] }>(
      await runCli(["leaderboard", "--db", v.dbPath, "--json"]),
    );
    const { body } = await v.api("/api/leaderboard");
    for (const row of json.leaderboards[0]!.rows) {
      const entry = body.boards[0].runs.find((r: { id: number }) => r.id === row.run_id);
      expect(row.pass_at_k_ci["1"]).toEqual(entry.metrics.passAtKInterval["1"]);
      expect(row.pass_at_k_ci["5"]).toBeNull();
    }
    const text = await runCli(["leaderboard", "--db", v.dbPath]);
    expect(text.stdout).toContain(INTERVAL_NOTE);
    const strong = json.leaderboards[0]!.rows.find((r) => r.run_id === v.runId("strong-coder"))!;
    expect(text.stdout).toContain(interval(strong.pass_at_k_ci["1"]!));
  });
});

describe("verdict links and breakdowns", () => {
  test("a verdict count on the leaderboard opens the run's samples of that verdict, whose first entry is one click away", async () => {
    const sloppy = v.runId("sloppy-coder");
    const { html } = await v.page("/");
    const href = attrsOf(html, "a.verdict-count", "href").find((h) => h === `/runs/${sloppy}/samples?verdict=WA`);
    expect(href).toBeDefined();
    const list = await v.page(href!);
    const verdicts = tableRecords(list.html, "table.samples").map((r) => r.Verdict);
    expect(verdicts.length).toBe(v.runs.find((r) => r.run_id === sloppy)!.verdicts.WA as number);
    expect(new Set(verdicts)).toEqual(new Set(["WA"]));
    const first = attrsOf(list.html, "a.sample-link", "href")[0]!;
    const sample = await v.page(first);
    expect(textsOf(sample.html, "h1 .badge")).toEqual(["WA"]);
  });

  test("the leaderboard's verdict strip segments link to the same filtered lists", async () => {
    const { html } = await v.page("/");
    const links = attrsOf(html, "svg.strip a", "href");
    expect(links).toContain(`/runs/${v.runId("sloppy-coder")}/samples?verdict=TLE`);
  });

  test("the run page's verdict bars link to the filtered list, and difficulties read easy to hard", async () => {
    const id = v.runId("sloppy-coder");
    const { html } = await v.page(`/runs/${id}`);
    expect(attrsOf(html, "svg.chart a.verdict-bar", "href")).toContain(`/runs/${id}/samples?verdict=WA`);
    const difficulties = tableRows(html, "table.grid-table")
      .map((r) => r[0])
      .filter((k) => ["easy", "medium", "hard"].includes(k ?? ""));
    expect(difficulties).toEqual(["easy", "medium", "hard"]);
  });
});
