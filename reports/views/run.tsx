/** The run page: headline metrics, verdict chart, breakdowns, problem grid and provenance. */
import type { Breakdown } from "../data/metrics.ts";
import type { RunDetail } from "../data/run-detail.ts";
import type { Child } from "hono/jsx";
import { formatCount, formatDate, formatMs, formatPct, orderDifficulties, pickRateBucket } from "../render/format.ts";
import { HistogramChart, RunSeriesChart, VerdictChart } from "./charts.tsx";
import { Facts, buildHref, KeyValues, PassAtK } from "./components.tsx";
import { Layout } from "./layout.tsx";
import { LiveProgress } from "./live.tsx";

/** Renders the run page. */
export function RunPage(props: { data: RunDetail }) {
  const { run, provenance: p } = props.data;
  const m = run.metrics;
  const passK = Object.entries(m.passAtK).sort(([a], [b]) => Number(a) - Number(b));
  return (
    <Layout title={run.name}>
      <h1>
        {run.name} <span class={`status status-${run.status}`}>{run.status}</span>
      </h1>
      <p class="actions">
        <a href={`/runs/${run.id}/samples`}>All samples</a>
        {props.data.rewardExperiments > 0 ? <a href={`/runs/${run.id}/rewards`}>{`Reward experiments (${props.data.rewardExperiments})`}</a> : null}
        <a href={buildHref("/compare", { a: run.id })}>Compare with…</a>
        <a href={`/api/runs/${run.id}`}>JSON</a>
      </p>
      {run.status === "running" ? <LiveProgress runId={run.id} judged={m.samples ?? 0} expected={run.sampleCount} verdicts={m.verdicts} /> : null}
      <div class="cols">
        <section>
          <h2>Metrics {m.source === "live" ? <small class="muted">(computed from samples so far)</small> : null}</h2>
          <Facts
            rows={[
              ...passK.map(([k, v]): [string, Child] => [`pass@${k}`, <PassAtK k={k} value={v} interval={m.passAtKInterval[k]} counted={m.passAtKCounted[k]} />]),
              // Problems accepting several answers without a checker program: their verdicts are a guess.
              ...(m.needsChecker
                ? passK.map(([k]): [string, string] => [`pass@${k} without the ${m.needsChecker} needs_checker problems`, formatPct(m.passAtKWithoutNeedsChecker[k] ?? null)])
                : []),
              ["compile rate", formatPct(m.compileRate)],
              ["solved", m.solved === null ? "—" : `${formatCount(m.solved)} of ${formatCount(m.problems)} problems`],
              ["samples", formatCount(m.samples)],
              ["mean time", formatMs(m.meanTimeMs)],
              ["model", run.model ?? "—"],
              ["judge", run.judge],
              ["dataset", <a href={`/datasets/${run.datasetSha256}`}>{run.datasetId}</a>],
              ["created", formatDate(run.createdAt)],
              ["finished", formatDate(run.finishedAt)],
            ]}
          />
          <p class="muted small footnote">pass@k [low, high]: 95% interval, percentile bootstrap over problems (2000 resamples, seed 1); hover for details.</p>
        </section>
        <section>
          <h2>Verdicts</h2>
          <VerdictChart verdicts={m.verdicts} runId={run.id} />
        </section>
      </div>
      <div class="cols charts">
        <section>
          <h2>Run time</h2>
          <HistogramChart histogram={props.data.latency} label="samples by run time" unit="ms" />
        </section>
        <section>
          <h2>{`pass@1 of ${run.model ?? "this model"} across runs`}</h2>
          <RunSeriesChart
            label="pass@1 with 95% interval, per run on this dataset version"
            points={props.data.history.map((h) => ({
              href: `/runs/${h.runId}`,
              title: `${h.name} (${formatDate(h.createdAt)}): ${formatPct(h.pass1)}${h.interval ? ` [${formatPct(h.interval.low)}, ${formatPct(h.interval.high)}]` : ""}`,
              y: h.pass1,
              low: h.interval?.low,
              high: h.interval?.high,
              current: h.runId === run.id,
            }))}
          />
        </section>
      </div>
      <div class="cols">
        <BreakdownTable title="By difficulty" rows={orderDifficulties(props.data.byDifficulty)} />
        <BreakdownTable title="By source" rows={props.data.bySource} />
      </div>
      <ProblemGrid data={props.data} />
      <section>
        <h2>Provenance</h2>
        <Facts
          rows={[
            ["dataset id", run.datasetId],
            ["dataset sha256", <code>{run.datasetSha256}</code>],
            ["dataset path", p.datasetPath],
            ["dataset revision", p.datasetRevision],
            ["samples path", p.samplesPath],
            ["samples sha256", p.samplesSha256 ? <code>{p.samplesSha256}</code> : null],
            ["git sha", p.gitSha ? <code>{p.gitSha}</code> : null],
            ["schema version", String(p.schemaVersion)],
          ]}
        />
        <div class="cols">
          <div>
            <h3>Judge versions</h3>
            <KeyValues value={p.judgeVersions} />
          </div>
          <div>
            <h3>Limits</h3>
            <KeyValues value={p.limits} />
          </div>
          <div>
            <h3>Extraction</h3>
            <KeyValues value={p.extraction} />
          </div>
        </div>
      </section>
    </Layout>
  );
}

function BreakdownTable(props: { title: string; rows: Breakdown[] }) {
  // A single "unknown" row says only that the dataset has no such field: no table for it.
  if (props.rows.length === 1 && props.rows[0]?.key === "unknown") return null;
  return (
    <section>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p class="muted">—</p>
      ) : (
        <table class="grid-table">
          <thead>
            <tr>
              <th>{props.title.replace("By ", "")}</th>
              <th class="num">Problems</th>
              <th class="num">Samples</th>
              <th class="num">pass@1</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{r.key}</td>
                <td class="num">{formatCount(r.problems)}</td>
                <td class="num">{formatCount(r.samples)}</td>
                <td class="num">{formatPct(r.passAt1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProblemGrid(props: { data: RunDetail }) {
  const { grid, gridTotal, run } = props.data;
  return (
    <section>
      <h2>Problems</h2>
      <p class="muted small">Each square is a problem, coloured by the share of its samples that passed; click for its samples.</p>
      <div class="problem-grid">
        {grid.map((c) => (
          <a
            class={`cell r${pickRateBucket(c.passRate)}`}
            href={buildHref(`/runs/${run.id}/samples`, { problem: c.problemId })}
            title={`${c.problemId}: ${c.correct}/${c.samples} passed`}
            aria-label={`${c.problemId}: ${c.correct} of ${c.samples} passed`}
          ></a>
        ))}
      </div>
      {gridTotal > grid.length ? <p class="muted">{`Showing ${grid.length} of ${gridTotal} problems; the sample list pages through all.`}</p> : null}
    </section>
  );
}
