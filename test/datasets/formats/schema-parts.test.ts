import { describe, expect, test } from "bun:test";
import { languageSchema } from "../../../datasets/formats/schema-parts.ts";
import { listLanguageAliases, parseLanguage } from "../../../judges/languages.ts";

describe("languageSchema (datasets' language fields)", () => {
  test("accepts every spelling of the judges' language table, upper case included", () => {
    for (const alias of [...listLanguageAliases(), "C++", "Python"]) {
      expect(languageSchema.parse(alias)).toBe(parseLanguage(alias)!);
    }
  });

  test("rejects an unknown language with the accepted ones listed", () => {
    const r = languageSchema.safeParse("fortran");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^unknown language 'fortran' \(known: cpp, python, /);
  });
});
