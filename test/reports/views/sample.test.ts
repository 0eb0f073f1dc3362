/**
 * The sample page over samples the harness judged: the built-in eval's (an accepted C++ program, one
 * that does not compile) and a hostile Python completion judged by a real `bun run eval` into the same database.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { writeFileSync } from "node:fs";
import { formatKb, formatMs } from "../../../reports/render/format.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

const XSS_COMPLETION =
  "Here is my answer:\n```python\nimport sys\n# <script>alert(1)</script>\nsys.stderr.write('<script>alert(2)</script>')\nprint('<img src=x onerror=alert(1)>')\n```\n<script>alert(1)</script>";

interface TestRow {
  test_index: number;
  kind: string | null;
  verdict: string;
  time_ms: number;
  memory_kb: number;
  checker_message: string | null;
}

let v: RealViewer;
let ids: { accepted: number; compileError: number; xss: number };
let accepted: { problem_id: string; code: string; body: string };
let compileLog: string;
let q: Database;
const testRows = (sampleId: number) => q.query("SELECT * FROM test_results WHERE sample_id = ? ORDER BY test_index").all(sampleId) as TestRow[];

beforeAll(async () => {
  v = await openRealViewer();
  const file = `${v.dbPath}.xss.jsonl`;
  writeFileSync(file, JSON.stringify({ problem_id: "builtin/reverse-string", completion: XSS_COMPLETION, language: "python", model: "hostile" }));
  const r = await runCli(["eval", "--samples", file, "--name", "hostile", "--db", v.dbPath, "--json", "--quiet"]);
  expect(r.code).toBe(0);
  const hostileRun = parseOneJson<{ run_id: number }>(r).run_id;
  q = new Database(v.dbPath, { readonly: true });
  const one = (sql: string, ...args: (string | number)[]) => q.query(sql).get(...args) as { id: number };
  // An accepted C++ program on a problem with public and private tests.
  const acc = q
    .query(
      `SELECT s.id, s.problem_id, s.code, p.body FROM samples s JOIN runs r ON r.id = s.run_id JOIN problems p ON p.dataset_sha256 = r.dataset_sha256 AND p.id = s.problem_id
       WHERE s.run_id = ? AND s.verdict = 'AC' AND s.language = 'cpp' AND p.mode = 'stdio'
         AND EXISTS (SELECT 1 FROM test_results t WHERE t.sample_id = s.id AND t.kind = 'private') ORDER BY s.id LIMIT 1`,
    )
    .get(v.runId("strong-coder")) as { id: number; problem_id: string; code: string; body: string };
  accepted = acc;
  const ce = q.query("SELECT id, compile_log FROM samples WHERE verdict = 'CE' AND language = 'cpp' AND compile_log != '' ORDER BY id LIMIT 1").get() as { id: number; compile_log: string };
  compileLog = ce.compile_log;
  ids = { accepted: acc.id, compileError: ce.id, xss: one("SELECT id FROM samples WHERE run_id = ?", hostileRun).id };
}, 600_000);
afterAll(() => {
  q?.close();
  v.close();
});

describe("sample page", () => {
  test("shows the problem statement, the raw completion and the extracted code", async () => {
    const { status, html } = await v.page(`/samples/${ids.accepted}`);
    expect(status).toBe(200);
    expect(textsOf(html, "h1 .problem-id")).toEqual([accepted.problem_id]);
    const statement = (JSON.parse(accepted.body) as { statement: string }).statement;
    const firstParagraph = statement.split("\n\n").find((para) => !para.startsWith("#"))!;
    expect(textsOf(html, ".statement p")[0]).toBe(firstParagraph.replace(/`/g, "").replace(/\s+/g, " ").trim());
    const code = textsOf(html, "pre.code")[0] ?? "";
    expect(code).toBe(accepted.code.endsWith("\n") ? accepted.code : `${accepted.code}\n`);
    expect(textsOf(html, "pre.code .hl-keyword")).toContain("return");
    expect(textsOf(html, "pre.code .hl-meta").join("")).toContain("#include <iostream>");
    // One numbered line per line of code, each with an anchor.
    expect(attrsOf(html, "pre.code .line", "id").slice(0, code.trimEnd().split("\n").length)).toEqual(code.trimEnd().split("\n").map((_, i) => `L${i + 1}`));
  });

  test("lists per-test verdict, time and memory", async () => {
    const { html } = await v.page(`/samples/${ids.accepted}`);
    const rows = tableRows(html, "table.tests");
    const stored = testRows(ids.accepted);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(stored.map((t) => [String(t.test_index), t.kind ?? undefined, t.verdict]));
    expect(new Set(stored.map((t) => t.kind))).toEqual(new Set(["public", "private"]));
    expect(rows[0]?.[3]).toBe(formatMs(stored[0]!.time_ms));
    expect(rows[0]?.[5]).toBe(formatKb(stored[0]!.memory_kb));
    expect(rows[0]?.[3]).toMatch(/^\d+\.\d ms$/);
  });

  test("diffs expected against actual output of a failing test and shows its stderr", async () => {
    const { body } = await v.api(`/api/samples/${ids.xss}`);
    const failing = body.tests.find((t: { verdict: string }) => t.verdict === "WA");
    const { html } = await v.page(`/samples/${ids.xss}`);
    const diff = tableRows(html, "table.diff").map((r) => `${r[2]}${r[3]}`);
    expect(diff).toContain("+<img src=x onerror=alert(1)>");
    for (const line of (failing.expected as string).trimEnd().split("\n")) expect(diff).toContain(`−${line}`);
    expect(textsOf(html, "details.test-detail pre.text")).toContain("<script>alert(2)</script>");
    const messages = testRows(ids.xss).map((t) => t.checker_message).filter((m): m is string => m !== null);
    expect(messages.length).toBeGreaterThan(0);
    expect(textsOf(html, "table.tests td.small").filter((t) => t !== "—")).toEqual(messages);
  });

  test("shows the compile log of a sample that did not compile", async () => {
    const { html } = await v.page(`/samples/${ids.compileError}`);
    expect(textsOf(html, "main section h2")).toContain("Compile log");
    expect(compileLog).toContain("error");
    expect(textsOf(html, "pre.text")).toContain(compileLog);
  });

  test("renders a completion containing script and img tags as text, never as markup", async () => {
    const { html } = await v.page(`/samples/${ids.xss}`);
    expect(textsOf(html, "pre.text")).toContain(XSS_COMPLETION);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    // The only script element is the viewer's own.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/static/app.js" defer="">']);
  });

  test("links to the previous and next samples of the run", async () => {
    // Neighbours in the run's sample order (judging finishes out of order, so ids are not it).
    const at = (i: number) => (q.query("SELECT id FROM samples WHERE run_id = ? AND sample_index = ?").get(v.runId("strong-coder"), i) as { id: number }).id;
    const mid = at(5);
    const { html } = await v.page(`/samples/${mid}`);
    expect(html).toContain(`href="/samples/${at(4)}" rel="prev"`);
    expect(html).toContain(`href="/samples/${at(6)}" rel="next"`);
  });

  test("has a JSON twin carrying the raw completion, tests and expected outputs", async () => {
    const { body } = await v.api(`/api/samples/${ids.xss}`);
    expect(body.sample.completion).toBe(XSS_COMPLETION);
    const problem = JSON.parse((q.query("SELECT body FROM problems WHERE id = 'builtin/reverse-string' LIMIT 1").get() as { body: string }).body) as { tests: { output: string }[] };
    expect(body.tests[0].expected).toBe(problem.tests[0]!.output);
    expect(body.problem.id).toBe("builtin/reverse-string");
    expect(body.sample.extraction.ok).toBe(true);
  });

  test("answers 404 for an unknown sample", async () => {
    expect((await v.page("/samples/123456")).status).toBe(404);
    expect((await v.api("/api/samples/123456")).body.error.message).toBe("sample 123456 not found");
  });
});
