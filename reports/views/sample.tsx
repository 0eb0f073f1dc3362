/** One sample: statement, completion, extracted code, per-test results with output diffs, logs. */
import type { ProblemView } from "../data/problem-body.ts";
import type { SampleDetail, SampleFilter, TestResultView } from "../data/samples.ts";
import { formatDate, formatKb, formatMs, formatNum } from "../render/format.ts";
import { Code, Facts, buildHref, KeyValues, buildProblemHref, Text, Verdict } from "./components.tsx";
import { OutputDiff } from "./diff.tsx";
import { Layout } from "./layout.tsx";
import { Markdown } from "./markdown.tsx";

/**
 * Function mode runs two processes (judges/README.md "Function mode"): the candidate's code above, and
 * a trusted tester that runs the prelude, the starter code and the test code, its calls to the entry
 * point answered by the candidate's process. This is the tester's side, numbered as one listing.
 */
/** The tester's listing and the listing line where the test code starts (1-based), or null without one. */
function buildTesterListing(p: ProblemView): { listing: string; testStart: number } | null {
  const parts: [string, string | null][] = [
    ["prelude (imports the source's tester provides)", p.prelude],
    ["starter code (solution_prefix)", p.solutionPrefix],
    ["tests", p.testCode],
  ];
  const present = parts.filter((x): x is [string, string] => !!x[1]);
  if (present.length === 0) return null;
  let listing = "";
  let testStart = 0;
  for (const [label, code] of present) {
    listing += `# ---- ${label} ----\n`;
    if (label === "tests") testStart = listing.split("\n").length;
    listing += code.endsWith("\n") ? code : `${code}\n`;
  }
  return { listing, testStart };
}

function AsItRan(props: { problem: ProblemView }) {
  const p = props.problem;
  const built = buildTesterListing(p);
  if (!built) return null;
  return (
    <section class="as-it-ran">
      <h2>Test side, as the tester ran it</h2>
      <p class="muted small">
        {`The candidate (extracted code, above) and this tester run in separate processes; calls to ${p.entryPoint ?? "the entry point"} here are answered by the candidate's process.`}
      </p>
      <Code code={built.listing} language="python" />
    </section>
  );
}

/**
 * For a function-mode failure reported as "… test line N": that line of the test code (the failing
 * assertion or call) and a link to it in the tester's listing.
 */
function FailingTestLine(props: { problem: ProblemView | null; message: string | null }) {
  const n = Number(/test line (\d+)/.exec(props.message ?? "")?.[1]);
  const p = props.problem;
  if (!p?.testCode || !Number.isInteger(n) || n < 1) return null;
  const line = p.testCode.split("\n")[n - 1];
  const built = buildTesterListing(p);
  if (line === undefined || !built) return null;
  // The tester adds the last call the candidate answered ("last call: f(args) returned value") as its own line.
  const call = /^last call: (.*)$/m.exec(props.message ?? "")?.[1];
  return (
    <>
      <p class="failing-line">
        {`Failed at test line ${n}: `}
        <code>{line.trim()}</code> <a href={`#L${built.testStart + n - 1}`}>{`listing line ${built.testStart + n - 1}`}</a>
      </p>
      {call ? (
        <p class="failing-call">
          {"Last call before it: "}
          <code>{call}</code>
        </p>
      ) : null}
    </>
  );
}

/** "samples", or "WA samples of python" when the sample was opened from a filtered list. */
function describeFilter(f: SampleFilter): string {
  const parts = [f.verdict ? `${f.verdict} samples` : "samples"];
  if (f.language) parts.push(`in ${f.language}`);
  if (f.problem) parts.push(`of ${f.problem}`);
  if (f.q) parts.push(`matching ${JSON.stringify(f.q)}`);
  return parts.join(" ");
}

/** Tests given a detail block; the table above lists them all. */
const MAX_TEST_DETAILS = 100;

