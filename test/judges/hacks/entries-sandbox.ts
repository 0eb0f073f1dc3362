/** Hack catalogue entries: sandbox. */
import type { HackEntry } from "./types.ts";

export const SANDBOX_HACKS: readonly HackEntry[] = [];
