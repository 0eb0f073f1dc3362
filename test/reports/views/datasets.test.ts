import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { LONG_INPUT, MAIN_PROBLEMS } from "../support/fixture-problems.ts";
import { createTestViewer, type TestViewer } from "../support/app.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";

let v: TestViewer;
beforeAll(() => {
  v = createTestViewer();
});
afterAll(() => v.close());

const problemPath = (id: string) => `/datasets/${v.fx.datasetSha}/problems/${encodeURIComponent(id)}`;

describe("dataset browser", () => {
  test("lists dataset versions with problem, test and run counts", async () => {
    const { html } = await v.page("/datasets");
    const rows = tableRows(html, "table.datasets");
    const builtin = rows.find((r) => r[0] === "builtin") as string[];
    expect(builtin[1]).toBe(v.fx.datasetSha.slice(0, 12));
    expect(builtin[2]).toBe(String(MAIN_PROBLEMS.length));
    expect(builtin[4]).toBe("3");
    expect(rows.map((r) => r[0])).toEqual(["builtin", "other"]);
  });

  test("lists a version's problems in dataset order, linking ids with slashes as one encoded segment", async () => {
    const { status, html } = await v.page(`/datasets/${v.fx.datasetSha}`);
    expect(status).toBe(200);
    expect(textsOf(html, "a.problem-link")).toEqual(MAIN_PROBLEMS.map((p) => p.id));
    expect(attrsOf(html, "a.problem-link", "href")).toEqual(MAIN_PROBLEMS.map((p) => problemPath(p.id)));
    expect(attrsOf(html, "a.problem-link", "href")[0]).toBe(`/datasets/${v.fx.datasetSha}/problems/builtin%2Fsum`);
  });

  test("pages through a version's problems", async () => {
    const { body } = await v.api(`/api/datasets/${v.fx.datasetSha}?limit=3&page=2`);
    expect(body.pages).toBe(2);
    expect(body.problems.map((p: { id: string }) => p.id)).toEqual([MAIN_PROBLEMS[3]?.id]);
  });

  test("opens problems whose ids contain slashes and spaces", async () => {
    for (const id of ["builtin/sum", "HumanEval/0", "builtin/many tests"]) {
      const { status, html } = await v.page(problemPath(id));
      expect(status).toBe(200);
      expect(textsOf(html, "h1.problem-id")).toEqual([id]);
    }
    expect((await v.api(`/api${problemPath("HumanEval/0")}`)).body.problem.entryPoint).toBe("has_close_elements");
  });

  test("round-trips a problem id containing %, ?, #, & and spaces through its link", async () => {
    const { html } = await v.page(`/datasets/${v.fx.otherSha}`);
    const odd = "other/odd %2F id?#&=+";
    const href = attrsOf(html, "a.problem-link", "href").find((h) => h.includes("odd")) as string;
    expect(href).toBe(`/datasets/${v.fx.otherSha}/problems/${encodeURIComponent(odd)}`);
    const page = await v.page(href);
    expect(page.status).toBe(200);
    expect(textsOf(page.html, "h1.problem-id")).toEqual([odd]);
  });

  test("shows the statement, checker, test code and reference solutions of a problem", async () => {
    const sum = await v.page(problemPath("builtin/sum"));
    expect(textsOf(sum.html, ".statement p")[0]).toBe("Read two integers a and b and print a + b.");
    expect(textsOf(sum.html, "pre.code")).toEqual([MAIN_PROBLEMS[0]?.solutions?.[0]?.code ?? "(missing)"]);
    const humaneval = await v.page(problemPath("HumanEval/0"));
    expect(textsOf(humaneval.html, "pre.code")).toContain("assert has_close_elements([1.0, 2.0], 0.5) is False\n");
    // The source's prelude is shown: it runs before the solution and the tests.
    expect(textsOf(humaneval.html, "pre.code")).toContain("from typing import *\nfrom math import inf\n");
    expect(textsOf(humaneval.html, "main h2").some((h) => h.startsWith("Prelude"))).toBe(true);
    const many = await v.page(problemPath("builtin/many tests"));
    expect(textsOf(many.html, "main h2")).toContain("Checker (float)");
  });

  test("previews the first tests cut short, with a link that shows them all in full", async () => {
    const preview = await v.api(`/api${problemPath("builtin/many tests")}`);
    expect(preview.body.testsTotal).toBe(15);
    expect(preview.body.tests).toHaveLength(10);
    expect(preview.body.complete).toBe(false);
    const { html } = await v.page(problemPath("builtin/many tests"));
    expect(attrsOf(html, "a.show-all", "href")).toEqual([`${problemPath("builtin/many tests")}?tests=all`]);
    const all = await v.api(`/api${problemPath("builtin/many tests")}?tests=all`);
    expect(all.body.tests).toHaveLength(15);
    expect(all.body.tests[14].input).toBe(LONG_INPUT);
    const full = await v.page(`${problemPath("builtin/many tests")}?tests=all`);
    expect(textsOf(full.html, "pre.text")).toContain(LONG_INPUT);
  });

  test("escapes markup in statements", async () => {
    const { html } = await v.page(problemPath("builtin/echo-lines"));
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<b>bold</b>");
  });

  test("shows how each run did on the problem", async () => {
    const { html } = await v.page(problemPath("builtin/sum"));
    expect(tableRows(html, "table.grid-table").map((r) => r[0])).toEqual(["strong-model-builtin", "weak-model-builtin", "live-model-builtin"]);
  });

  test("answers 404 for an unknown problem or version and 400 for a malformed sha", async () => {
    expect((await v.page(problemPath("builtin/nope"))).status).toBe(404);
    expect((await v.page(`/datasets/${"0".repeat(64)}`)).status).toBe(404);
    expect((await v.api("/api/datasets/not-a-sha")).status).toBe(400);
    expect((await v.page(`${problemPath("builtin/sum")}?tests=some`)).status).toBe(400);
  });
});
