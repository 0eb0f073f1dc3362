/** Hack catalogue entries: checker. */
import type { HackEntry } from "./types.ts";

export const CHECKER_HACKS: readonly HackEntry[] = [];
