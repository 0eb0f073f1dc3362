/** Hack catalogue entries: output. */
import type { HackEntry } from "./types.ts";

export const OUTPUT_HACKS: readonly HackEntry[] = [];
