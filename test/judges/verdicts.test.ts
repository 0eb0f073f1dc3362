import { describe, expect, test } from "bun:test";
import { mapTermination, summariseCompileFailure, truncateText } from "../../judges/verdicts.ts";

describe("mapTermination", () => {
  test("leaves a clean exit to the checker and maps every limit to its verdict", () => {
    expect(mapTermination("exited")).toBeNull();
    expect(mapTermination("nonzero")).toBe("RE");
    expect(mapTermination("signaled")).toBe("RE");
    expect(mapTermination("cpu_time")).toBe("TLE");
    expect(mapTermination("wall_time")).toBe("TLE");
    expect(mapTermination("memory")).toBe("MLE");
    expect(mapTermination("output")).toBe("OLE");
  });
});

describe("truncateText", () => {
  test("keeps short text and cuts long text saying how much was dropped", () => {
    expect(truncateText("abc", 5)).toBe("abc");
    expect(truncateText("abcdefgh", 5)).toBe("abcde\n… [3 more characters]");
  });
});

describe("summariseCompileFailure", () => {
  test("picks the first error line of the log", () => {
    const log = "main.cpp: In function 'int main()':\nmain.cpp:3:5: error: 'x' was not declared\n";
    expect(summariseCompileFailure({ ok: false, log, timeMs: 1, cause: "compile_error" })).toBe("compile error: main.cpp:3:5: error: 'x' was not declared");
  });

  test("names compile time and memory limits", () => {
    expect(summariseCompileFailure({ ok: false, log: "", timeMs: 1, cause: "compile_time" })).toContain("time limit");
    expect(summariseCompileFailure({ ok: false, log: "", timeMs: 1, cause: "compile_memory" })).toContain("memory limit");
  });
});
