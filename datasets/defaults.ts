/** Limits and settings a problem gets when its dataset does not say. */
import type { CheckerSpec, Language } from "../judges/types.ts";

export const DEFAULT_TIME_LIMIT_MS = 2000;
export const DEFAULT_MEMORY_LIMIT_MB = 256;
/**
 * No checker named: `auto`, resolved per problem by datasets/checker-policy.ts (the source tester's
 * comparison, else what the statement and expected output call for).
 */
export const DEFAULT_CHECKER: CheckerSpec = { type: "auto" };
/** stdio problems can be solved in either language; function-mode tests are Python code. */
export const DEFAULT_STDIO_LANGUAGES: readonly Language[] = ["cpp", "python"];
export const DEFAULT_FUNCTION_LANGUAGES: readonly Language[] = ["python"];
