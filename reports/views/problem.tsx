/** One problem of a dataset version: statement, limits, checker, tests (previewed) and reference solutions. */
import type { ProblemPage } from "../data/datasets.ts";
import { formatPct, shortenSha } from "../render/format.ts";
import { Code, Facts, buildHref, Json, buildProblemHref, Text } from "./components.tsx";
import { Layout } from "./layout.tsx";
import { Markdown } from "./markdown.tsx";

/** Renders the problem page; `all` says whether every test is shown uncut. */
export function ProblemPageView(props: { data: ProblemPage; all: boolean }) {
  const { sha256, problem: p, tests, testsTotal, complete, runs } = props.data;
  const self = buildProblemHref(sha256, p.id);
  const checkerOptions = Object.keys(p.checker.options).length ? p.checker.options : null;
  return (
    <Layout title={p.id} active="/datasets">
      <p class="crumbs">
        <a href={`/datasets/${sha256}`}>{`dataset ${shortenSha(sha256)}`}</a>
      </p>
      <h1 class="problem-id">{p.id}</h1>
      <Facts
        rows={[
          ["mode", p.mode],
          ["time limit", p.timeLimitMs === null ? null : `${p.timeLimitMs} ms`],
          ["memory limit", p.memoryLimitMb === null ? null : `${p.memoryLimitMb} MiB`],
          ["checker", p.checker.type],
          ["checker rule", p.checkerRule],
          ["needs a checker", p.needsChecker ? "yes: several answers are accepted and no checker program decides; verdicts are flagged" : null],
          ["languages", p.languages.join(", ")],
          ["entry point", p.entryPoint],
          ["source", p.source],
          ["difficulty", p.difficulty],
          ["rating", p.rating === null ? null : String(p.rating)],
          ["tags", p.tags.join(", ")],
        ]}
      />
      <section>
        <h2>Statement</h2>
        <Markdown text={p.statement} />
      </section>
      {p.solutionPrefix ? (
        <section>
          <h2>Solution prefix</h2>
          <Code code={p.solutionPrefix} language="python" />
        </section>
      ) : null}
      {p.prelude ? (
        <section>
          <h2>Prelude (run before the solution and the tests, as the source's tester does)</h2>
          <Code code={p.prelude} language="python" />
        </section>
      ) : null}
      {p.testCode ? (
        <section>
          <h2>Test code</h2>
          <Code code={p.testCode} language={p.languages[0] ?? "python"} />
        </section>
      ) : null}
      {p.checker.source || checkerOptions ? (
        <section>
          <h2>{`Checker (${p.checker.type})`}</h2>
          {checkerOptions ? <Json value={checkerOptions} /> : null}
          {p.checker.source ? <Code code={p.checker.source} language={p.checker.language ?? "cpp"} /> : null}
        </section>
      ) : null}
      <section>
        <h2>{`Tests (${testsTotal})`}</h2>
        {tests.map((t) => (
          <div class="test-case">
            <h4>{`Test ${t.index}${t.kind ? ` · ${t.kind}` : ""}`}</h4>
            <div class="cols">
              <div>
                <h5>{`Input${t.inputChars > t.input.length ? ` (first ${t.input.length} of ${t.inputChars} characters)` : ""}`}</h5>
                <Text text={t.input} />
              </div>
              <div>
                <h5>{`Output${t.outputChars > t.output.length ? ` (first ${t.output.length} of ${t.outputChars} characters)` : ""}`}</h5>
                <Text text={t.output} />
              </div>
            </div>
          </div>
        ))}
        {complete ? null : (
          <p>
            <a class="show-all" href={buildHref(self, { tests: "all" })}>{`Show all ${testsTotal} tests in full`}</a>
          </p>
        )}
        {props.all ? (
          <p>
            <a href={self}>Show the preview</a>
          </p>
        ) : null}
      </section>
      <section>
        <h2>{`Reference solutions (${p.solutions.length})`}</h2>
        {p.solutions.length === 0 ? <p class="muted">none shipped</p> : p.solutions.map((s) => <Code code={s.code} language={s.language} />)}
      </section>
      {runs.length ? (
        <section>
          <h2>Runs on this problem</h2>
          <table class="grid-table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Samples</th>
                <th>Passed</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={buildHref(`/runs/${r.run.id}/samples`, { problem: p.id })}>{r.run.name}</a>
                  </td>
                  <td class="num">{r.samples}</td>
                  <td class="num">{`${r.correct} (${formatPct(r.samples ? r.correct / r.samples : null)})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Layout>
  );
}
