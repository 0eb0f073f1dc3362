/** Runs a command action, turning errors into one clear line (or a JSON error object) and an exit code. */
import { categorizeError, type ErrorCategory, HarnessError, isUserCategory } from "../../judges/errors.ts";

/** Exit codes: 0 ok, 1 harness failure, 2 bad input or usage, 130 interrupted. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export interface RunCommandOptions {
  /** The command was asked for `--json`: a failure is also printed as `{"error": {...}}` on stdout. */
  json?: boolean;
}

/** Runs `action`, reports what it threw, and exits with its code once the output is flushed. */
export async function runCommand(action: () => Promise<number>, opts: RunCommandOptions = {}): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (err: unknown) {
    code = reportError(err, opts);
  }
  process.exitCode = code;
  // Open handles (a sandbox's helper process, a keep-alive socket) must not keep a finished command alive.
  setTimeout(() => process.exit(code), 50).unref();
}

/** The exit code an error stands for: 2 when the user can fix the input, 1 when the harness failed. */
export function exitCodeOf(category: ErrorCategory): number {
  return isUserCategory(category) ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * Prints an error: a harness error as one line on stderr (no stack trace: its message says what to
 * do next), anything else as an internal error with its stack. Returns the exit code.
 */
export function reportError(err: unknown, opts: RunCommandOptions = {}): number {
  const category = categorizeError(err);
  const message = err instanceof Error ? err.message : String(err);
  if (opts.json) process.stdout.write(`${JSON.stringify({ error: { category, message } })}\n`);
  if (err instanceof HarnessError && category !== "internal") {
    process.stderr.write(`${formatErrorLine(err)}\n`);
  } else {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  return exitCodeOf(category);
}

/** `error: …`, or `error (code): …` for errors that carry a machine-readable code (Hub, sandbox, checker). */
function formatErrorLine(err: HarnessError): string {
  const code = (err as { code?: unknown }).code;
  // Multi-line messages (a schema with several issues) stay readable; a single fault stays one line.
  return `error${typeof code === "string" ? ` (${code})` : ""}: ${err.message}`;
}
