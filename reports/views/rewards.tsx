/** Reward experiments of a run: one row per schema, then each schema's histograms. */
import type { PublicHiddenGap, RewardsPage } from "../data/rewards.ts";
import { DASH, formatCount, formatDate, formatNum, formatPct } from "../render/format.ts";
import { HistogramChart } from "./charts.tsx";
import { Json } from "./components.tsx";
import { Layout } from "./layout.tsx";

/** Renders the rewards page. */
export function RewardsPageView(props: { data: RewardsPage }) {
  const { run, experiments } = props.data;
  return (
    <Layout title={`${run.name} · rewards`}>
      <h1>
        <a href={`/runs/${run.id}`}>{run.name}</a> · reward experiments
      </h1>
      {experiments.length === 0 ? (
        <p class="empty">
          No reward experiment is stored for this run. <code>bun run rewards compare</code> writes them.
        </p>
      ) : (
        <>
          <table class="grid-table rewards sortable">
            <thead>
              <tr>
                <th>Schema</th>
                <th class="num">Mean</th>
                <th class="num">Std</th>
                <th class="num">Zero-variance groups</th>
                <th class="num">Groups</th>
                <th class="num">Spearman vs hidden</th>
                <th class="num" title="Share of samples (of problems with public and hidden tests) the schema rewards more on the public tests alone than on all tests">
                  Public − hidden gap
                </th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((e) => (
                <tr>
                  <td>
                    <a href={`#schema-${e.id}`}>{e.schema}</a>
                  </td>
                  <td class="num">{formatNum(e.mean)}</td>
                  <td class="num">{formatNum(e.std)}</td>
                  <td class="num">{formatPct(e.zeroVarianceFraction)}</td>
                  <td class="num">{formatNum(e.groups)}</td>
                  <td class="num">{formatNum(e.spearmanHidden)}</td>
                  <td class="num">{formatGap(e.publicHiddenGap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {experiments.map((e) => (
            <section class="experiment" id={`schema-${e.id}`}>
              <h2>
                {e.schema} <small class="muted">{formatDate(e.createdAt)}</small>
              </h2>
              <div class="cols">
                <HistogramChart histogram={e.histogram} label="reward" />
                <HistogramChart histogram={e.advantages} label="advantage" />
              </div>
              <details>
                <summary>Definition and stored summary</summary>
                <div class="cols">
                  <Json value={e.definition} />
                  <Json value={e.summary} />
                </div>
              </details>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

/** "16.7% (2 / 12)": the rate with what it counts, or why there is none. */
function formatGap(g: PublicHiddenGap | null): string {
  if (!g) return DASH;
  if (g.of === 0) return `${DASH} (no problem has both public and hidden tests)`;
  return `${formatPct(g.rate)} (${formatCount(g.count)} / ${formatCount(g.of)})`;
}
