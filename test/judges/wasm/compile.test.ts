/** Which sources get the precompiled header, and the notes added to compile errors the target causes. */
import { describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canUsePch, clangCommand, explainUnsupported } from "../../../judges/wasm/compile.ts";

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

  test("a wasm-opt on the machine is never run after the link (it would fail every program): only the planned commands", () => {
    const dir = mkdtempSync(join(tmpdir(), "decoy-tools-"));
    try {
      writeFileSync(join(dir, "wasm-opt"), "#!/bin/sh\nexit 1\n");
      chmodSync(join(dir, "wasm-opt"), 0o755);
      writeFileSync(join(dir, "main.cpp"), "int main() { return 0; }\n");
      const plan = (command: string[]) => {
        const args = [...command, "--target=wasm32-wasi", "-O2", join(dir, "main.cpp"), "-o", join(dir, "main.wasm"), "-###"];
        const proc = Bun.spawnSync({ cmd: args, env: { PATH: `${dir}:/usr/bin:/bin` }, stderr: "pipe" });
        return proc.stderr.toString();
      };
      // The decoy is found when clang is started as usual, so the check below means something.
      expect(plan(["/usr/bin/clang++"])).toContain(`${dir}/wasm-opt`);
      const planned = plan(clangCommand("/usr/bin/clang++"));
      expect(planned).toContain("wasm-ld");
      expect(planned).not.toContain("/wasm-opt\"");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
