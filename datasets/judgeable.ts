/**
 * Problems no judge can decide. An interactive problem without an interactor has only a dialogue
 * transcript as its "expected output": judged as stdio, every program would be WA. Such problems
 * are excluded from scores with this reason, never scored.
 */
import type { Problem } from "./types.ts";

export const NO_INTERACTOR_REASON = "interactive problem without an interactor: no judge can decide it";

/** Why `problem` cannot be judged, or null when it can. */
export function unjudgeableReason(problem: Problem): string | null {
  if (problem.interactive && !problem.interactor) return NO_INTERACTOR_REASON;
  return null;
}

export interface Exclusion {
  id: string;
  reason: string;
}

/** Splits problems into those that can be judged and the excluded ones with their reasons. */
export function partitionJudgeable(problems: readonly Problem[]): { judgeable: Problem[]; excluded: Exclusion[] } {
  const judgeable: Problem[] = [];
  const excluded: Exclusion[] = [];
  for (const problem of problems) {
    const reason = unjudgeableReason(problem);
    if (reason) excluded.push({ id: problem.id, reason });
    else judgeable.push(problem);
  }
  return { judgeable, excluded };
}
