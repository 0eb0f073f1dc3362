/** Runs a command action, turning known errors into one clear line on stderr and an exit code. */
import { HubError } from "../../datasets/hub/errors.ts";
import { DatasetError } from "../../datasets/types.ts";
import { SandboxError } from "../../judges/types.ts";
import { RewardSchemaError } from "../rewards/definition.ts";
import { RewardsCompareError } from "../rewards/compare.ts";
import { RunConflictError } from "../store/runs.ts";
import { UsageError } from "../../judges/errors.ts";

/** Exit codes: 0 ok, 1 harness failure, 2 bad input or usage, 130 interrupted. */
export async function runCommand(action: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (err: unknown) {
    code = reportError(err);
  }
  process.exitCode = code;
  // Open handles (a sandbox's helper process, a keep-alive socket) must not keep a finished command alive.
  setTimeout(() => process.exit(code), 50).unref();
}

/** Prints an error without a stack trace when it is a known kind; returns the exit code. */
export function reportError(err: unknown): number {
  if (
    err instanceof DatasetError ||
    err instanceof UsageError ||
    err instanceof RunConflictError ||
    err instanceof RewardSchemaError ||
    err instanceof RewardsCompareError
  ) {
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  if (err instanceof HubError) {
    process.stderr.write(`error (${err.code}): ${err.message}\n`);
    return 1;
  }
  if (err instanceof SandboxError) {
    process.stderr.write(`error (${err.code}): ${err.message}\n`);
    return 1;
  }
  process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
