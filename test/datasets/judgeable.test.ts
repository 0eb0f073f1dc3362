import { describe, expect, test } from "bun:test";
import { NO_INTERACTOR_REASON, partitionJudgeable, unjudgeableReason } from "../../datasets/judgeable.ts";
import type { Problem } from "../../datasets/types.ts";

const problem = (id: string, extra: Partial<Problem> = {}): Problem => ({
  id,
  statement: "s",
  mode: "stdio",
  tests: [{ input: "1\n", output: "1\n" }],
  time_limit_ms: 1000,
  memory_limit_mb: 256,
  checker: { type: "tokens" },
  languages: ["cpp", "python"],
  tags: [],
  ...extra,
});

describe("judgeable problems", () => {
  test("an interactive problem without an interactor is excluded with its reason; with one it is judged", () => {
    expect(unjudgeableReason(problem("a", { interactive: true }))).toBe(NO_INTERACTOR_REASON);
    expect(unjudgeableReason(problem("b", { interactive: true, interactor: { source: "int main(){}" } }))).toBeNull();
    expect(unjudgeableReason(problem("c"))).toBeNull();
  });

  test("partitioning keeps the order of the judgeable problems and lists the excluded ones by id", () => {
    const { judgeable, excluded } = partitionJudgeable([problem("a"), problem("b", { interactive: true }), problem("c")]);
    expect(judgeable.map((p) => p.id)).toEqual(["a", "c"]);
    expect(excluded).toEqual([{ id: "b", reason: NO_INTERACTOR_REASON }]);
  });
});
