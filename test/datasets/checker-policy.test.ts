/**
 * The checker policy on real rows: rllm's codeforces and code_contests test sets (rows copied
 * unmodified, see fixtures/real/README.md). Correct answers that differ only in case or float
 * digits are AC, wrong ones are WA, and several-answer problems are flagged `needs_checker`.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { applyCheckerPolicy, autoChecker, resolveChecker } from "../../datasets/checker-policy.ts";
import { openDataset } from "../../datasets/open.ts";
import { writeProblems } from "../../datasets/prepare/io.ts";
import type { Problem } from "../../datasets/types.ts";
import { createChecker } from "../../judges/checkers/index.ts";
import type { Sandbox } from "../../judges/types.ts";
import { useTempDir } from "./temp-files.ts";

const REAL = join(import.meta.dir, "fixtures", "real");
const CODEFORCES = join(REAL, "rllm-codeforces-rows.jsonl");
const CODE_CONTESTS = join(REAL, "rllm-code-contests-rows.jsonl");

const cf = await openDataset(CODEFORCES);
const cc = await openDataset(CODE_CONTESTS);
const deps = { sandbox: {} as Sandbox };

/** Judges `actual` against the problem's first expected output with its resolved checker. */
async function judge(p: Problem, actual: (expected: string) => string, test = 0): Promise<string> {
  const check = await createChecker(p.checker, deps);
  const t = p.tests[test] ?? { input: "", output: "" };
  return (await check(actual(t.output), t.output, { input: t.input })).verdict;
}

const lower = (s: string) => s.toLowerCase();

describe("rows whose source tester is unknown are read from their statement", () => {
  test("a plain numeric problem keeps token comparison and is not flagged", () => {
    const p = cf.problems[0] as Problem;
    expect(p.checker).toEqual({ type: "tokens" });
    expect(p.needs_checker).toBeUndefined();
    expect(p.checker_rule).toContain("tokens");
  });

  test("'YES and NO in any case' gives a case-insensitive comparison: lower-case answers are AC", async () => {
    const clock = cf.problems[2] as Problem;
    expect(clock.checker).toEqual({ type: "yesno" });
    expect(await judge(clock, lower)).toBe("AC");
  });

  test("the case-insensitive comparison still rejects a flipped answer", async () => {
    const clock = cf.problems[2] as Problem;
    const flipped = (s: string) => s.replace(/YES|NO/, (w) => (w === "YES" ? "no" : "yes"));
    expect(await judge(clock, flipped)).toBe("WA");
  });

  test("a stated 10^{-6} error gives float with that tolerance: more digits are AC, a wrong value is WA", async () => {
    const casino = cf.problems[3] as Problem;
    expect(casino.checker).toEqual({ type: "float", abs: 1e-6, rel: 1e-6 });
    expect(casino.tests[0]?.output).toBe("112.00000000");
    expect(await judge(casino, () => "112\n")).toBe("AC");
    expect(await judge(casino, () => "112.0000000001\n")).toBe("AC");
    expect(await judge(casino, () => "112.001\n")).toBe("WA");
  });

  test("a stated 10^{-4} error (CodeContests wording) accepts 3.1623 for 3.162277660 and rejects 3.17", async () => {
    const park = cc.problems[1] as Problem;
    expect(park.checker).toEqual({ type: "float", abs: 1e-4, rel: 1e-4 });
    const rounded = (s: string) => s.replace("3.162277660", "3.1623");
    expect(await judge(park, rounded)).toBe("AC");
    expect(await judge(park, (s) => s.replace("3.162277660", "3.17"))).toBe("WA");
  });

  test("a problem that accepts any of several answers and has no checker program is flagged needs_checker", () => {
    const anyOf = cc.problems[3] as Problem;
    expect(anyOf.needs_checker).toBe(true);
    expect(anyOf.checker_rule).toContain("several answers");
    const both = cf.problems[1] as Problem;
    expect(both.needs_checker).toBe(true);
    expect(both.checker).toEqual({ type: "yesno" });
  });
});

