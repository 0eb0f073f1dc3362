/** Live runs: progress blocks that /static/app.js keeps current over Server-Sent Events. */
import type { LivePage } from "../data/live.ts";
import { formatCount, formatDate } from "../render/format.ts";
import { orderVerdicts, ThroughputChart } from "./charts.tsx";
import { Layout } from "./layout.tsx";

/** Formats verdict counts as one line ("AC 3 · WA 1"); the client script writes the same format. */
export function formatVerdictLine(verdicts: Record<string, number>): string {
  const parts = orderVerdicts(verdicts).map(([v, n]) => `${v} ${n}`);
  return parts.length ? parts.join(" · ") : "no samples yet";
}

/** A progress block; `data-live-run` tells the client script which event stream to follow. */
export function LiveProgress(props: { runId: number; judged: number; expected: number; verdicts: Record<string, number> }) {
  const max = Math.max(props.expected, props.judged, 1);
  return (
    <section class="live" data-live-run={String(props.runId)}>
      <progress max={max} value={props.judged} data-field="progress"></progress>
      <p>
        <span data-field="judged">{props.judged}</span>
        {" / "}
        <span data-field="expected">{props.expected}</span>
        {" samples judged · "}
        <span class="status" data-field="status">
          running
        </span>
      </p>
      <p class="verdict-line" data-field="verdicts">
        {formatVerdictLine(props.verdicts)}
      </p>
    </section>
  );
}

/** Renders the live page. */
export function LiveRunsPage(props: { data: LivePage }) {
  const { running, recent } = props.data;
  return (
    <Layout title="Live runs" active="/live">
      <h1>Live runs</h1>
      {running.length === 0 ? <p class="empty">No run is in progress. Start one with <code>bun run eval</code>; it appears here.</p> : null}
      {running.map(({ run, progress, throughput }) => (
        <article class="live-run">
          <h2>
            <a href={`/runs/${run.id}`}>{run.name}</a> <small class="muted">{`${run.model ?? "—"} on ${run.datasetId}`}</small>
          </h2>
          <LiveProgress runId={run.id} judged={progress.judged} expected={progress.expected} verdicts={progress.verdicts} />
          <p class="rate">
            {throughput.ratePerSec === null
              ? "Rate: not known yet."
              : `Rate ${throughput.ratePerSec.toFixed(1)} samples/s over the last minute · ETA ${formatEta(throughput.etaSec)} (as of page load)`}
          </p>
          <ThroughputChart series={throughput.series} bucketMs={throughput.bucketMs} />
        </article>
      ))}
      {recent.length ? (
        <section>
          <h2>Recently finished</h2>
          <table class="grid-table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th class="num">Samples</th>
                <th>Verdicts</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {recent.map(({ run, progress }) => (
                <tr>
                  <td>
                    <a href={`/runs/${run.id}`}>{run.name}</a>
                  </td>
                  <td>
                    <span class={`status status-${run.status}`}>{run.status}</span>
                  </td>
                  <td class="num">{formatCount(progress.judged)}</td>
                  <td class="small">{formatVerdictLine(progress.verdicts)}</td>
                  <td>{formatDate(progress.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Layout>
  );
}

/** "3 min 20 s", "45 s", or a dash when there is no estimate. */
export function formatEta(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return "—";
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
