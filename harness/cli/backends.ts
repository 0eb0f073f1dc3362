/**
 * The only place that wires concrete judge backends. Each factory imports its backend lazily so
 * that choosing one never loads the others (or their SDKs).
 */
import { UsageError } from "../../judges/errors.ts";

/** Transition: UsageError now lives in judges/errors.ts; import it from there. */
export { UsageError };
import type { Sandbox } from "../../judges/types.ts";

export interface BackendOptions {
  unsafeNoSandbox?: boolean;
  cacheDir?: string;
}

/** Judge backends by name. */
export const JUDGE_BACKENDS: Record<string, (opts: BackendOptions) => Promise<Sandbox>> = {
  local: async (opts) => (await import("../../judges/local/index.ts")).createLocalSandbox({ ...opts, tools: readToolOverrides() }),
};

/** Tool locations for machines that keep them elsewhere: HARNESS_GXX, HARNESS_PYTHON3, HARNESS_BWRAP. */
function readToolOverrides(env: Record<string, string | undefined> = process.env) {
  const tools: { gxx?: string; python3?: string; bwrap?: string } = {};
  if (env.HARNESS_GXX) tools.gxx = env.HARNESS_GXX;
  if (env.HARNESS_PYTHON3) tools.python3 = env.HARNESS_PYTHON3;
  if (env.HARNESS_BWRAP) tools.bwrap = env.HARNESS_BWRAP;
  return tools;
}

/** Creates the named judge backend; an unknown name lists the known ones. */
export async function createJudgeBackend(name: string, opts: BackendOptions = {}): Promise<Sandbox> {
  const factory = JUDGE_BACKENDS[name];
  if (!factory) throw new UsageError(`unknown judge '${name}'; known judges: ${Object.keys(JUDGE_BACKENDS).join(", ")}`);
  return factory(opts);
}
