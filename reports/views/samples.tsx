/** A run's samples, one page at a time, filterable by verdict and problem. */
import { pickFilter, type SamplePage, type SampleSort } from "../data/samples.ts";
import { formatCount, formatKb, formatMs, formatNum } from "../render/format.ts";
import { orderVerdicts } from "./charts.tsx";
import { buildHref, Pager, buildProblemHref, Verdict } from "./components.tsx";
import { Layout } from "./layout.tsx";

/** Renders the sample list page. */
export function SamplesPage(props: { data: SamplePage }) {
  const { run, query, total, pages, items, verdicts, languages } = props.data;
  const path = `/runs/${run.id}/samples`;
  const keep = {
    problem: query.problem,
    language: query.language,
    q: query.q,
    sort: query.sort,
    dir: query.dir,
    limit: query.limit === 50 ? undefined : query.limit,
  };
  const filter = pickFilter(query);
  // Header links: a first click sorts descending (slowest, best first), a second flips it.
  const sortHead = (label: string, sort: SampleSort) => {
    const active = (query.sort ?? "index") === sort;
    const dir = active && query.dir === "desc" ? "asc" : active ? "desc" : sort === "index" ? "asc" : "desc";
    return (
      <th class={active ? `num sorted ${query.dir ?? "asc"}` : "num"}>
        <a href={buildHref(path, { ...keep, verdict: query.verdict, sort, dir, page: undefined })}>{label}</a>
      </th>
    );
  };
  return (
    <Layout title={`${run.name} · samples`}>
      <h1>
        <a href={`/runs/${run.id}`}>{run.name}</a> · samples
      </h1>
      <nav class="chips">
        <a class={query.verdict ? undefined : "active"} href={buildHref(path, keep)}>
          all
        </a>
        {orderVerdicts(verdicts).map(([v, n]) => (
          <a class={query.verdict === v ? "active" : undefined} href={buildHref(path, { ...keep, verdict: v })}>
            {`${v} (${formatCount(n)})`}
          </a>
        ))}
      </nav>
      {query.problem ? (
        <p class="filter-note">
          {"Problem "}
          <a href={buildProblemHref(run.datasetSha256, query.problem)}>{query.problem}</a>
          {" · "}
          <a href={buildHref(path, { verdict: query.verdict, language: query.language })}>show every problem</a>
        </p>
      ) : null}
      {languages.length > 1 || query.language ? (
        <nav class="languages">
          <a class={query.language ? undefined : "active"} href={buildHref(path, { ...keep, language: undefined, verdict: query.verdict })}>
            any language
          </a>
          {languages.map((l) => (
            <a class={query.language === l ? "active" : undefined} href={buildHref(path, { ...keep, language: l, verdict: query.verdict })}>
              {l}
            </a>
          ))}
        </nav>
      ) : null}
      <form class="filters search" method="get" action={path}>
        <input type="search" name="q" value={query.q ?? ""} placeholder="search completions and code" />
        {Object.entries({ verdict: query.verdict, problem: query.problem, language: query.language }).map(([k, val]) =>
          val ? <input type="hidden" name={k} value={val} /> : null,
        )}
        <button type="submit">Search</button>
        {query.q ? <a href={buildHref(path, { ...keep, q: undefined, verdict: query.verdict })}>clear search</a> : null}
      </form>
      <p class="muted">{`${formatCount(total)} sample${total === 1 ? "" : "s"}${query.q ? ` matching ${JSON.stringify(query.q)}` : ""}`}</p>
      <table class="grid-table samples">
        <thead>
          <tr>
            {sortHead("#", "index")}
            <th>Problem</th>
            <th>Verdict</th>
            {sortHead("Tests", "passed")}
            {sortHead("Score", "score")}
            {sortHead("Time", "time")}
            <th class="num">Memory</th>
            <th>Language</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr>
              <td class="num">
                <a class="sample-link" href={buildHref(`/samples/${s.id}`, { ...filter })}>
                  {s.sampleIndex}
                </a>
              </td>
              <td>
                <a href={buildHref(path, { problem: s.problemId, verdict: query.verdict })}>{s.problemId}</a>
              </td>
              <td>
                <Verdict verdict={s.verdict} />
              </td>
              <td class="num">{`${s.passed}/${s.total}`}</td>
              <td class="num">{formatNum(s.score)}</td>
              <td class="num">{formatMs(s.timeMs)}</td>
              <td class="num">{formatKb(s.memoryKb)}</td>
              <td>{s.language ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path={path} params={{ ...keep, verdict: query.verdict }} page={query.page} pages={pages} />
    </Layout>
  );
}
