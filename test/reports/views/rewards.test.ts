import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { formatCount, formatNum, formatPct } from "../../../reports/render/format.ts";
import { tableRows, textsOf } from "../support/html.ts";
import { COMPARED_SCHEMAS, openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
beforeAll(async () => {
  v = await openRealViewer();
}, 600_000);
afterAll(() => v.close());

describe("reward experiments page over a real `rewards compare` run", () => {
  test("shows one row per schema with the numbers rewards compare stored, the public-hidden gap as rate and counts", async () => {
    const { status, html } = await v.page(`/runs/${v.runId("strong-coder")}/rewards`);
    expect(status).toBe(200);
    const rows = tableRows(html, "table.rewards");
    expect(rows.map((r) => r[0])).toEqual([...COMPARED_SCHEMAS].sort());
    for (const row of rows) {
      const s = v.rewards.schemas.find((x) => x.name === row[0])!.summary;
      const gap = s.public_hidden_gap;
      expect(row).toEqual([
        row[0] as string,
        formatNum(s.mean),
        formatNum(s.std),
        formatPct(s.zero_variance_fraction),
        formatNum(s.groups),
        formatNum(s.spearman_hidden),
        gap.of === 0 ? "— (no problem has both public and hidden tests)" : `${formatPct(gap.rate)} (${formatCount(gap.count)} / ${formatCount(gap.of)})`,
      ]);
      // The gap is never a bare dash for a summary the current engine wrote.
      expect(row[6]).not.toBe("—");
    }
  });

  test("serves the gap as the stored { rate, count, of } in JSON", async () => {
    const { body } = await v.api(`/api/runs/${v.runId("strong-coder")}/rewards`);
    for (const e of body.experiments) {
      const s = v.rewards.schemas.find((x) => x.name === e.schema)!.summary;
      expect(e.publicHiddenGap).toEqual(s.public_hidden_gap);
    }
  });

  test("draws reward and advantage histograms with one bar per bin", async () => {
    const { body } = await v.api(`/api/runs/${v.runId("strong-coder")}/rewards`);
    const first = body.experiments[0];
    const { html } = await v.page(`/runs/${v.runId("strong-coder")}/rewards`);
    const bars = textsOf(html, "svg.hist rect title");
    const bins = body.experiments.reduce((n: number, e: any) => n + e.histogram.counts.length + e.advantages.counts.length, 0);
    expect(bars).toHaveLength(bins);
    expect(bars[0]).toBe(`[${formatNum(first.histogram.edges[0])}, ${formatNum(first.histogram.edges[1])}): ${first.histogram.counts[0]}`);
  });

  test("the run page links to the reward experiments only when the run has some", async () => {
    const [strong, sloppy] = [v.runId("strong-coder"), v.runId("sloppy-coder")];
    expect((await v.page(`/runs/${strong}`)).html).toContain(`href="/runs/${strong}/rewards"`);
    expect((await v.page(`/runs/${sloppy}`)).html).not.toContain(`/runs/${sloppy}/rewards`);
  });

  test("says so when a run has no experiments, and 404s for an unknown run", async () => {
    const { html } = await v.page(`/runs/${v.runId("sloppy-coder")}/rewards`);
    expect(textsOf(html, "p.empty")[0]).toContain("No reward experiment");
    expect((await v.api(`/api/runs/${v.runId("sloppy-coder")}/rewards`)).body.experiments).toEqual([]);
    expect((await v.api("/api/runs/4242/rewards")).status).toBe(404);
  });
});
