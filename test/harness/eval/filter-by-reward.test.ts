import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createSampleJudge } from "../../../harness/eval/judge-sample.ts";
import { loadSamples } from "../../../harness/samples/read-samples.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { loadAll } from "../../../datasets/load.ts";
import { filterReferenceSolutions, filterSamples } from "../../../harness/eval/filter-by-reward.ts";
import type { Problem } from "../../../datasets/types.ts";
import { toJsonl, useTempDir } from "../../datasets/temp-files.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const { dir, write } = useTempDir();
const HUMANEVAL = HUMANEVAL_GZ;
const sandbox = createLocalSandbox({ cacheDir: join(dir, "cache") });
afterAll(() => sandbox.close?.());
const judge = createSampleJudge({ sandbox, makeChecker: (spec) => createChecker(spec, { sandbox }) });

const he = (await loadAll({ path: HUMANEVAL })).problems.slice(0, 10);
/** The prompt with a body that returns a constant: runs, but fails the tests. */
const corrupted = (p: Problem) => `${p.solution_prefix}    return None\n`;

describe("filter-by-reward on HumanEval with the local sandbox", () => {
  test("keeps the canonical solutions and drops corrupted ones with verdict WA", async () => {
    const problems: Problem[] = he.map((p, i) => {
      const good = p.solutions![0]!;
      if (i === 0) return { ...p, solutions: [good, { language: "python", code: corrupted(p) }] };
      if (i === 1) return { ...p, solutions: [{ language: "python", code: corrupted(p) }] };
      return p;
    });
    const r = await filterReferenceSolutions(problems, { judge, concurrency: 2 });
    expect(r.judged).toBe(11);
    expect(r.verdicts).toEqual({ AC: 9, WA: 2 });
    expect(r.system_errors).toBe(0);
    expect(r.problems.map((p) => p.id)).toEqual(he.filter((_, i) => i !== 1).map((p) => p.id));
    // The kept HumanEval/0 holds only its passing solution.
    expect(r.problems[0]!.solutions).toEqual([he[0]!.solutions![0]!]);
    expect(r.dropped.map((d) => [d.problem_id, d.index, d.verdict])).toEqual([
      ["HumanEval/0", 1, "WA"],
      ["HumanEval/1", 0, "WA"],
    ]);
    expect(r.dropped_problems).toEqual([{ id: "HumanEval/1", reason: "no_passing_solution" }]);
  });

  test("samples mode keeps passing trajectories and reports each dropped one with its line and verdict", async () => {
    const [p0, p2] = [he[0]!, he[2]!];
    const path = write(
      "samples.jsonl",
      toJsonl([
        { task_id: p0.id, completion: `Here you go:\n\`\`\`python\n${p0.solutions![0]!.code}\n\`\`\`` },
        { task_id: p0.id, completion: `\`\`\`python\n${corrupted(p0)}\`\`\`` },
        { task_id: p2.id, completion: "I cannot solve this." },
        { task_id: p2.id, completion: `\`\`\`python\n${p2.solutions![0]!.code}\n\`\`\`` },
      ]),
    );
    const samples = await loadSamples(path, new Set(he.map((p) => p.id)));
    const r = await filterSamples(he, samples, { judge });
    expect(r.samples.map((s) => s.line)).toEqual([1, 4]);
    expect(r.dropped.map((d) => [d.problem_id, d.line, d.verdict])).toEqual([
      [p0.id, 2, "WA"],
      [p2.id, 3, "NO_CODE"],
    ]);
    expect(r.dropped[1]!.error).toBeTruthy();
  });

  test("an interactive problem without an interactor is dropped as unjudgeable and its samples are left out unjudged", async () => {
    const interactive: Problem = {
      id: "guess",
      statement: "This is an interactive problem.",
      mode: "stdio",
      tests: [{ input: "5\n", output: "? 3\n! 5\n" }],
      time_limit_ms: 1000,
      memory_limit_mb: 256,
      checker: { type: "tokens" },
      languages: ["python"],
      tags: [],
      interactive: true,
      solutions: [{ language: "python", code: "print('? 3')\nprint('! 5')\n" }],
    };
    const refs = await filterReferenceSolutions([interactive], { judge });
    expect([refs.judged, refs.problems.length]).toEqual([0, 0]);
    expect(refs.dropped_problems).toEqual([{ id: "guess", reason: "unjudgeable", detail: expect.stringContaining("without an interactor") }]);
    const path = write("guess.samples.jsonl", toJsonl([{ task_id: "guess", completion: "```python\nprint('! 5')\n```" }]));
    const r = await filterSamples([interactive], await loadSamples(path, new Set(["guess"])), { judge });
    expect([r.judged, r.samples.length]).toEqual([0, 0]);
    expect(r.excluded_samples).toEqual([{ index: 0, problem_id: "guess", reason: expect.stringContaining("without an interactor") }]);
  });
});
