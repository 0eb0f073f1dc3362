/**
 * Comparing runs: a baseline A against one or more runs B. Per pair: a paired test over problems,
 * a scatter plot of per-problem pass rates, verdict mix, pass@1 by difficulty, solved-by-one-only
 * lists and a collapsed, sortable table of pass-rate changes.
 */
import type { Comparison, MultiComparison } from "../data/compare.ts";
import type { RunRef, RunSummary } from "../data/runs.ts";
import { DASH, formatCount, formatDelta, formatPct } from "../render/format.ts";
import { VerdictStrip } from "./charts.tsx";
import { CompareScatter } from "./compare-scatter.tsx";
import { buildHref, formatInterval, PassAtK } from "./components.tsx";
import { Layout } from "./layout.tsx";

function Picker(props: { runs: RunRef[]; a?: number; bs?: number[] }) {
  const option = (r: RunRef, chosen: boolean) => (
    <option value={String(r.id)} selected={chosen}>
      {`#${r.id} ${r.name} (${r.datasetId})`}
    </option>
  );
  return (
    <form class="filters" method="get" action="/compare">
      <label>
        Baseline A{" "}
        <select name="a" required>
          <option value="">choose a run</option>
          {props.runs.map((r) => option(r, props.a === r.id))}
        </select>
      </label>
      <label>
        {"Against B (one or several) "}
        <select name="b" required multiple size={Math.min(6, Math.max(2, props.runs.length))}>
          {props.runs.map((r) => option(r, props.bs?.includes(r.id) ?? false))}
        </select>
      </label>
      <button type="submit">Compare</button>
    </form>
  );
}

/** Renders the run picker alone (no pair chosen yet). */
export function ComparePickerPage(props: { runs: RunRef[]; a?: number }) {
  return (
    <Layout title="Compare runs" active="/compare">
      <h1>Compare runs</h1>
      <Picker runs={props.runs} a={props.a} />
    </Layout>
  );
}

/** "p = 0.003" with enough digits to read a small p, "p < 0.001" below that. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return DASH;
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

/** Renders a baseline against one or several runs. */
export function ComparePage(props: { data: MultiComparison; runs: RunRef[] }) {
  const { baseline, comparisons } = props.data;
  const title = `${baseline.name} vs ${comparisons.map((c) => c.b.name).join(", ")}`;
  return (
    <Layout title={title} active="/compare">
      <h1>Compare runs</h1>
      <Picker runs={props.runs} a={baseline.id} bs={comparisons.map((c) => c.b.id)} />
      <table class="grid-table compare-summary">
        <thead>
          <tr>
            <th></th>
            <th>Run</th>
            <th class="num">pass@1</th>
            <th class="num">Δ pass rate vs A [95% CI]</th>
            <th class="num">Paired bootstrap</th>
            <th class="num">McNemar (solved)</th>
            <th class="num">Solved only here / only A</th>
            <th>Verdicts</th>
          </tr>
        </thead>
        <tbody>
          <SummaryRow label="A" run={baseline} />
          {comparisons.map((c, i) => (
            <SummaryRow label={comparisons.length === 1 ? "B" : `B${i + 1}`} run={c.b} comparison={c} />
          ))}
        </tbody>
      </table>
      <p class="muted small footnote">
        Δ is the mean over problems both runs ran of (B's pass rate − A's). Its interval and p-value come from a paired percentile
        bootstrap over problems (2000 resamples, seed 1); McNemar's exact test asks whether the problems only one run solves lean
        one way.
      </p>
      {comparisons.map((c, i) => (
        <PairSection c={c} label={comparisons.length === 1 ? "B" : `B${i + 1}`} />
      ))}
    </Layout>
  );
}

