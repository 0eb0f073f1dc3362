import { HarnessError } from "../errors.ts";

/**
 * A checker that cannot be set up (unknown type, bad tolerance, missing testlib.h, checker that does
 * not compile). A problem-setter or configuration fault, never a verdict of the submission.
 */
export class CheckerError extends HarnessError {
  constructor(
    message: string,
    readonly code: "unknown_type" | "bad_spec" | "missing_testlib" | "compile_failed",
    options?: { cause?: unknown },
  ) {
    // A missing testlib.h is the user's configuration (--testlib); the rest are the problem's checker.
    super(message, code === "missing_testlib" ? "usage" : "checker", options);
    this.name = "CheckerError";
  }
}
