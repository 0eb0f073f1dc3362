/** The leaderboard page: one table per dataset version, sortable by header links, filterable by a GET form. */
import type { Leaderboard, LeaderboardBoard, LeaderboardQuery, LeaderboardSort } from "../data/leaderboard.ts";
import { formatCount, formatDate, formatMs, formatPct, shortenSha } from "../render/format.ts";
import { VerdictStrip, orderVerdicts } from "./charts.tsx";
import { buildHref, PassAtK } from "./components.tsx";
import { Layout } from "./layout.tsx";

export interface LeaderboardFilters {
  model?: string;
  judge?: string;
  from?: string;
  to?: string;
}

/** Renders the leaderboard page. */
export function LeaderboardPage(props: { data: Leaderboard; query: LeaderboardQuery; filters: LeaderboardFilters }) {
  const { data, query, filters } = props;
  return (
    <Layout title="Leaderboard" active="/">
      <h1>Leaderboard</h1>
      <FilterForm data={data} filters={filters} query={query} />
      {data.boards.length === 0 ? (
        <p class="empty">
          No runs match. Run <code>bun run eval</code> to judge the built-in set, then reload.
        </p>
      ) : (
        data.boards.map((b) => <Board board={b} query={query} filters={filters} />)
      )}
    </Layout>
  );
}

function FilterForm(props: { data: Leaderboard; filters: LeaderboardFilters; query: LeaderboardQuery }) {
  const f = props.filters;
  return (
    <form class="filters" method="get" action="/">
      <label>
        Model <input type="search" name="model" value={f.model ?? ""} list="models" placeholder="any" />
      </label>
      <datalist id="models">
        {props.data.models.map((m) => (
          <option value={m} />
        ))}
      </datalist>
      <label>
        Judge{" "}
        <select name="judge">
          <option value="">any</option>
          {props.data.judges.map((j) => (
            <option value={j} selected={f.judge === j}>
              {j}
            </option>
          ))}
        </select>
      </label>
      <label>
        From <input type="date" name="from" value={f.from ?? ""} />
      </label>
      <label>
        To <input type="date" name="to" value={f.to ?? ""} />
      </label>
      <input type="hidden" name="sort" value={props.query.sort} />
      <input type="hidden" name="dir" value={props.query.dir} />
      <button type="submit">Filter</button>
      <a href="/">reset</a>
    </form>
  );
}

function Board(props: { board: LeaderboardBoard; query: LeaderboardQuery; filters: LeaderboardFilters }) {
  const { board, query, filters } = props;
  const head = (label: string, sort: LeaderboardSort, numeric = false) => {
    const active = query.sort === sort;
    const dir = active && query.dir === "desc" ? "asc" : "desc";
    const cls = [numeric ? "num" : "", active ? `sorted ${query.dir}` : ""].filter(Boolean).join(" ");
    return (
      <th class={cls || undefined}>
        <a href={buildHref("/", { ...filters, sort, dir })}>{label}</a>
      </th>
    );
  };
  const otherK = board.kValues.filter((k) => k !== "1");
  return (
    <section class="board">
      <h2>
        {board.datasetId} <small class="muted">{`@ ${shortenSha(board.datasetSha256)}`}</small>{" "}
        <a class="small" href={`/datasets/${board.datasetSha256}`}>
          browse dataset
        </a>
      </h2>
      <table class="grid-table leaderboard" data-dataset={board.datasetId} data-sha={board.datasetSha256}>
        <thead>
          <tr>
            <th class="num">#</th>
            {head("Run", "name")}
            {head("Model", "model")}
            <th>Judge</th>
            {head("pass@1", "pass1", true)}
            {otherK.map((k) => (
              <th class="num">{`pass@${k}`}</th>
            ))}
            {head("Compile", "compile", true)}
            {head("Samples", "samples", true)}
            <th>Verdicts</th>
            <th class="num">Mean time</th>
            {head("Created", "created")}
          </tr>
        </thead>
        <tbody>
          {board.runs.map((r) => (
            <tr class={`status-${r.status}`}>
              <td class="num">{r.rank}</td>
              <td>
                <a class="run-link" href={`/runs/${r.id}`}>
                  {r.name}
                </a>
                {r.status === "done" ? null : <span class={`status status-${r.status}`}>{r.status}</span>}
              </td>
              <td>{r.model ?? "—"}</td>
              <td>{r.judge}</td>
              {["1", ...otherK].map((k) => (
                <td class={k === "1" ? "num strong" : "num"}>
                  <PassAtK k={k} value={r.metrics.passAtK[k]} interval={r.metrics.passAtKInterval[k]} counted={r.metrics.passAtKCounted[k]} />
                </td>
              ))}
              <td class="num">{formatPct(r.metrics.compileRate)}</td>
              <td class="num">{formatCount(r.metrics.samples)}</td>
              <td class="verdicts">
                <VerdictStrip verdicts={r.metrics.verdicts} runId={r.id} />{" "}
                <span class="small">
                  {orderVerdicts(r.metrics.verdicts).map(([v, n], i) => (
                    <>
                      {i > 0 ? " · " : null}
                      <a class="verdict-count" href={buildHref(`/runs/${r.id}/samples`, { verdict: v })}>{`${v} ${formatCount(n)}`}</a>
                    </>
                  ))}
                </span>
              </td>
              <td class="num">{formatMs(r.metrics.meanTimeMs)}</td>
              <td>{formatDate(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small footnote">
        {"pass@k: unbiased estimator averaged over problems; [low, high] is a 95% interval, percentile bootstrap over problems (2000 resamples, seed 1)."}
        {board.hiddenK.length
          ? ` Not shown: ${board.hiddenK.map((k) => `pass@${k}`).join(", ")}, since no run drew that many samples of any problem.`
          : null}
      </p>
    </section>
  );
}
