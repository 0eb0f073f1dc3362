import { describe, expect, test } from "bun:test";
import { buildTaggedUnion, parseUnions, removeUnions } from "../../../judges/function/cpp/unions.ts";

// The block as MultiPL-E's C++ translator writes it (HumanEval_103).
const BLOCK = `union Union_std_string_long{
    std::string f0;
    long f1;    Union_std_string_long(std::string _f0) : f0(_f0) {}
    Union_std_string_long(long _f1) : f1(_f1) {}
    ~Union_std_string_long() {}
    bool operator==(std::string f) {
        return f0 == f ;
    }    bool operator==(long f) {
        return f1 == f ;
    }
};`;
const HEAD = `#include<assert.h>\n#include<bits/stdc++.h>\n${BLOCK}\n// doc\n`;

describe("C unions of MultiPL-E prompts", () => {
  test("parseUnions reads each member's field and type from the constructors", () => {
    const [decl] = parseUnions(HEAD);
    expect(decl?.name).toBe("Union_std_string_long");
    expect(decl?.members).toEqual([
      { field: "f0", type: "std::string" },
      { field: "f1", type: "long" },
    ]);
    expect(decl?.block).toBe(BLOCK);
  });

  test("the tagged struct records the member each constructor sets, and compares only that member", () => {
    const [decl] = parseUnions(HEAD);
    const text = buildTaggedUnion(decl as NonNullable<typeof decl>);
    expect(text).toStartWith("struct Union_std_string_long{\n    int harness_tag = -1;");
    expect(text).toContain("Union_std_string_long(long _f1) : harness_tag(1), f1(_f1) {}");
    expect(text).toContain("return harness_tag == 1 && f1 == f ;");
    expect(text).toContain("long f1{};");
    expect(text).toContain("struct codec<Union_std_string_long>");
  });

  test("removeUnions drops the candidate's own copy, in any layout, keeping its line count", () => {
    const [decl] = parseUnions(HEAD);
    const code = `#include <bits/stdc++.h>\nunion  Union_std_string_long {\n  std::string f0;\n  long f1;\n};\nint keep = 1;\n`;
    const out = removeUnions(code, [decl as NonNullable<typeof decl>]);
    expect(out).not.toContain("std::string f0;");
    expect(out).toContain("int keep = 1;");
    expect(out.split("\n").length).toBe(code.split("\n").length);
  });
});
