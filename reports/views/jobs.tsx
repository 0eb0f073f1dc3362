/** Training jobs: the list, and a job page with its history and one curve per metric, kept current by /static/app.js. */
import type { JobDetail, JobSummary } from "../data/jobs.ts";
import { formatDate } from "../render/format.ts";
import { RunSeriesChart } from "./charts.tsx";
import { Facts, Json } from "./components.tsx";
import { Layout } from "./layout.tsx";

export const CHART_W = 360;
export const CHART_H = 120;
const PAD = 6;

/** SVG polyline points for a series; /static/app.js computes the same when new points arrive. */
export function chartPoints(points: readonly [number, number][]): string {
  if (points.length === 0) return "";
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (CHART_W - 2 * PAD);
  const sy = (y: number) => CHART_H - PAD - ((y - y0) / (y1 - y0 || 1)) * (CHART_H - 2 * PAD);
  return points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ");
}

/** "steps 1–40": the x axis's range, which the chart itself does not label. */
export function stepRange(points: readonly [number, number][]): string {
  return points.length === 0 ? "" : `steps ${points[0]![0]}\u2013${points.at(-1)![0]}`;
}

function Curve(props: { name: string; points: [number, number][] }) {
  const last = props.points.at(-1);
  // The last point as a dot, so a one-point series is visible too.
  const end = chartPoints(props.points).split(" ").at(-1)?.split(",") ?? ["0", "0"];
  return (
    <figure class="curve" data-metric={props.name}>
      <figcaption>
        {props.name} <span data-field="last">{last ? String(Number(last[1].toPrecision(4))) : ""}</span>{" "}
        <span class="steps" data-field="steps">{stepRange(props.points)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${CHART_W} ${CHART_H}`} width={CHART_W} height={CHART_H} role="img" aria-label={`${props.name} by step`}>
        <polyline fill="none" stroke="currentColor" points={chartPoints(props.points)} />
        <circle r="2.5" fill="currentColor" cx={end[0]} cy={end[1]} />
      </svg>
    </figure>
  );
}

export function JobsPage(props: { data: { jobs: JobSummary[] } }) {
  return (
    <Layout title="Training jobs" active="/jobs">
      <h1>Training jobs</h1>
      {props.data.jobs.length === 0 ? (
        <p>No jobs yet: launch one with <code>bun run train</code>.</p>
      ) : (
        <table class="sortable">
          <thead>
            <tr><th>job</th><th>algorithm</th><th>state</th><th>launcher</th><th>last step</th><th>exit</th><th>created</th></tr>
          </thead>
          <tbody>
            {props.data.jobs.map((j) => (
              <tr>
                <td><a href={`/jobs/${encodeURIComponent(j.id)}`}>{j.id}</a></td>
                <td>{j.algo}</td>
                <td>{j.state}</td>
                <td>{j.launcher}</td>
                <td>{j.lastStep ?? ""}</td>
                <td>{j.exitCode ?? ""}</td>
                <td>{formatDate(j.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function JobPageView(props: { data: JobDetail }) {
  const j = props.data;
  const names = Object.keys(j.series).sort();
  return (
    <Layout title={j.id} active="/jobs">
      <h1>{j.id}</h1>
      <section class="job" data-live-job={["pending", "running"].includes(j.state) ? j.id : undefined}>
        <Facts
          rows={[
            ["algorithm", j.algo],
            ["state", <span data-field="state">{j.state}</span>],
            ["exit code", j.exitCode === null ? "" : String(j.exitCode)],
            ["launcher", `${j.launcher} ${j.launcherId ?? ""}`],
            ["last step", <span data-field="lastStep">{j.lastStep ?? ""}</span>],
            ["folder", j.jobDir],
            ["logs", `${j.logs.stdout}, ${j.logs.stderr}`],
            ["metrics", j.metricsPath],
            ["checkpoints", j.checkpointDir],
          ]}
        />
        <h2>Curves</h2>
        {names.length === 0 ? <p>No metrics ingested yet (<code>bun run jobs logs ID --follow</code> ingests them while the job runs).</p> : null}
        <div class="curves">{names.map((n) => <Curve name={n} points={j.series[n]!} />)}</div>
      </section>
      <h2>Evaluations</h2>
      {j.evals.length === 0 ? (
        <p>No checkpoint evaluated yet (<code>bun run jobs eval ID</code>).</p>
      ) : (
        <>
        <RunSeriesChart
          label="pass@1 by checkpoint step"
          ends={[`step ${j.evals[0]!.step}`, `step ${j.evals.at(-1)!.step}`]}
          points={j.evals.map((e) => ({
            href: `/runs/${e.runId}`,
            title: `step ${e.step}: pass@1 ${e.pass1 === null ? "n/a" : e.pass1.toFixed(3)}${e.best ? " (best)" : ""}`,
            y: e.pass1,
            at: e.step,
            current: e.best,
          }))}
        />
        <table>
          <thead><tr><th>step</th><th>pass@1</th><th>run</th><th></th></tr></thead>
          <tbody>
            {j.evals.map((e) => (
              <tr>
                <td>{e.step}</td>
                <td>{e.pass1 === null ? "n/a" : e.pass1.toFixed(3)}</td>
                <td><a href={`/runs/${e.runId}`}>{`${j.id}@step-${e.step}`}</a></td>
                <td>{e.best ? "best" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </>
      )}
      <RewardStatsSection stats={j.rewardStats} />
      <h2>History</h2>
      <table>
        <thead><tr><th>at</th><th>state</th><th>detail</th></tr></thead>
        <tbody>
          {j.history.map((e) => (
            <tr><td>{formatDate(e.at)}</td><td>{e.state}</td><td>{e.detail ?? ""}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Config</h2>
      <Json value={j.config} />
      <h2>Command</h2>
      <Json value={j.command} />
      <h2>Versions</h2>
      <Json value={j.versions} />
    </Layout>
  );
}

/** The job's own reward server as it last reported (logs/reward-stats.jsonl, ingested by the job's watcher). */
function RewardStatsSection(props: { stats: JobDetail["rewardStats"] }) {
  const s = props.stats;
  const ms = (v: number | undefined) => (v === undefined ? "" : `${v.toFixed(1)} ms`);
  return (
    <section class="reward-stats">
      <h2>Reward server</h2>
      {s === null ? (
        <p>No statistics from a reward server (the job starts one only for RL algorithms without <code>reward.url</code>).</p>
      ) : (
        <Facts
          rows={[
            ["requests", String(s.requests)],
            ["items", String(s.items)],
            ["ok", String(s.ok)],
            ["timeouts", String(s.timeouts)],
            ["infra errors", String(s.infra_errors)],
            ["cache hits", String(s.cache_hits)],
            ["latency p50 / p90 / p99", s.latency_ms ? `${ms(s.latency_ms.p50)} / ${ms(s.latency_ms.p90)} / ${ms(s.latency_ms.p99)}` : ""],
            ["latency max", ms(s.latency_ms?.max)],
            ["as of", formatDate(s.at)],
          ]}
        />
      )}
    </section>
  );
}
