import { describe, expect, test } from "bun:test";
import { describeUnknownLanguage, languageOfExtension, listLanguageAliases, parseLanguage } from "../../judges/languages.ts";

describe("the language table", () => {
  test("maps every C++ and Python spelling, in any case and with surrounding space, to its language", () => {
    for (const name of ["cpp", "c++", "C++", "cxx", "cc", "cpp17", "c++20", " CPP "]) expect(parseLanguage(name)).toBe("cpp");
    for (const name of ["python", "Python", "python3", "py", "PY3"]) expect(parseLanguage(name)).toBe("python");
  });

  test("knows nothing else", () => {
    for (const name of ["", "c", "java", "rust", "pyhton", "c+"]) expect(parseLanguage(name)).toBeNull();
  });

  test("lists the canonical names first, then every alias once", () => {
    const aliases = listLanguageAliases();
    expect(aliases.slice(0, 2)).toEqual(["cpp", "python"]);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of aliases) expect(parseLanguage(a)).not.toBeNull();
  });

  test("tells the language of a source file by its extension", () => {
    expect([".cpp", ".cc", ".CXX", ".py"].map(languageOfExtension)).toEqual(["cpp", "cpp", "cpp", "python"]);
    expect(languageOfExtension(".txt")).toBeNull();
  });

  test("an unknown name gets one line naming what is accepted", () => {
    expect(describeUnknownLanguage("cobol")).toMatch(/^unknown language 'cobol' \(known: cpp, python, c\+\+, /);
  });
});
