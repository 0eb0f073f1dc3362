/** The run and live pages' charts on real eval data: latency histogram, a model's pass@1 across runs, throughput. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { summarizeThroughput } from "../../../harness/metrics/series.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { attrsOf, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
/** A second real run of the strong-coder samples, so the model has a history. */
let secondRun: number;
beforeAll(async () => {
  v = await openRealViewer();
  const r = await runCli(["eval", "--samples", "datasets/builtin/samples/strong-coder.jsonl", "--name", "strong-coder-again", "--db", v.dbPath, "--json", "--quiet"]);
  expect(r.code).toBe(0);
  // One samples file: the document is that run itself.
  secondRun = parseOneJson<{ run_id: number }>(r).run_id;
}, 600_000);
afterAll(() => v.close());

describe("run page charts", () => {
  test("draws a run-time histogram whose bars hold every sample whose program ran, with labelled axes", async () => {
    const id = v.runId("sloppy-coder");
    const db = new Database(v.dbPath, { readonly: true });
    const ran = (db.query("SELECT count(*) AS n FROM samples WHERE run_id = ? AND verdict NOT IN ('NO_CODE', 'CE', 'SE')").get(id) as { n: number }).n;
    db.close();
    const { html } = await v.page(`/runs/${id}`);
    const bars = textsOf(html, "svg.hist rect title");
    expect(bars).toHaveLength(20);
    expect(bars.reduce((s, t) => s + Number(t.split(": ")[1]), 0)).toBe(ran);
    const xLabels = textsOf(html, "svg.hist .x-tick text");
    expect(xLabels[0]).toMatch(/^\d/);
    expect(xLabels.at(-1)).toMatch(/ ms$/);
  });

  test("plots pass@1 with its interval for each run of the model, this run highlighted", async () => {
    const { html } = await v.page(`/runs/${secondRun}`);
    const titles = textsOf(html, "svg.series circle title");
    expect(titles).toHaveLength(2);
    expect(titles[0]).toStartWith("builtin/strong-coder (");
    expect(titles[1]).toStartWith("strong-coder-again (");
    expect(attrsOf(html, "svg.series circle", "class")).toEqual(["dot", "dot current"]);
    expect(attrsOf(html, "svg.series a.run-point", "href")).toEqual([`/runs/${v.runId("strong-coder")}`, `/runs/${secondRun}`]);
    expect(attrsOf(html, "svg.series line.whisker", "y1")).toHaveLength(2);
  });
});

describe("live page", () => {
  test("shows a running run's rate, ETA and throughput line, from its samples' judged-at times", async () => {
    // Mark the second run as running again, as an interrupted eval leaves it, with more samples expected.
    const db = new Database(v.dbPath);
    db.query("UPDATE runs SET status = 'running', sample_count = 180 WHERE id = ?").run(secondRun);
    const times = (db.query("SELECT judged_at FROM samples WHERE run_id = ?").all(secondRun) as { judged_at: number }[]).map((r) => r.judged_at);
    db.close();
    const expected = summarizeThroughput(times, 180);
    const { html } = await v.page("/live");
    const rate = textsOf(html, "p.rate")[0] ?? "";
    if (expected.ratePerSec === null) expect(rate).toBe("Rate: not known yet.");
    else expect(rate).toStartWith(`Rate ${expected.ratePerSec.toFixed(1)} samples/s over the last minute · ETA `);
    if (expected.series.length >= 2) expect(attrsOf(html, "svg.throughput polyline", "points")[0]!.split(" ")).toHaveLength(expected.series.length);
  });
});
