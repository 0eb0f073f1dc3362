/**
 * The checker policy (README "Checker policy"): a problem whose row names no checker carries
 * `{type: "auto"}`, resolved here, per problem, into a concrete comparison:
 *   1. the comparison of the row's own source tester (`tester`, set by the format), widened by
 *      what the statement grants (letters in any case, a stated error bound);
 *   2. where the tester is unknown, the statement and expected output decide: a stated error bound,
 *      or decimal answers, give `float`; "in any case" gives `yesno`; otherwise `tokens`.
 * `--checker NAME` replaces the rule for those problems. A stdio problem whose statement accepts
 * several answers and that has no checker program is marked `needs_checker`: no comparison with
 * one expected answer can judge it, so its verdicts are kept but reported apart.
 */
import { HarnessError } from "../judges/errors.ts";
import { PURE_CHECKERS } from "../judges/checkers/index.ts";
import type { SourceTester } from "../judges/checkers/source-testers.ts";
import type { CheckerSpec } from "../judges/types.ts";
import { hasDecimalAnswers, readStatementRules } from "./statement-rules.ts";
import type { Problem } from "./types.ts";

/** `auto`, or the name of a pure checker to use wherever a row names none. */
export type CheckerPolicy = string;

/** Names `--checker` accepts besides `auto`: the pure checkers (program checkers need a source). */
export const POLICY_CHECKERS: readonly string[] = Object.keys(PURE_CHECKERS);

/** Source names that identify a tester when a row (a canonical one) names no tester itself. */
const TESTER_BY_SOURCE: Record<string, SourceTester> = {
  codecontests: "codecontests",
  code_contests: "codecontests",
  "deepmind/code_contests": "codecontests",
  apps: "apps",
  taco: "apps",
  livecodebench: "livecodebench",
  "open-r1": "openr1",
  openr1: "openr1",
  "open-r1/codeforces": "openr1",
};

/** The checker a format gives a row without one: resolved per problem by {@link resolveChecker}. */
export function autoChecker(tester?: SourceTester): CheckerSpec {
  return tester ? { type: "auto", tester } : { type: "auto" };
}

/** Throws a usage error unless `name` is `auto` or a checker `--checker` accepts. */
export function parseCheckerPolicy(name: string | undefined): CheckerPolicy {
  const policy = name ?? "auto";
  if (policy === "auto" || POLICY_CHECKERS.includes(policy)) return policy;
  throw new HarnessError(`--checker: unknown checker ${JSON.stringify(policy)}; known: auto, ${POLICY_CHECKERS.join(", ")}`, "usage");
}

/** What the policy decided for one problem. */
export interface CheckerResolution {
  checker: CheckerSpec;
  /** Why, in words (shown by the viewer and stored with the problem). */
  rule: string;
  needsChecker: boolean;
}

function isProgram(spec: CheckerSpec): boolean {
  return spec.type === "testlib" || spec.type === "cms";
}

/** Resolves a problem's checker under the policy; problems whose row named a checker keep it. */
export function resolveChecker(problem: Problem, policy: CheckerPolicy = "auto"): CheckerResolution {
  const spec = problem.checker;
  const rules = readStatementRules(problem.statement);
  const needsChecker = problem.mode === "stdio" && !isProgram(spec) && rules.severalAnswers !== null;
  const flag = needsChecker ? `; statement accepts several answers ("${rules.severalAnswers}") and there is no checker program` : "";
  if (spec.type !== "auto") return { checker: spec, rule: `${isProgram(spec) ? `${spec.type} checker program` : `the row's checker (${spec.type})`}${flag}`, needsChecker };
  if (policy !== "auto") return { checker: { type: policy } as CheckerSpec, rule: `--checker ${policy}${flag}`, needsChecker };
  const sourceName = problem.source?.toLowerCase() ?? "";
  const tester = spec.tester ?? (Object.hasOwn(TESTER_BY_SOURCE, sourceName) ? TESTER_BY_SOURCE[sourceName] : undefined);
  const grants: string[] = [];
  if (rules.anyCase) grants.push("any letter case");
  if (rules.tolerance !== undefined) grants.push(`error ${rules.tolerance}`);
  if (tester) {
    const checker: CheckerSpec = {
      type: tester,
      ...(rules.anyCase ? { fold_case: true } : {}),
      ...(rules.tolerance !== undefined ? { abs: rules.tolerance, rel: rules.tolerance } : {}),
    };
    const widened = grants.length ? `, widened by the statement (${grants.join(", ")})` : "";
    return { checker, rule: `source tester ${tester}${widened}${flag}`, needsChecker };
  }
  if (rules.tolerance !== undefined) {
    return { checker: { type: "float", abs: rules.tolerance, rel: rules.tolerance }, rule: `statement states error ${rules.tolerance}${flag}`, needsChecker };
  }
  if (hasDecimalAnswers(problem.tests.map((t) => t.output))) {
    return { checker: { type: "float" }, rule: `expected answers are decimals (default tolerance)${flag}`, needsChecker };
  }
  if (rules.anyCase) return { checker: { type: "yesno" }, rule: `statement accepts any letter case${flag}`, needsChecker };
  return { checker: { type: "tokens" }, rule: `tokens (no source tester, nothing stated)${flag}`, needsChecker };
}

/** The problem with its checker resolved and the decision recorded (`checker_rule`, `needs_checker`). */
export function applyCheckerPolicy(problem: Problem, policy: CheckerPolicy = "auto"): Problem {
  if (problem.mode !== "stdio") {
    // Function and answer problems compare no output text; keep a plain spec for tools that show it.
    if (problem.checker.type !== "auto") return problem;
    const { needs_checker: _flag, ...rest } = problem;
    return { ...rest, checker: { type: "tokens" } };
  }
  const r = resolveChecker(problem, policy);
  // A problem resolved before (an exported file read again) keeps the reason it was given then.
  const rule = problem.checker.type !== "auto" && problem.checker_rule ? problem.checker_rule : r.rule;
  const out: Problem = { ...problem, checker: r.checker, checker_rule: rule };
  if (r.needsChecker) out.needs_checker = true;
  else delete out.needs_checker;
  return out;
}
