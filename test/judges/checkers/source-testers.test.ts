/** The source testers' comparisons: each accepts what its source accepts and rejects wrong answers. */
import { describe, expect, test } from "bun:test";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createSourceChecker } from "../../../judges/checkers/source-testers.ts";
import type { Sandbox } from "../../../judges/types.ts";

const verdict = (checker: ReturnType<typeof createSourceChecker>, actual: string, expected: string) => checker(actual, expected).verdict;

describe("codecontests (deepmind/code_contests OutputsMatch)", () => {
  const check = createSourceChecker("codecontests");

  test("accepts a float printed with other digits when it is within 1e-5", () => {
    expect(verdict(check, "0.5\n", "0.500000000\n")).toBe("AC");
    expect(verdict(check, "3.16227766\n", "3.162277660\n")).toBe("AC");
  });

  test("rejects a number off by more than 1e-5", () => {
    expect(verdict(check, "0.50002\n", "0.5\n")).toBe("WA");
    expect(verdict(check, "4\n", "5\n")).toBe("WA");
  });

  test("compares words in lower case, so YES and yes are the same", () => {
    expect(verdict(check, "yes\nNo\n", "YES\nNO\n")).toBe("AC");
    expect(verdict(check, "yes\n", "NO\n")).toBe("WA");
  });

  test("ignores line layout but not the number of tokens", () => {
    expect(verdict(check, "1 2\n", "1\n2\n")).toBe("AC");
    expect(verdict(check, "1 2 3\n", "1\n2\n")).toBe("WA");
  });
});

describe("apps (hendrycks/apps testing_util, standard input)", () => {
  const check = createSourceChecker("apps");

  test("accepts output equal after stripping, and lines with trailing spaces", () => {
    expect(verdict(check, "1 2 \n3\n", "1 2\n3\n")).toBe("AC");
  });

  test("accepts single-float lines that are allclose (rtol 1e-5)", () => {
    expect(verdict(check, "2.0000001\n", "2\n")).toBe("AC");
    expect(verdict(check, "2.001\n", "2\n")).toBe("WA");
  });

  test("rejects a different case and a different layout, as APPS' own comparison does", () => {
    expect(verdict(check, "yes\n", "YES\n")).toBe("WA");
    expect(verdict(check, "1 2\n", "1\n2\n")).toBe("WA");
  });

  test("does not take APPS' set comparison, which accepts a reordered or shortened answer", () => {
    expect(verdict(check, "2\n1\n", "1 2\n")).toBe("WA");
    expect(verdict(check, "1\n", "1 1\n")).toBe("WA");
  });
});

describe("livecodebench (LiveCodeBench grade_stdio)", () => {
  const check = createSourceChecker("livecodebench");

  test("strips each line and compares numbers as decimals", () => {
    expect(verdict(check, "  3 \n0.50\n", "3\n0.5\n")).toBe("AC");
    expect(verdict(check, "1e2\n", "100\n")).toBe("AC");
  });

  test("requires the same number of lines: 1 2 for 1\\n2 is WA", () => {
    const r = check("1 2\n", "1\n2\n");
    expect(r.verdict).toBe("WA");
    expect(r.message).toContain("LiveCodeBench");
  });

  test("compares decimals exactly, with no tolerance", () => {
    expect(verdict(check, "0.3333333333\n", "0.333333333\n")).toBe("WA");
  });

  test("a statement's tolerance and any-case grant widen it, line by line", () => {
    const lenient = createSourceChecker("livecodebench", { fold_case: true, abs: 1e-6, rel: 1e-6 });
    expect(verdict(lenient, "yes\n0.3333333333\n", "Yes\n0.333333333\n")).toBe("AC");
    expect(verdict(lenient, "yes 0.3333333333\n", "Yes\n0.333333333\n")).toBe("WA");
    expect(verdict(lenient, "no\n0.3333333333\n", "Yes\n0.333333333\n")).toBe("WA");
  });
});

describe("openr1 (open-r1's Codeforces grader without a checker)", () => {
  const check = createSourceChecker("openr1");

  test("folds the words yes and no to one case and collapses whitespace", () => {
    expect(verdict(check, "yes\nno  yEs\n", "YES NO\nYES\n")).toBe("AC");
  });

  test("keeps the case of other words and rejects a wrong yes/no", () => {
    expect(verdict(check, "alice\n", "Alice\n")).toBe("WA");
    expect(verdict(check, "no\n", "YES\n")).toBe("WA");
  });

  test("compares numbers as text", () => {
    expect(verdict(check, "0.5\n", "0.500000\n")).toBe("WA");
  });
});

describe("rllm (rllm taco.py stripped_string_compare)", () => {
  const check = createSourceChecker("rllm");

  test("accepts numbers that are isclose, token by token on each line", () => {
    expect(verdict(check, "1 0.33333333\n", "1 0.333333333333\n")).toBe("AC");
  });

  test("rejects unequal words, which rllm's own comparison lets through", () => {
    expect(verdict(check, "NO\n", "YES\n")).toBe("WA");
  });

  test("requires the same non-empty lines", () => {
    expect(verdict(check, "1\n\n2\n", "1\n2\n")).toBe("AC");
    expect(verdict(check, "1 2\n", "1\n2\n")).toBe("WA");
  });
});

describe("the checker registry", () => {
  const deps = { sandbox: {} as Sandbox };

  test("builds a source checker by name with its statement widening", async () => {
    const check = await createChecker({ type: "livecodebench", fold_case: true }, deps);
    expect((await check("yes\n", "YES\n", { input: "" })).verdict).toBe("AC");
  });

  test("refuses an unresolved auto spec, which would be a harness bug", async () => {
    await expect(createChecker({ type: "auto" }, deps)).rejects.toThrow(/must be resolved/);
  });

  test("rejects a negative tolerance on a source checker", async () => {
    await expect(createChecker({ type: "apps", abs: -1 }, deps)).rejects.toThrow(/abs/);
  });
});

describe("a statement's widening keeps a line-based tester's lines", () => {
  test("APPS with any case: yes for YES is AC, but both answers on one line is still WA", () => {
    const check = createSourceChecker("apps", { fold_case: true });
    expect(verdict(check, "yes\nno\n", "YES\nNO\n")).toBe("AC");
    expect(verdict(check, "yes no\n", "YES\nNO\n")).toBe("WA");
  });

  test("rllm with a stated tolerance accepts digits within it, line by line", () => {
    const check = createSourceChecker("rllm", { abs: 1e-4, rel: 1e-4 });
    expect(verdict(check, "3.1623\n", "3.162277660\n")).toBe("AC");
    expect(verdict(check, "3.17\n", "3.162277660\n")).toBe("WA");
  });

  test("CodeContests, which ignores layout itself, stays layout-free under a widening", () => {
    const check = createSourceChecker("codecontests", { abs: 1e-4, rel: 1e-4 });
    expect(verdict(check, "1 3.1623\n", "1\n3.162277660\n")).toBe("AC");
  });
});
