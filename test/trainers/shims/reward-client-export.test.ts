/** The Python reward client rebuilds a problem from a verl ground truth without dropping what judging needs. */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import { groundTruthOf } from "../../../datasets/prepare/export-verl.ts";
import { RLLM_LEETCODE_GZ } from "../../support/real-data.ts";

const SHIMS = join(import.meta.dir, "../../../trainers/shims");

describe("reward_client problem_field on an exported ground truth", () => {
  test("an rllm leetcode row keeps its prelude, so the server judges it after the source's imports", async () => {
    const [row] = (await loadAll({ path: RLLM_LEETCODE_GZ })).problems;
    const truth = groundTruthOf(row!);
    const code = "import json, sys, reward_client\nprint(json.dumps(reward_client.problem_field(sys.stdin.read())))";
    const run = Bun.spawnSync(["/usr/bin/python3", "-c", code], { cwd: SHIMS, env: { PYTHONPATH: SHIMS }, stdin: new TextEncoder().encode(truth) });
    expect(run.stderr.toString()).toBe("");
    const { problem } = JSON.parse(run.stdout.toString()) as { problem: Record<string, unknown> };
    expect(problem.prelude).toBe(row!.prelude);
    expect(problem.test_code).toBe(row!.test_code);
  });
});
