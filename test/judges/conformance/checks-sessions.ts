/**
 * Conformance checks about samples with several tests. A backend that offers sessions
 * (Sandbox.openSession) runs them in one session told the inputs to come, as the grader does: the
 * local backend in one sandbox, Piston in batched executes (C++). Others run them one by one,
 * where the checks hold trivially. Either way no test may see what an earlier one left, and every
 * test gets its own limits and verdict.
 */
import { expect } from "bun:test";
import type { RunInput, RunOutcome } from "../../../judges/types.ts";
import { CONFORMANCE_LIMITS, type ConformanceContext } from "./fixture-runner.ts";

const LIMITS = CONFORMANCE_LIMITS;

/** Runs `inputs` in order, in one session (told them all) when the sandbox offers sessions. */
async function runTests(ctx: ConformanceContext, file: string, inputs: RunInput[]): Promise<RunOutcome[]> {
  const prepared = await ctx.prepare(file);
  if (!prepared.ok) throw new Error(`fixture ${file} did not prepare (${prepared.cause}):\n${prepared.log}`);
  const sandbox = ctx.sandbox();
  const outcomes: RunOutcome[] = [];
  if (!sandbox.openSession) {
    for (const input of inputs) outcomes.push(await sandbox.run(prepared.program, input, LIMITS));
    return outcomes;
  }
  const session = await sandbox.openSession(prepared.program, LIMITS, inputs);
  try {
    for (const input of inputs) outcomes.push(await session.run(input));
  } finally {
    await session.close();
  }
  return outcomes;
}

export function registerSessionChecks(ctx: ConformanceContext): void {
  const { check } = ctx;

  check("session-files", "a later test of a sample finds none of the files an earlier one left in its folder, /tmp or /dev/shm", async () => {
    const outcomes = await runTests(ctx, "session-files.py", [{ stdin: "plant" }, { stdin: "look" }, { stdin: "plant" }, { stdin: "look" }]);
    expect(outcomes.map((o) => o.stdout)).toEqual(["planted\n", "clean\n", "planted\n", "clean\n"]);
  });

  check("session-processes", "a later test of a sample finds neither the daemon nor the shared memory an earlier one left", async () => {
    const outcomes = await runTests(ctx, "session-processes.cpp", [{ stdin: "plant" }, { stdin: "look" }]);
    expect(outcomes.map((o) => o.termination)).toEqual(["exited", "exited"]);
    expect(outcomes.map((o) => o.stdout)).toEqual(["planted\n", "clean\n"]);
    await ctx.expectContained();
  });

  check("session-limits", "each test of a sample gets its own CPU, memory and output limit and verdict", async () => {
    const modes = ["ok", "spin", "ok", "alloc", "ok", "flood", "ok"];
    const outcomes = await runTests(ctx, "session-limits.cpp", modes.map((mode) => ({ stdin: `${mode}\n` })));
    expect(outcomes.map((o) => o.termination)).toEqual(["exited", "cpu_time", "exited", "memory", "exited", "output", "exited"]);
    for (const [i, outcome] of outcomes.entries()) {
      if (modes[i] !== "ok") continue;
      expect(outcome.stdout).toBe("ok\n");
      // CPU is each test's own: the spinning test's second does not carry over.
      expect(outcome.timeMs).toBeLessThan(LIMITS.cpuMs / 2);
    }
    await ctx.expectContained();
  });
}
