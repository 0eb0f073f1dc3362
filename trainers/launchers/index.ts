/** The launchers, by name. */
import { UsageError } from "../../judges/errors.ts";
import type { Launcher, LauncherName } from "../types.ts";
import { localLauncher } from "./local.ts";
import { slurmLauncher } from "./slurm.ts";

export const LAUNCHERS: Readonly<Record<LauncherName, Launcher>> = { local: localLauncher, slurm: slurmLauncher };

export function getLauncher(name: string): Launcher {
  if (Object.hasOwn(LAUNCHERS, name)) return LAUNCHERS[name as LauncherName];
  throw new UsageError(`unknown launcher ${JSON.stringify(name)}; known: ${Object.keys(LAUNCHERS).join(", ")}`);
}
