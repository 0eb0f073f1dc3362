/** The debugging context of a sample page, on a real eval's database: numbered code, the tester's side, Markdown statements. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

let v: RealViewer;
let fnSample: { id: number; code: string; body: string };
let stdioSample: { id: number; code: string };
beforeAll(async () => {
  v = await openRealViewer();
  const db = new Database(v.dbPath, { readonly: true });
  const q = (mode: string) =>
    db
      .query(
        `SELECT s.id, s.code, p.body FROM samples s JOIN runs r ON r.id = s.run_id JOIN problems p ON p.dataset_sha256 = r.dataset_sha256 AND p.id = s.problem_id
         WHERE p.mode = ? AND s.verdict = 'WA' AND s.code IS NOT NULL ORDER BY s.id LIMIT 1`,
      )
      .get(mode) as { id: number; code: string; body: string };
  fnSample = q("function");
  stdioSample = q("stdio");
  db.close();
}, 600_000);
afterAll(() => v.close());

describe("sample page debugging context", () => {
  test("numbers every line of the extracted code, each with an anchor", async () => {
    const { html } = await v.page(`/samples/${stdioSample.id}`);
    const lines = stdioSample.code.replace(/\n$/, "").split("\n");
    expect(attrsOf(html, "pre.code .line", "id").slice(0, lines.length)).toEqual(lines.map((_, i) => `L${i + 1}`));
    expect(textsOf(html, "pre.code")[0]).toBe(`${lines.join("\n")}\n`);
  });

  test("shows a function-mode sample's tester side: starter code and tests as one numbered listing", async () => {
    const problem = JSON.parse(fnSample.body) as { test_code: string; solution_prefix: string; entry_point: string };
    const { html } = await v.page(`/samples/${fnSample.id}`);
    const listing = textsOf(html, "section.as-it-ran pre.code")[0] ?? "";
    expect(listing).toContain("# ---- starter code (solution_prefix) ----\n");
    expect(listing).toContain(problem.solution_prefix.trimEnd());
    expect(listing).toContain(`# ---- tests ----\n${problem.test_code.trimEnd()}`);
    expect(textsOf(html, "section.as-it-ran p")[0]).toContain(`calls to ${problem.entry_point} here are answered by the candidate's process`);
    // A stdio sample has no tester side.
    expect(textsOf((await v.page(`/samples/${stdioSample.id}`)).html, "section.as-it-ran")).toEqual([]);
  });

  test("names the failing test line of a function-mode failure and links it in the tester's listing", async () => {
    const db = new Database(v.dbPath, { readonly: true });
    const t = db
      .query("SELECT checker_message AS m FROM test_results WHERE sample_id = ? AND verdict != 'AC' AND checker_message LIKE '%test line %' LIMIT 1")
      .get(fnSample.id) as { m: string } | null;
    db.close();
    expect(t).not.toBeNull();
    const n = Number(/test line (\d+)/.exec(t!.m)![1]);
    const problem = JSON.parse(fnSample.body) as { test_code: string };
    const { html } = await v.page(`/samples/${fnSample.id}`);
    expect(textsOf(html, "p.failing-line code")[0]).toBe(problem.test_code.split("\n")[n - 1]!.trim());
    const anchor = attrsOf(html, "p.failing-line a", "href")[0]!;
    const listingLine = textsOf(html, `section.as-it-ran pre.code span${anchor}`)[0];
    expect(listingLine?.trim()).toBe(problem.test_code.split("\n")[n - 1]!.trim());
  });

  test("shows a function-mode failure's last call and the value the program returned, escaped", async () => {
    const db = new Database(v.dbPath, { readonly: true });
    const t = db
      .query("SELECT checker_message AS m FROM test_results WHERE sample_id = ? AND verdict = 'WA' AND checker_message LIKE '%last call: %' LIMIT 1")
      .get(fnSample.id) as { m: string } | null;
    db.close();
    expect(t).not.toBeNull();
    const problem = JSON.parse(fnSample.body) as { entry_point: string };
    const call = /^last call: (.*)$/m.exec(t!.m)![1]!;
    expect(call.startsWith(`${problem.entry_point}(`)).toBe(true);
    expect(call).toMatch(/\) returned .+$/);
    const { html } = await v.page(`/samples/${fnSample.id}`);
    // textsOf decodes entities: the page carries the repr as text (quotes, < and > escaped), not as markup.
    expect(textsOf(html, "p.failing-call code")[0]).toBe(call);
  });

  test("renders the statement as Markdown: inline code stays code, nothing becomes raw markup", async () => {
    const problem = JSON.parse(fnSample.body) as { statement: string };
    const { html } = await v.page(`/samples/${fnSample.id}`);
    const fences = [...problem.statement.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\n$/, ""));
    const spans = [...problem.statement.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string);
    expect(fences.length + spans.length).toBeGreaterThan(0);
    expect(textsOf(html, ".statement code")).toEqual(spans);
    expect(textsOf(html, ".statement pre.text")).toEqual(fences);
  });

  test("shows the extraction record as a key/value table", async () => {
    const { html } = await v.page(`/samples/${stdioSample.id}`);
    const { body } = await v.api(`/api/samples/${stdioSample.id}`);
    const keys = tableRows(html, "table.kv").map((r) => r[0]);
    for (const k of Object.keys(body.sample.extraction)) expect(keys.some((x) => x === k || x?.startsWith(`${k}.`) || x?.startsWith(`${k}[`))).toBe(true);
  });
});
