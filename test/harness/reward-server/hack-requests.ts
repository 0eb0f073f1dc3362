/**
 * Turns reward-hacking catalogue entries (test/judges/hacks/) into items of `POST /v1/rewards`: the
 * entry's task becomes an inline problem in the canonical schema and its program a fenced
 * completion. What a request cannot say is a skip with its reason, never a silent drop.
 */
import type { HackEntry } from "../../judges/hacks/catalogue.ts";

/** One reward request item, or why the entry cannot be one. */
export type HackRequest = { ok: true; item: Record<string, unknown> } | { ok: false; reason: string };

/** GradeTask fields this converter knows how to carry; any other field may change what is judged. */
const KNOWN_TASK_FIELDS = new Set(["mode", "tests", "testCode", "limits", "entryPoint", "prelude", "interactor"]);

/**
 * The request item for `entry`. Only the time and memory limits travel: the server derives wall
 * time, output and process limits itself, which may change the verdict an entry gets but never
 * makes a wrong program right, so the reward assertion still holds.
 */
export function toRewardItem(entry: HackEntry): HackRequest {
  const task = entry.task as unknown as Record<string, unknown>;
  const unknown = Object.keys(task).filter((key) => !KNOWN_TASK_FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, reason: `task field(s) ${unknown.join(", ")} have no equivalent in the canonical problem schema` };
  if (entry.source.extraFiles && Object.keys(entry.source.extraFiles).length > 0) {
    return { ok: false, reason: "a completion cannot carry extra files beside the source" };
  }
  if (entry.source.code.includes("```")) return { ok: false, reason: "the program contains a code fence, which would cut the completion short" };
  if (entry.source.code.trim() === "") return { ok: false, reason: "an empty program is NO_CODE before any judging" };
  const problem: Record<string, unknown> = {
    id: `hack-${entry.id}`,
    statement: entry.title,
    mode: entry.task.mode,
    tests: entry.task.tests.map((t) => (t.kind ? { input: t.input, output: t.output, kind: t.kind } : { input: t.input, output: t.output })),
    time_limit_ms: entry.task.limits.cpuMs,
    memory_limit_mb: entry.task.limits.memoryMb,
    checker: entry.checker ?? { type: "tokens" },
    languages: [entry.source.language],
  };
  if (entry.task.testCode !== undefined) problem.test_code = entry.task.testCode;
  if (entry.task.entryPoint !== undefined) problem.entry_point = entry.task.entryPoint;
  // The prelude is the problem's solution_prefix (HumanEval's prompt, MultiPL-E's signature).
  if (entry.task.prelude !== undefined) problem.solution_prefix = entry.task.prelude;
  // An interactive task's interactor travels as the canonical `interactor` field; the problem's checker judges its output only when checked.
  const interactor = entry.task.interactor;
  if (interactor?.checked && !entry.checker) return { ok: false, reason: "a checked interactor needs a checker program in the problem" };
  if (interactor) problem.interactor = { source: interactor.source.code, language: interactor.source.language };
  const completion = "```" + entry.source.language + "\n" + entry.source.code + "\n```";
  return { ok: true, item: { id: entry.id, problem, completion, language: entry.source.language } };
}
