/**
 * The one default for compile limits: every compile (eval, judge, reward server, dataset derivation,
 * self-test) uses it unless a caller has a reason to differ, and those derive from it in place.
 */
import type { CompileLimits } from "./types.ts";

/**
 * g++ -O2 with the precompiled bits/stdc++.h takes a few seconds and a few hundred MB on a loaded
 * 2-core machine; 30 s CPU and 1 GiB leave a wide margin while still stopping a template bomb, and
 * the wall-clock limit doubles the CPU limit because compiles queue behind judging on busy machines.
 * 64 KiB of diagnostics is more than any reader of a compile error looks at.
 */
export const DEFAULT_COMPILE_LIMITS: CompileLimits = { cpuMs: 30_000, wallMs: 60_000, memoryMb: 1024, logBytes: 64 << 10 };