/** Renders the sample page. */
export function SamplePageView(props: { data: SampleDetail }) {
  const { run, sample: s, problem, tests, prevId, nextId, filter, ofProblem } = props.data;
  const listHref = buildHref(`/runs/${run.id}/samples`, { ...filter });
  const sampleHref = (id: number) => buildHref(`/samples/${id}`, { ...filter });
  return (
    <Layout title={`${s.problemId} · sample ${s.sampleIndex}`}>
      <p class="crumbs">
        <a href={`/runs/${run.id}`}>{run.name}</a>
        {" › "}
        <a href={listHref} class="crumb-list">
          {describeFilter(filter)}
        </a>
        {" › "}
        <a href={buildHref(`/runs/${run.id}/samples`, { problem: s.problemId })}>{s.problemId}</a>
      </p>
      <h1>
        <span class="problem-id">{s.problemId}</span> <small class="muted">{`sample ${s.sampleIndex}`}</small> <Verdict verdict={s.verdict} />
      </h1>
      <p class="actions">
        {prevId !== null ? (
          <a href={sampleHref(prevId)} rel="prev" title="previous in this list (k or ←)">
            ‹ previous sample
          </a>
        ) : null}
        {nextId !== null ? (
          <a href={sampleHref(nextId)} rel="next" title="next in this list (j or →)">
            next sample ›
          </a>
        ) : null}
        <span class="of-problem">{`sample ${ofProblem.k} of ${ofProblem.n} for this problem`}</span>
        <a href={buildProblemHref(run.datasetSha256, s.problemId)}>problem page</a>
        <a href={`/api/samples/${s.id}`}>JSON</a>
      </p>
      <Facts
        rows={[
          ["verdict", <Verdict verdict={s.verdict} />],
          ["tests passed", `${s.passed} / ${s.total}`],
          ["score", formatNum(s.score)],
          ["time", formatMs(s.timeMs)],
          ["memory", formatKb(s.memoryKb)],
          ["language", s.language],
          ["model", s.model],
          ["compiled", s.compileOk === null ? null : s.compileOk ? `yes (${formatMs(s.compileMs)})` : "no"],
          ["error", s.error ? <span class="error-text">{s.error}</span> : null],
          ["judged", formatDate(s.judgedAt)],
        ]}
      />
      <section>
        <h2>Problem statement</h2>
        {problem ? <Markdown text={problem.statement} /> : <p class="muted">The problem is not stored for this dataset version.</p>}
      </section>
      <div class="cols">
        <section>
          <h2>Extracted code</h2>
          <Code code={s.code} language={s.language} />
        </section>
        <section>
          <h2>Raw completion</h2>
          <Text text={s.completion} />
        </section>
      </div>
      {problem?.mode === "function" ? <AsItRan problem={problem} /> : null}
      <details>
        <summary>Extraction record</summary>
        <KeyValues value={s.extraction} />
      </details>
      {s.compileLog ? (
        <section>
          <h2>Compile log</h2>
          <Text text={s.compileLog} />
        </section>
      ) : null}
      <section>
        <h2>Tests</h2>
        {tests.length === 0 ? <p class="muted">No test ran (the sample did not compile or had no code).</p> : <TestTable tests={tests} />}
        {tests.slice(0, MAX_TEST_DETAILS).map((t) => (
          <TestDetail test={t} problem={problem} />
        ))}
      </section>
    </Layout>
  );
}

function TestTable(props: { tests: TestResultView[] }) {
  return (
    <table class="grid-table tests">
      <thead>
        <tr>
          <th class="num">Test</th>
          <th>Kind</th>
          <th>Verdict</th>
          <th class="num">CPU</th>
          <th class="num">Wall</th>
          <th class="num">Memory</th>
          <th>Exit</th>
          <th>Checker</th>
        </tr>
      </thead>
      <tbody>
        {props.tests.map((t) => (
          <tr>
            <td class="num">
              <a href={`#test-${t.index}`}>{t.index}</a>
            </td>
            <td>{t.kind ?? "—"}</td>
            <td>
              <Verdict verdict={t.verdict} />
            </td>
            <td class="num">{formatMs(t.timeMs)}</td>
            <td class="num">{formatMs(t.wallMs)}</td>
            <td class="num">{formatKb(t.memoryKb)}</td>
            <td>{t.signal ?? (t.exitCode === null ? "—" : String(t.exitCode))}</td>
            <td class="small">{t.checkerMessage ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TestDetail(props: { test: TestResultView; problem: ProblemView | null }) {
  const t = props.test;
  const failed = t.verdict !== "AC";
  return (
    <details class="test-detail" id={`test-${t.index}`} open={failed}>
      <summary>
        {`Test ${t.index} `}
        <Verdict verdict={t.verdict} />
      </summary>
      {failed ? <FailingTestLine problem={props.problem} message={t.checkerMessage} /> : null}
      {t.input !== null ? (
        <>
          <h4>Input</h4>
          <Text text={t.input} max={4000} />
        </>
      ) : null}
      {t.expected !== null && failed ? (
        <>
          <h4>Expected vs actual</h4>
          <OutputDiff expected={t.expected} actual={t.stdout} />
        </>
      ) : (
        <>
          <h4>Output</h4>
          <Text text={t.stdout} max={20_000} />
        </>
      )}
      {t.stderr ? (
        <>
          <h4>Stderr</h4>
          <Text text={t.stderr} max={20_000} />
        </>
      ) : null}
    </details>
  );
}
