import { describe, expect, test } from "bun:test";
import { preludeFor } from "../../datasets/formats/source-preludes.ts";
import { takesPrelude, withPrelude } from "../../datasets/prelude.ts";

const fn = { mode: "function" as const, prelude: "from typing import *\n" };

describe("withPrelude", () => {
  test("puts the prelude before a Python program, in function and stdio mode", () => {
    expect(withPrelude(fn, "python", "def f(x: List[int]): return x\n")).toBe("from typing import *\n\ndef f(x: List[int]): return x\n");
    expect(withPrelude({ ...fn, mode: "stdio" }, "python", "print(1)\n")).toBe("from typing import *\n\nprint(1)\n");
  });

  test("keeps from __future__ imports first, where Python requires them", () => {
    const joined = withPrelude(fn, "python", "from __future__ import annotations\nx: List[int] = [1]\n");
    expect(joined).toBe("from __future__ import annotations\nfrom typing import *\n\nx: List[int] = [1]\n");
    expect(Bun.spawnSync(["/usr/bin/python3", "-c", joined]).exitCode).toBe(0);
  });

  test("leaves C++, answer-mode problems and problems without a prelude alone", () => {
    expect(withPrelude(fn, "cpp", "int main() {}\n")).toBe("int main() {}\n");
    expect(takesPrelude({ mode: "answer", prelude: "import math" }, "python")).toBe(false);
    expect(takesPrelude({ mode: "function" }, "python")).toBe(false);
  });

  test("every source prelude runs under the sandbox's python3 on its own", () => {
    for (const source of ["livecodebench", "taco", "rllm", "rllm-leetcode"] as const) {
      const run = Bun.spawnSync(["/usr/bin/python3", "-c", `${preludeFor(source)}\nprint("ok")`]);
      expect([source, run.stdout.toString(), run.stderr.toString()]).toEqual([source, "ok\n", ""]);
    }
  });
});
