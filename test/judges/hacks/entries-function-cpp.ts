/** Hack catalogue entries: function-cpp. */
import type { HackEntry } from "./types.ts";

export const FUNCTION_CPP_HACKS: readonly HackEntry[] = [];
