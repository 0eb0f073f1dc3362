import { describe, expect, test } from "bun:test";
import { extractCode } from "../../../harness/extract/extract.ts";
import { classifyTag, inferLanguage } from "../../../harness/extract/language.ts";
import { listLanguageAliases, parseLanguage } from "../../../judges/languages.ts";

describe("classifyTag", () => {
  test("maps the C++ and Python spellings to their language", () => {
    for (const t of ["cpp", "c++", "cc", "cxx", "cpp17", "c++20"]) expect(classifyTag(t)).toBe("cpp");
    for (const t of ["python", "py", "python3", "py3"]) expect(classifyTag(t)).toBe("python");
  });

  test("reads fence tags with the judges' language table: every alias it lists is a tag", () => {
    for (const alias of listLanguageAliases()) expect(classifyTag(alias)).toBe(parseLanguage(alias)!);
  });

  test("an upper-case fence tag (```C++) is taken for a C++ sample", () => {
    const e = extractCode("```C++\nint main() { return 0; }\n```", { language: "cpp", mode: "stdio" });
    expect(e.ok && e.code).toBe("int main() { return 0; }\n");
  });

  test("tells untagged fences from fences of other languages", () => {
    expect(classifyTag("")).toBe("untagged");
    for (const t of ["text", "java", "c", "bash", "json"]) expect(classifyTag(t)).toBe("other");
  });
});

describe("inferLanguage", () => {
  test("recognises C++ by includes, main, namespaces and streams", () => {
    expect(inferLanguage("#include <cstdio>\nint x;")).toBe("cpp");
    expect(inferLanguage("using namespace std;\nint main() { cout << 1; }")).toBe("cpp");
  });

  test("recognises Python by def, import and print", () => {
    expect(inferLanguage("import sys\nprint(sys.argv)")).toBe("python");
    expect(inferLanguage("def f(x):\n    return x")).toBe("python");
    expect(inferLanguage("n = int(input())\nfor i in range(n):\n    pass")).toBe("python");
  });

  test("lets #include win over a print call in C++", () => {
    expect(inferLanguage('#include <bits/stdc++.h>\nvoid print(int x) { printf("%d", x); }\n')).toBe("cpp");
  });

  test("returns null for text that is not recognisably either", () => {
    expect(inferLanguage("3 4\n7")).toBeNull();
    expect(inferLanguage("The answer is seven.")).toBeNull();
  });
});
