import { describe, expect, test } from "bun:test";
import { Markdown, readTex } from "../../../reports/views/markdown.tsx";
import { textsOf } from "../support/html.ts";

const render = async (text: string) => String(await (<Markdown text={text} />).toString());

describe("readTex", () => {
  test("turns constraint-style TeX into readable text", () => {
    expect(readTex("1 \\le n \\le 10^{5}")).toBe("1 ≤ n ≤ 10^5");
    expect(readTex("\\frac{a_i}{2} \\cdot 10^{-9}")).toBe("(a_i)/(2) · 10^(-9)");
    expect(readTex("x \\bmod (10^9+7)")).toBe("x mod (10^9+7)");
    expect(readTex("\\text{ans} = \\sum_{i=1}^{n} a_i")).toBe("ans = Σ_i=1^n a_i");
  });
});

describe("Markdown statements", () => {
  test("keeps underscores and stars inside math from becoming emphasis", async () => {
    const html = await render("Print $a_1 * b_2 * c_3$ for each *query*.");
    expect(textsOf(html, "span.math")).toEqual(["a_1 * b_2 * c_3"]);
    expect(textsOf(html, "em")).toEqual(["query"]);
  });

  test("escapes raw HTML and never makes a link from a javascript: URL", async () => {
    const html = await render('<img src=x onerror=alert(1)> [click](javascript:alert(1)) and <b>bold</b>\n\n<script>alert(2)</script>');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  test("renders headings, lists, code blocks and inline code", async () => {
    const html = await render("## Input\n\n- first line: `n`\n- then `n` numbers\n\n```\n3\n1 2 3\n```\n");
    expect(textsOf(html, "h3")).toEqual(["Input"]);
    expect(textsOf(html, "li")).toEqual(["first line: n", "then n numbers"]);
    expect(textsOf(html, "pre.text")).toEqual(["3\n1 2 3"]);
    expect(textsOf(html, "code")).toEqual(["n", "n"]);
  });
});
