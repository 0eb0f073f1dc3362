/** Hack catalogue entries: call-harness. */
import type { HackEntry } from "./types.ts";

export const CALL_HARNESS_HACKS: readonly HackEntry[] = [];
