/**
 * The dataset browser over datasets the harness stored: the built-in set (its real eval) and a small
 * second dataset (test/reports/support/extra-dataset.ts) judged by a real eval into the same database.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../support/cli.ts";
import { evalExtraDataset, EXTRA_PROBLEMS, HUMANEVAL_ID, LONG_INPUT, MANY_TESTS_ID, MARKUP_ID, ODD_ID, PRELUDE } from "../support/extra-dataset.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";
import { openRealViewer, type RealViewer } from "../support/real-viewer.ts";

interface BuiltinProblem {
  id: string;
  mode: string;
  statement: string;
  tests: unknown[];
  entry_point?: string;
  solutions?: { code: string }[];
}
const BUILTIN = readFileSync(join(REPO_ROOT, "datasets/builtin/problems.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as BuiltinProblem);

let v: RealViewer;
let builtinSha: string;
let otherSha: string;
beforeAll(async () => {
  v = await openRealViewer();
  const { runId } = await evalExtraDataset(v.dbPath);
  const db = new Database(v.dbPath, { readonly: true });
  const sha = (id: number) => (db.query("SELECT dataset_sha256 AS s FROM runs WHERE id = ?").get(id) as { s: string }).s;
  builtinSha = sha(v.runId("strong-coder"));
  otherSha = sha(runId);
  db.close();
}, 600_000);
afterAll(() => v.close());

const problemPath = (id: string, sha = builtinSha) => `/datasets/${sha}/problems/${encodeURIComponent(id)}`;
const FN = BUILTIN.find((p) => p.mode === "function")!;
const STDIO = BUILTIN.find((p) => p.mode === "stdio" && (p.solutions?.length ?? 0) > 0)!;

describe("dataset browser", () => {
  test("lists dataset versions with problem, test and run counts", async () => {
    const { html } = await v.page("/datasets");
    const rows = tableRows(html, "table.datasets");
    const builtin = rows.find((r) => r[0] === "builtin") as string[];
    expect(builtin[1]).toBe(builtinSha.slice(0, 12));
    expect(builtin[2]).toBe(String(BUILTIN.length));
    expect(builtin[4]).toBe(String(v.runs.length));
    expect(rows.map((r) => r[0])).toEqual(["builtin", "other"]);
  });

  test("lists a version's problems in dataset order, linking ids with slashes as one encoded segment", async () => {
    const { status, html } = await v.page(`/datasets/${builtinSha}`);
    expect(status).toBe(200);
    const shown = textsOf(html, "a.problem-link");
    expect(shown).toEqual(BUILTIN.map((p) => p.id).slice(0, shown.length));
    expect(shown.length).toBeGreaterThan(0);
    expect(attrsOf(html, "a.problem-link", "href")).toEqual(shown.map((id) => problemPath(id)));
    expect(attrsOf(html, "a.problem-link", "href")[0]).toBe(`/datasets/${builtinSha}/problems/${BUILTIN[0]!.id.replace("/", "%2F")}`);
  });

  test("pages through a version's problems", async () => {
    const { body } = await v.api(`/api/datasets/${builtinSha}?limit=7&page=5`);
    expect(body.pages).toBe(Math.ceil(BUILTIN.length / 7));
    expect(body.problems.map((p: { id: string }) => p.id)).toEqual(BUILTIN.slice(28, 35).map((p) => p.id));
  });

  test("opens problems whose ids contain slashes and spaces", async () => {
    for (const [id, sha] of [[STDIO.id, builtinSha], [FN.id, builtinSha], [MANY_TESTS_ID, otherSha]] as const) {
      const { status, html } = await v.page(problemPath(id, sha));
      expect(status).toBe(200);
      expect(textsOf(html, "h1.problem-id")).toEqual([id]);
    }
    expect((await v.api(`/api${problemPath(FN.id)}`)).body.problem.entryPoint).toBe(FN.entry_point);
  });

  test("round-trips a problem id containing %, ?, #, & and spaces through its link", async () => {
    const { html } = await v.page(`/datasets/${otherSha}`);
    const href = attrsOf(html, "a.problem-link", "href").find((h) => h.includes("odd")) as string;
    expect(href).toBe(`/datasets/${otherSha}/problems/${encodeURIComponent(ODD_ID)}`);
    const page = await v.page(href);
    expect(page.status).toBe(200);
    expect(textsOf(page.html, "h1.problem-id")).toEqual([ODD_ID]);
  });

  test("shows the statement, checker, test code and reference solutions of a problem", async () => {
    const stdio = await v.page(problemPath(STDIO.id));
    const firstParagraph = STDIO.statement.split("\n\n").find((para) => !para.startsWith("#"))!;
    expect(textsOf(stdio.html, ".statement p")[0]).toBe(firstParagraph.replace(/`/g, "").replace(/\s+/g, " ").trim());
    expect(textsOf(stdio.html, "pre.code")).toEqual(STDIO.solutions!.map((s) => s.code));
    const fn = await v.page(problemPath(HUMANEVAL_ID, otherSha));
    expect(textsOf(fn.html, "pre.code")).toContain("assert has_close_elements([1.0, 2.0], 0.5) is False\n");
    // The source's prelude is shown: it runs before the solution and the tests.
    expect(textsOf(fn.html, "pre.code")).toContain(PRELUDE);
    expect(textsOf(fn.html, "main h2").some((h) => h.startsWith("Prelude"))).toBe(true);
    const many = await v.page(problemPath(MANY_TESTS_ID, otherSha));
    expect(textsOf(many.html, "main h2")).toContain("Checker (float)");
  });

  test("previews the first tests cut short, with a link that shows them all in full", async () => {
    const total = EXTRA_PROBLEMS.find((p) => p.id === MANY_TESTS_ID)!.tests.length;
    const path = problemPath(MANY_TESTS_ID, otherSha);
    const preview = await v.api(`/api${path}`);
    expect(preview.body.testsTotal).toBe(total);
    expect(preview.body.tests).toHaveLength(10);
    expect(preview.body.complete).toBe(false);
    const { html } = await v.page(path);
    expect(attrsOf(html, "a.show-all", "href")).toEqual([`${path}?tests=all`]);
    const all = await v.api(`/api${path}?tests=all`);
    expect(all.body.tests).toHaveLength(total);
    expect(all.body.tests[total - 1].input).toBe(LONG_INPUT);
    const full = await v.page(`${path}?tests=all`);
    expect(textsOf(full.html, "pre.text")).toContain(LONG_INPUT);
  });

  test("escapes markup in statements", async () => {
    const { html } = await v.page(problemPath(MARKUP_ID, otherSha));
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<b>bold</b>");
  });

  test("shows how each run did on the problem", async () => {
    const { html } = await v.page(problemPath(STDIO.id));
    expect(tableRows(html, "table.grid-table").map((r) => r[0]).sort()).toEqual(v.runs.map((r) => r.name).sort());
  });

  test("answers 404 for an unknown problem or version and 400 for a malformed sha", async () => {
    expect((await v.page(problemPath("builtin/nope"))).status).toBe(404);
    expect((await v.page(`/datasets/${"0".repeat(64)}`)).status).toBe(404);
    expect((await v.api("/api/datasets/not-a-sha")).status).toBe(400);
    expect((await v.page(`${problemPath(STDIO.id)}?tests=some`)).status).toBe(400);
  });
});
