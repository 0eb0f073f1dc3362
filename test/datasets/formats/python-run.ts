/**
 * Runs dataset reference code (never model output) under /usr/bin/python3 outside the sandbox,
 * for format tests that check a converted problem against its own reference solutions.
 */
import { withPrelude } from "../../../datasets/prelude.ts";
import type { Problem } from "../../../datasets/types.ts";

/** Exit code, stdout and stderr of `python3 -c code` fed `stdin`. */
export function runPython(code: string, stdin = ""): { exitCode: number; stdout: string; stderr: string } {
  const run = Bun.spawnSync(["/usr/bin/python3", "-c", code], { stdin: new TextEncoder().encode(stdin) });
  return { exitCode: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/**
 * In one process, what function mode's tester provides to call-harness test code: a function that
 * calls `Solution().name` when the class has that method, else the function `name`. The grader runs
 * the tests in a separate tester; format tests only check a conversion against reference code.
 */
export const IN_PROCESS_CANDIDATE = `
def _harness_candidate(name):
    def call(*args, **kwargs):
        cls = globals().get("Solution")
        if isinstance(cls, type) and hasattr(cls, name):
            return getattr(cls(), name)(*args, **kwargs)
        if not callable(globals().get(name)):
            raise NameError("the solution defines no function " + name)
        return globals()[name](*args, **kwargs)
    return call
`;

/** Runs `code` after the problem's prelude, then its test_code, in one process (reference code only). */
export function runWithTestCode(problem: Problem, code: string): { exitCode: number; stdout: string; stderr: string } {
  if (problem.test_code === undefined) throw new Error(`${problem.id} has no test_code`);
  return runPython(`${withPrelude(problem, "python", code)}\n\n${IN_PROCESS_CANDIDATE}\n${problem.test_code}`);
}

/** The last line of stderr (Python's final exception line). */
export function lastErrorLine(stderr: string): string {
  return stderr.trim().split("\n").pop() ?? "";
}

/** Ids of the stdio tests whose output the code does not reproduce exactly. */
export function failingStdioTests(problem: Problem, code: string): number[] {
  return problem.tests.flatMap((t, i) => (runPython(code, t.input).stdout === t.output ? [] : [i]));
}
