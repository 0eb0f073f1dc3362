/** Hack catalogue entries: function-python. */
import type { HackEntry } from "./types.ts";

export const FUNCTION_PYTHON_HACKS: readonly HackEntry[] = [];
