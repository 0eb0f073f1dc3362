/**
 * The one error hierarchy. Every error the project throws on purpose derives from
 * {@link HarnessError} and says which kind of fault it is, so the CLI can pick an exit code and a
 * message without knowing every class. It lives in the bottom layer so that every layer can use it.
 */

/**
 * What kind of fault an error is:
 * - `usage`: the command line or configuration is wrong (unknown option value, missing file, missing `--testlib`);
 * - `dataset`: a dataset, samples or problem file is malformed;
 * - `checker`: a problem's checker cannot be set up (bad spec, checker that does not compile);
 * - `sandbox`: the judging infrastructure failed (missing compiler, broken sandbox);
 * - `store`: the database cannot be used;
 * - `remote`: a remote service (the Hub, a model endpoint) failed;
 * - `internal`: a harness bug.
 */
export type ErrorCategory = "usage" | "dataset" | "checker" | "sandbox" | "store" | "remote" | "internal";

/** Categories that are the user's to fix (exit code 2); the rest are harness failures (exit code 1). */
const USER_CATEGORIES: ReadonlySet<ErrorCategory> = new Set(["usage", "dataset", "checker"]);

/** Base of every error the harness throws on purpose. */
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly category: ErrorCategory,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "HarnessError";
  }
}

/** A wrong command line or configuration: printed without a stack trace, exit code 2. */
export class UsageError extends HarnessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "usage", options);
    this.name = "UsageError";
  }
}

/** True when the category is a fault in what the user gave (input, configuration), not in the harness. */
export function isUserCategory(category: ErrorCategory): boolean {
  return USER_CATEGORIES.has(category);
}

/** The category of any thrown value: a non-harness error is `internal`. */
export function categorizeError(err: unknown): ErrorCategory {
  return err instanceof HarnessError ? err.category : "internal";
}