describe("rows whose format names the source tester", () => {
  const asSource = (p: Problem, tester: Parameters<typeof autoChecker>[0]): Problem => ({ ...p, checker: autoChecker(tester) });

  test("a CodeContests row uses CodeContests' comparison, widened by the stated 1e-4", async () => {
    const park = asSource(cc.problems[1] as Problem, "codecontests");
    const resolved = applyCheckerPolicy(park);
    expect(resolved.checker).toEqual({ type: "codecontests", abs: 1e-4, rel: 1e-4 });
    expect(await judge(resolved, (s) => s.replace("3.162277660", "3.1623"))).toBe("AC");
  });

  test("a LiveCodeBench row with an any-case statement accepts lower case but keeps its line rule", async () => {
    const clock = applyCheckerPolicy(asSource(cf.problems[2] as Problem, "livecodebench"));
    expect(clock.checker).toEqual({ type: "livecodebench", fold_case: true });
    expect(await judge(clock, lower)).toBe("AC");
    expect(await judge(clock, (s) => s.replaceAll("\n", " "))).toBe("WA");
  });

  test("an open-r1 row without a checker folds yes/no as open-r1 does", async () => {
    const clock = applyCheckerPolicy(asSource(cf.problems[2] as Problem, "openr1"));
    expect(clock.checker.type).toBe("openr1");
    expect(await judge(clock, lower)).toBe("AC");
  });
});

describe("--checker and rows that name their checker", () => {
  test("--checker NAME replaces the policy for rows without a checker, flags still computed", async () => {
    const forced = await openDataset(CODEFORCES, { checker: "tokens" });
    expect(forced.problems.map((p) => p.checker.type)).toEqual(["tokens", "tokens", "tokens", "tokens"]);
    expect(forced.problems[3]?.checker_rule).toBe("--checker tokens");
    expect(forced.problems[1]?.needs_checker).toBe(true);
  });

  test("an unknown --checker is a usage error before anything is read", async () => {
    await expect(openDataset(CODEFORCES, { checker: "fuzzy" })).rejects.toThrow(/--checker: unknown checker "fuzzy"/);
  });

  test("a row's own checker is kept; a checker program clears needs_checker", () => {
    const anyOf = cc.problems[3] as Problem;
    expect(resolveChecker({ ...anyOf, checker: { type: "exact" } }, "tokens").checker).toEqual({ type: "exact" });
    const program = resolveChecker({ ...anyOf, checker: { type: "cms", source: "print(1)" } });
    expect(program.needsChecker).toBe(false);
  });

  test("function-mode problems compare no output text and are never flagged", () => {
    const fn: Problem = { ...(cc.problems[3] as Problem), mode: "function", tests: [], test_code: "assert True" };
    const resolved = applyCheckerPolicy({ ...fn, checker: autoChecker() });
    expect(resolved.checker).toEqual({ type: "tokens" });
    expect(resolved.needs_checker).toBeUndefined();
  });
});

test("a resolved problem read again (an exported file) keeps its checker and the reason it was given", () => {
  const park = cc.problems[1] as Problem;
  const again = applyCheckerPolicy(park, "tokens");
  expect(again.checker).toEqual(park.checker);
  expect(again.checker_rule).toBe(park.checker_rule);
});

test("an export in the canonical schema reads back with the same checkers, reasons and flags", async () => {
  const { dir } = useTempDir();
  const out = join(dir, "exported.jsonl");
  // Ids prefixed: both rllm files number their rows from 1.
  const rows = [
    ...cf.problems.map((p) => ({ ...p, id: `cf-${p.id}` })),
    ...cc.problems.map((p) => ({ ...p, id: `cc-${p.id}` })),
    applyCheckerPolicy({ ...(cc.problems[1] as Problem), id: "as-codecontests", checker: autoChecker("codecontests") }),
  ];
  await writeProblems(out, rows);
  const again = await openDataset(out);
  expect(again.format).toBe("canonical");
  expect(again.problems.map((p) => [p.checker, p.checker_rule, p.needs_checker])).toEqual(rows.map((p) => [p.checker, p.checker_rule, p.needs_checker]));
});
