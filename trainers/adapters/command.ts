/** The package's command line, shared by every adapter. */
import type { AlgoName } from "../types.ts";

/** Python module of the training package (trainers/python/codejudge_train). */
export const PACKAGE_MODULE = "codejudge_train";

export function packageCommand(algo: AlgoName, paths: { config: string; jobDir: string }): string[] {
  return ["-m", PACKAGE_MODULE, "train", "--algo", algo, "--config", paths.config, "--job-dir", paths.jobDir];
}
