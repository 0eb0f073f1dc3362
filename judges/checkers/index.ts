/** Checker registry: the pure checkers by name, and {@link createChecker} for any CheckerSpec. */
import type { Checker, CheckerSpec } from "../types.ts";
import { CheckerError } from "./errors.ts";
import { createFloatChecker } from "./float.ts";
import { checkExact, checkLines } from "./layout.ts";
import { createProgramChecker, type ProgramCheckerDeps } from "./program.ts";
import { createSourceChecker, type SourceTester } from "./source-testers.ts";
import type { PureChecker } from "./text.ts";
import { checkTokens, checkUnordered, checkYesNo } from "./tokens.ts";

export { CheckerError } from "./errors.ts";
export type { ProgramCheckerDeps } from "./program.ts";
export type { PureChecker } from "./text.ts";
export { SOURCE_TESTERS, type SourceTester } from "./source-testers.ts";

/** The pure checkers, keyed by their CheckerSpec type; `float` here uses the default tolerances. */
export const PURE_CHECKERS = {
  exact: checkExact,
  lines: checkLines,
  tokens: checkTokens,
  float: createFloatChecker(),
  yesno: checkYesNo,
  unordered: checkUnordered,
  codecontests: createSourceChecker("codecontests"),
  apps: createSourceChecker("apps"),
  livecodebench: createSourceChecker("livecodebench"),
  openr1: createSourceChecker("openr1"),
  rllm: createSourceChecker("rllm"),
} as const satisfies Record<string, PureChecker>;

/** Every checker type a CheckerSpec may name (`auto` is resolved per problem before a checker is built). */
export const CHECKER_TYPES = [...Object.keys(PURE_CHECKERS), "testlib", "cms", "auto"] as const;


/** Reads an optional tolerance, rejecting negatives and non-numbers. */
function readTolerance(spec: Record<string, unknown>, field: "abs" | "rel"): number | undefined {
  const value = spec[field];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new CheckerError(`checker: field "${field}" must be a finite number >= 0, got ${JSON.stringify(value)}`, "bad_spec");
  }
  return value;
}

/**
 * Builds the Checker a spec names. Program checkers (testlib, cms) are compiled once through
 * `deps.sandbox` and run there per test. Throws {@link CheckerError} for an unknown type, a bad
 * field, a missing testlib.h or a checker that does not compile.
 */
export async function createChecker(spec: CheckerSpec, deps: ProgramCheckerDeps): Promise<Checker> {
  // Specs come from problem files, so the type is checked at run time too.
  const type: string = spec.type;
  switch (spec.type) {
    case "float":
      return createFloatChecker({
        abs: readTolerance(spec as Record<string, unknown>, "abs"),
        rel: readTolerance(spec as Record<string, unknown>, "rel"),
      });
    case "codecontests":
    case "apps":
    case "livecodebench":
    case "openr1":
    case "rllm": {
      const fields = spec as Record<string, unknown>;
      if (fields.fold_case !== undefined && typeof fields.fold_case !== "boolean") {
        throw new CheckerError(`${type} checker: field "fold_case" must be a boolean`, "bad_spec");
      }
      return createSourceChecker(spec.type as SourceTester, {
        fold_case: spec.fold_case,
        abs: readTolerance(fields, "abs"),
        rel: readTolerance(fields, "rel"),
      });
    }
    case "auto":
      // A harness bug, not the problem's: every path that judges resolves `auto` first.
      throw new CheckerError('checker "auto" must be resolved for its problem before judging (datasets/checker-policy.ts)', "bad_spec");
    case "testlib":
    case "cms":
      if (typeof spec.source !== "string" || spec.source.trim() === "") {
        throw new CheckerError(`${spec.type} checker: field "source" must be non-empty program text`, "bad_spec");
      }
      return createProgramChecker(spec, deps);
  }
  if (Object.hasOwn(PURE_CHECKERS, type)) return PURE_CHECKERS[type as keyof typeof PURE_CHECKERS];
  throw new CheckerError(`unknown checker type ${JSON.stringify(type)}; known: ${CHECKER_TYPES.join(", ")}`, "unknown_type");
}
