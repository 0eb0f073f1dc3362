import { describe, expect, test } from "bun:test";
import { readHighlighted, splitTokenLines, tokenize, type Token } from "../../../reports/render/highlight.ts";

const scoped = (tokens: Token[], scope: string) => tokens.filter((t) => t.scopes.at(-1)?.split(" ").includes(scope)).map((t) => t.text);

describe("tokenize (highlight.js, read back into tokens)", () => {
  test("reassembles to exactly the input for C++ and Python", () => {
    const cpp = '#include <bits/stdc++.h>\nint main() { /* c */ std::string s = "a\\"b"; return 0x1F; } // end\n';
    const py = "def f(x):\n    s = r'''multi\nline'''  # note\n    return f\"{x}\" + 'q' * 3.5e2\n";
    expect(tokenize(cpp, "cpp").map((t) => t.text).join("")).toBe(cpp);
    expect(tokenize(py, "python").map((t) => t.text).join("")).toBe(py);
  });

  test("scopes C++ keywords, strings, comments, numbers and preprocessor lines", () => {
    const toks = tokenize('#include <iostream>\nint main() { return 42; } // done\nconst char* s = "x";', "cpp");
    const inMeta = toks.filter((t) => t.scopes.some((s) => s.split(" ").includes("meta"))).map((t) => t.text);
    expect(inMeta.join("")).toStartWith("#include <iostream>");
    expect(scoped(toks, "keyword")).toContain("return");
    expect(scoped(toks, "number")).toContain("42");
    expect(scoped(toks, "comment")).toContain("// done");
    expect(scoped(toks, "string")).toContain('"x"');
  });

  test("scopes Python definitions, strings and comments", () => {
    const toks = tokenize('def f():\n    """doc"""\n    return b"\\x00"  # why\n', "python");
    expect(scoped(toks, "keyword")).toContain("def");
    expect(scoped(toks, "string")).toContain('"""doc"""');
    expect(scoped(toks, "comment")).toContain("# why");
  });

  test("keeps HTML in code as token text, decoded from the highlighter's escaping, for the renderer to escape", () => {
    const code = "# <script>alert(1)</script>\nprint('<img src=x onerror=alert(1)>' + \"&amp;\")";
    const toks = tokenize(code, "python");
    expect(toks.map((t) => t.text).join("")).toBe(code);
    expect(scoped(toks, "comment")).toEqual(["# <script>alert(1)</script>"]);
  });

  test("refuses highlighter output outside the shape it knows, rather than passing markup through", () => {
    expect(() => readHighlighted('<span class="hljs-keyword">int</span><img src=x>')).toThrow("unexpected highlighter output at 37");
    expect(() => readHighlighted("<span class=\"hljs-keyword\">int")).toThrow("unclosed <span>");
  });

  test("returns one plain token for an unknown language, none for empty code", () => {
    expect(tokenize("SELECT 1;", "sql")).toEqual([{ scopes: [], text: "SELECT 1;" }]);
    expect(tokenize("", "cpp")).toEqual([]);
  });

  test("splits tokens into numbered lines, cutting a token that spans lines", () => {
    const lines = splitTokenLines(tokenize('s = """a\nb"""\nx = 1\n', "python"));
    expect(lines.map((l) => l.map((t) => t.text).join(""))).toEqual(['s = """a', 'b"""', "x = 1"]);
    expect(scoped(lines[1] as Token[], "string")).toEqual(['b"""']);
  });
});
