import { describe, expect, test } from "bun:test";
import { buildRuntimes, extractSemver, findRuntime, satisfies } from "../../../harness/piston-server/runtimes.ts";

const RUNTIMES = buildRuntimes({ "g++": "g++ (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022", python3: "Python 3.11.2" });

describe("runtimes", () => {
  test("versions are read from the tools' banners", () => {
    expect(extractSemver("g++ (Debian 12.2.0-14) 12.2.0")).toBe("12.2.0");
    expect(extractSemver("Python 3.11.2")).toBe("3.11.2");
    expect(extractSemver("missing")).toBeNull();
  });

  test("a missing tool leaves its runtime out", () => {
    expect(buildRuntimes({ "g++": "missing", python3: "Python 3.12.1" }).map((r) => r.language)).toEqual(["python"]);
  });

  test.each(["c++", "cpp", "C++", "g++"])("C++ is found as %s", (name) => {
    expect(findRuntime(RUNTIMES, name, "*")?.judgeLanguage).toBe("cpp");
  });

  test.each(["python", "python3", "py", "py3", "python3.11"])("Python is found as %s", (name) => {
    expect(findRuntime(RUNTIMES, name, "3.x")?.judgeLanguage).toBe("python");
  });

  test("an unknown language or a version outside the range finds nothing", () => {
    expect(findRuntime(RUNTIMES, "javascript", "*")).toBeNull();
    expect(findRuntime(RUNTIMES, "python", "2.x")).toBeNull();
  });

  test.each([
    ["3.11.2", "*", true],
    ["3.11.2", "3", true],
    ["3.11.2", "3.11", true],
    ["3.11.2", "3.11.2", true],
    ["3.11.2", "3.10.x", false],
    ["3.11.2", "^3.10", true],
    ["3.11.2", "^4", false],
    ["3.11.2", "~3.11.0", true],
    ["3.11.2", "~3.10.0", false],
    ["3.11.2", ">=3.8 <4", true],
    ["3.11.2", ">3.11", false],
    ["3.11.2", "latest", false],
  ])("%s satisfies %s: %p", (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
});
