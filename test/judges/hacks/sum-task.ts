/**
 * The stdio task most output and checker hacks attack: read two integers, print their sum. Three
 * tests with different answers, so a program that only knows test 1 (the visible sample) fails.
 */
import type { GradeTask, RunLimits } from "../../../judges/types.ts";

/** Generous wall time: the catalogue runs beside other work on a busy machine. */
export const SUM_LIMITS: RunLimits = { cpuMs: 1000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

export const SUM_TESTS = [
  { input: "1 2\n", output: "3\n" },
  { input: "10 20\n", output: "30\n" },
  { input: "100 -5\n", output: "95\n" },
] as const;

/** A fresh copy of the sum task (entries must not share mutable test arrays). */
export function makeSumTask(limits: RunLimits = SUM_LIMITS): GradeTask {
  return { mode: "stdio", tests: SUM_TESTS.map((t) => ({ ...t, kind: "private" as const })), limits };
}