function SummaryRow(props: { label: string; run: RunSummary; comparison?: Comparison }) {
  const r = props.run;
  const c = props.comparison;
  return (
    <tr>
      <th>{props.label}</th>
      <td>
        <a href={`/runs/${r.id}`}>{r.name}</a> <small class="muted">{r.model ?? ""}</small>
      </td>
      <td class="num">
        <PassAtK k="1" value={r.metrics.passAtK["1"]} interval={r.metrics.passAtKInterval["1"]} counted={r.metrics.passAtKCounted["1"]} />
      </td>
      <td class="num delta">{c?.paired ? `${formatDelta(c.paired.difference)} ${formatInterval(c.paired)}` : DASH}</td>
      <td class="num p-value">{c ? formatP(c.paired?.pValue) : DASH}</td>
      <td class="num mcnemar">{c ? formatP(c.mcnemar.pValue) : DASH}</td>
      <td class="num">{c ? `${formatCount(c.onlyB.length)} / ${formatCount(c.onlyA.length)}` : DASH}</td>
      <td>
        <VerdictStrip verdicts={r.metrics.verdicts} runId={r.id} />
      </td>
    </tr>
  );
}

function PairSection(props: { c: Comparison; label: string }) {
  const { c: d, label } = props;
  return (
    <section class="pair" data-b={String(d.b.id)}>
      <h2>{`A vs ${label}: ${d.a.name} → ${d.b.name}`}</h2>
      {d.sameDataset ? null : <p class="warning">The runs used different dataset versions; only problem ids present in both are compared.</p>}
      <p>
        {`Both solved ${formatCount(d.bothSolved)}, neither ${formatCount(d.neitherSolved)}; mean pass-rate change ${label} − A: ${formatDelta(d.meanDelta)}.`}
        {d.unmatched ? ` ${formatCount(d.unmatched)} problems ran in only one of the runs.` : ""}
      </p>
      <div class="cols">
        <CompareScatter comparison={d} label={label} />
        <DifficultyTable c={d} label={label} />
      </div>
      <div class="cols">
        <ProblemList title={`Solved by A only (${d.onlyA.length})`} ids={d.onlyA} runId={d.a.id} />
        <ProblemList title={`Solved by ${label} only (${d.onlyB.length})`} ids={d.onlyB} runId={d.b.id} />
      </div>
      <details class="deltas">
        <summary>{`Pass-rate changes, problem by problem (${formatCount(d.deltas.length)})`}</summary>
        {d.deltas.length === 0 ? (
          <p class="muted">No problem changed pass rate.</p>
        ) : (
          <table class="grid-table deltas sortable">
            <thead>
              <tr>
                <th>Problem</th>
                <th class="num">A</th>
                <th class="num">{label}</th>
                <th class="num">{`${label} − A`}</th>
              </tr>
            </thead>
            <tbody>
              {d.deltas.map((r) => (
                <tr>
                  <td>{r.problemId}</td>
                  <td class="num">
                    <a href={buildHref(`/runs/${d.a.id}/samples`, { problem: r.problemId })}>{formatPct(r.a)}</a>
                  </td>
                  <td class="num">
                    <a href={buildHref(`/runs/${d.b.id}/samples`, { problem: r.problemId })}>{formatPct(r.b)}</a>
                  </td>
                  <td class={`num ${r.delta > 0 ? "up" : "down"}`}>{formatDelta(r.delta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}

function DifficultyTable(props: { c: Comparison; label: string }) {
  const rows = props.c.byDifficulty;
  if (rows.length === 0 || (rows.length === 1 && rows[0]?.key === "unknown")) return <div />;
  return (
    <section>
      <h3>pass@1 by difficulty</h3>
      <table class="grid-table by-difficulty">
        <thead>
          <tr>
            <th>Difficulty</th>
            <th class="num">A</th>
            <th class="num">{props.label}</th>
            <th class="num">Δ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.key}</td>
              <td class="num">{formatPct(r.a)}</td>
              <td class="num">{formatPct(r.b)}</td>
              <td class="num">{r.a === null || r.b === null ? DASH : formatDelta(r.b - r.a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ProblemList(props: { title: string; ids: string[]; runId: number }) {
  return (
    <section>
      <h3>{props.title}</h3>
      {props.ids.length === 0 ? (
        <p class="muted">none</p>
      ) : (
        <ul class="problem-list">
          {props.ids.map((id) => (
            <li>
              <a href={buildHref(`/runs/${props.runId}/samples`, { problem: id })}>{id}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
