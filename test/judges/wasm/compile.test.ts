/** Which sources get the precompiled header, and the notes added to compile errors the target causes. */
import { describe, expect, test } from "bun:test";
import { canUsePch, explainUnsupported } from "../../../judges/wasm/compile.ts";

describe("wasm compile", () => {
  test("the PCH serves a source whose first code line includes <bits/stdc++.h>, comments before it allowed", () => {
    expect(canUsePch("#include <bits/stdc++.h>\nint main() {}\n")).toBe(true);
    expect(canUsePch("// solution\n/* by a model */\n  #  include <bits/stdc++.h>\nint main() {}\n")).toBe(true);
  });

  test("a source that defines or includes anything before <bits/stdc++.h> compiles without the PCH, so its macros apply", () => {
    expect(canUsePch("#define int long long\n#include <bits/stdc++.h>\n")).toBe(false);
    expect(canUsePch("#include <cstdio>\n#include <bits/stdc++.h>\n")).toBe(false);
    expect(canUsePch("#include <iostream>\nint main() {}\n")).toBe(false);
  });

  test("errors caused by the target get a note in plain words; other errors are left as they are", () => {
    expect(explainUnsupported("main.cpp:3:5: error: cannot use 'throw' with exceptions disabled\n")).toContain("C++ exceptions (throw/try) are not supported");
    expect(explainUnsupported("main.cpp:1:10: fatal error: 'thread' file not found\n#include <thread>\n")).toContain("threads (<thread>");
    expect(explainUnsupported("main.cpp:7:3: error: use of undeclared identifier 'fork'\n")).toContain("WASI has no processes");
    const plain = "main.cpp:4:12: error: expected ';' at end of declaration\n";
    expect(explainUnsupported(plain)).toBe(plain);
  });
});
