import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { XSS_COMPLETION } from "../support/fixture-db.ts";
import { createTestViewer, type TestViewer } from "../support/app.ts";
import { attrsOf, tableRows, textsOf } from "../support/html.ts";

let v: TestViewer;
beforeAll(() => {
  v = createTestViewer();
});
afterAll(() => v.close());

describe("sample page", () => {
  test("shows the problem statement, the raw completion and the extracted code", async () => {
    const { status, html } = await v.page(`/samples/${v.fx.sampleIds.accepted}`);
    expect(status).toBe(200);
    expect(textsOf(html, "h1 .problem-id")).toEqual(["builtin/sum"]);
    expect(textsOf(html, ".statement p")[0]).toBe("Read two integers a and b and print a + b.");
    const code = textsOf(html, "pre.code")[0] ?? "";
    expect(code).toContain("std::cin >> a >> b;");
    expect(textsOf(html, "pre.code .hl-keyword")).toContain("return");
    expect(textsOf(html, "pre.code .hl-meta").join("")).toContain("#include <iostream>");
    // One numbered line per line of code, each with an anchor.
    expect(attrsOf(html, "pre.code .line", "id")).toEqual(code.trimEnd().split("\n").map((_, i) => `L${i + 1}`));
  });

  test("lists per-test verdict, time and memory", async () => {
    const { html } = await v.page(`/samples/${v.fx.sampleIds.accepted}`);
    const rows = tableRows(html, "table.tests");
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["0", "public", "AC"],
      ["1", "private", "AC"],
    ]);
    expect(rows[0]?.[3]).toBe("3.0 ms");
    expect(rows[0]?.[5]).toBe("3.3 MiB");
  });

  test("diffs expected against actual output of a failing test and shows its stderr", async () => {
    const { html } = await v.page(`/samples/${v.fx.sampleIds.wrongAnswer}`);
    const diff = tableRows(html, "table.diff").map((r) => `${r[2]}${r[3]}`);
    expect(diff).toEqual(["−alpha", "+<img src=x onerror=alert(1)>", "beta", "−gamma"]);
    expect(textsOf(html, "details.test-detail pre.text")).toContain("<script>alert(2)</script>");
    expect(textsOf(html, "table.tests td.small")).toEqual(["expected 'alpha', found 'wrong'"]);
  });

  test("shows the compile log of a sample that did not compile", async () => {
    const { html } = await v.page(`/samples/${v.fx.sampleIds.compileError}`);
    expect(textsOf(html, "main section h2")).toContain("Compile log");
    expect(textsOf(html, "pre.text")).toContain("main.cpp:3:5: error: expected ';' before '}' token <b>not bold</b>");
    expect(html).not.toContain("<b>not bold</b>");
  });

  test("renders a completion containing script and img tags as text, never as markup", async () => {
    const { html } = await v.page(`/samples/${v.fx.sampleIds.xss}`);
    expect(textsOf(html, "pre.text")).toContain(XSS_COMPLETION);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    // The only script element is the viewer's own.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/static/app.js" defer="">']);
  });

  test("links to the previous and next samples of the run", async () => {
    const { html } = await v.page(`/samples/${v.fx.sampleIds.xss}`);
    expect(html).toContain(`href="/samples/${v.fx.sampleIds.xss - 1}" rel="prev"`);
    expect(html).toContain(`href="/samples/${v.fx.sampleIds.xss + 1}" rel="next"`);
  });

  test("has a JSON twin carrying the raw completion, tests and expected outputs", async () => {
    const { body } = await v.api(`/api/samples/${v.fx.sampleIds.xss}`);
    expect(body.sample.completion).toBe(XSS_COMPLETION);
    expect(body.tests[0].expected).toBe("alpha\nbeta\ngamma\n");
    expect(body.problem.id).toBe("builtin/echo-lines");
    expect(body.sample.extraction.ok).toBe(true);
  });

  test("answers 404 for an unknown sample", async () => {
    expect((await v.page("/samples/123456")).status).toBe(404);
    expect((await v.api("/api/samples/123456")).body.error.message).toBe("sample 123456 not found");
  });
});
