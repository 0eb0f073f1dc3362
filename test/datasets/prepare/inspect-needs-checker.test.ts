/** `datasets inspect` counts the problems flagged needs_checker, on real rllm code_contests rows. */
import { expect, test } from "bun:test";
import { formatStats, inspectProblems } from "../../../datasets/prepare/inspect.ts";
import { loadInput } from "../../../datasets/prepare/io.ts";

const ROWS = new URL("../fixtures/real/rllm-code-contests-rows.jsonl", import.meta.url).pathname;

test("inspect counts needs_checker problems and shows the resolved checkers", async () => {
  const d = await loadInput(ROWS);
  const stats = inspectProblems(d.problems, d.format);
  expect(stats.needsChecker).toBe(1);
  expect(stats.checkers).toEqual({ tokens: 2, float: 1, yesno: 1 });
  expect(formatStats(stats, "h")).toContain("needs a checker: 1");
});
