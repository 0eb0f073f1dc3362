/**
 * Python function mode end to end on the local sandbox: the candidate under the driver, the tests in
 * the trusted tester, values crossing the pipe. Correct programs on the hack catalogue's own tasks
 * are the control: the design that refuses the hacks still accepts honest solutions.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { buildCallHarness } from "../../../../datasets/formats/call-harness.ts";
import { PURE_CHECKERS } from "../../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../../judges/grade.ts";
import { createLocalSandbox, type LocalSandbox } from "../../../../judges/local/index.ts";
import type { GradeTask, Judgement, RunLimits } from "../../../../judges/types.ts";
import { sharedTestCacheDir } from "../../../support/test-cache.ts";
import { callTask } from "../../hacks/entries-call-harness.ts";
import { addTask } from "../../hacks/entries-function-python.ts";

// Two sandboxed Python processes per judgement on a busy 2-core machine.
setDefaultTimeout(60_000);

const LIMITS: RunLimits = { cpuMs: 1000, wallMs: 4000, memoryMb: 256, outputBytes: 1 << 20, processes: 8, fileBytes: 1 << 20 };

let sandbox: LocalSandbox;
beforeAll(() => {
  sandbox = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
});
afterAll(async () => {
  await sandbox.close?.();
});

function task(testCode: string, extra: Partial<GradeTask> = {}): GradeTask {
  return { mode: "function", tests: [], testCode, entryPoint: "f", limits: LIMITS, ...extra };
}

function judge(code: string, t: GradeTask): Promise<Judgement> {
  return gradeSubmission({ sandbox, task: t, source: { language: "python", code }, checker: PURE_CHECKERS.tokens });
}

function messageOf(j: Judgement): string {
  return j.tests[0]?.checkerMessage ?? j.error ?? "";
}

describe("python function mode: correct programs on the catalogue's tasks (control)", () => {
  test("a correct add passes the HumanEval-shaped task with its prelude", async () => {
    expect((await judge("def add(a, b):\n    return a + b\n", addTask())).verdict).toBe("AC");
    expect((await judge("def add(a, b):\n    return a + b\n", addTask("tolerance"))).verdict).toBe("AC");
  });

  test("a correct add passes the call-harness task, as a function or as a Solution method", async () => {
    expect((await judge("def add(a, b):\n    return a + b\n", callTask())).verdict).toBe("AC");
    expect((await judge("class Solution:\n    def add(self, a, b):\n        return a + b\n", callTask())).verdict).toBe("AC");
  });
});

describe("python function mode: the candidate's side is never trusted", () => {
  test("garbage the candidate writes on the protocol's private descriptor is a protocol violation (RE)", async () => {
    const forger = `import os
def f(x):
    for fd in os.listdir("/proc/self/fd"):
        try:
            os.write(int(fd), b'{"return": {"o": 1}, "mutated": []}\\n')
        except OSError:
            pass
    return x
`;
    const j = await judge(forger, task("assert f(1) == 1\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("protocol violation");
  });

  test("LiveCodeBench-style call tests (one JSON value per line) reach the Solution method", async () => {
    const cases = JSON.stringify([{ input: "[1, 5, 2]\n3", output: "11" }]);
    const t = task(buildCallHarness("addAll", cases, "lcb"), { entryPoint: "addAll" });
    expect((await judge("class Solution:\n    def addAll(self, xs, k):\n        return sum(xs) + k\n", t)).verdict).toBe("AC");
    expect((await judge("class Solution:\n    def addAll(self, xs, k):\n        return sum(xs)\n", t)).verdict).toBe("WA");
  });
});

describe("python function mode: the tests run in the tester", () => {
  test("helpers come from the trusted prelude, not from the candidate's copy of it", async () => {
    const prelude = "def encode(s):\n    return s[::-1]\n\ndef f(s):\n    '''Undo encode.'''\n";
    const sabotaged = "def encode(s):\n    return 'x'\n\ndef f(s):\n    return s[::-1]\n";
    const j = await judge(sabotaged, task("assert f(encode('abc')) == 'abc'\nassert encode('ab') == 'ba'\n", { prelude }));
    expect(j.verdict).toBe("AC");
  });

  test("in-place changes to list arguments are written back into the tests' own objects", async () => {
    const sortsInPlace = "def f(xs):\n    xs.sort()\n    return len(xs)\n";
    expect((await judge(sortsInPlace, task("d = [3, 1, 2]\nassert f(d) == 3\nassert d == [1, 2, 3]\n"))).verdict).toBe("AC");
    expect((await judge(sortsInPlace, task("d = [3, 1]\nassert f(d) == 2 and d == [3, 1]\n"))).verdict).toBe("WA");
  });

  test("a built-in exception keeps its type, so tests that expect a ValueError still pass", async () => {
    const t = task("try:\n    f(-1)\nexcept ValueError as e:\n    assert str(e) == 'negative'\nelse:\n    assert False\n");
    expect((await judge("def f(x):\n    raise ValueError('negative')\n", t)).verdict).toBe("AC");
    const custom = await judge("class Mine(ValueError):\n    pass\ndef f(x):\n    raise Mine('negative')\n", t);
    expect(custom.verdict).toBe("RE");
    expect(messageOf(custom)).toContain("the solution raised Mine: negative");
  });

  test("a StopIteration from the candidate cannot silently end the tests' loop over calls", async () => {
    const j = await judge("def f(x):\n    raise StopIteration\n", task("assert list(map(f, [1, 2])) == []\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("StopIteration");
  });

  test("plain values keep their exact type and value across the pipe", async () => {
    const values = "[10**400, -2**70, 0.1, -0.0, float('inf'), 1+2j, b'\\x00\\xff', 'é\\n', (1, [2]), {3}, frozenset({4}), {(1, 2): {'k': None}}, True, 1, None]";
    const tests = `import math
vals = ${values}
for v in vals:
    r = f(v)
    assert r == v and type(r) is type(v), (r, v)
assert math.copysign(1.0, f(-0.0)) == -1.0
assert math.isnan(f(float('nan')))
`;
    expect((await judge("def f(x):\n    return x\n", task(tests))).verdict).toBe("AC");
  });

  test("subclasses arrive as their plain base value, so their own __eq__ never runs in the tests", async () => {
    const j = await judge("class S(str):\n    def __eq__(self, o):\n        return True\ndef f(x):\n    return S('no')\n", task("assert f(1) == 'yes'\n"));
    expect(j.verdict).toBe("WA");
  });

  test("iterators arrive as iterators: list() of them works, comparing them to a list does not", async () => {
    const code = "def f(xs):\n    return map(abs, xs)\n";
    expect((await judge(code, task("assert list(f([-1, 2])) == [1, 2]\n"))).verdict).toBe("AC");
    expect((await judge(code, task("assert f([-1, 2]) == [1, 2]\n"))).verdict).toBe("WA");
  });

  test("other objects arrive as stand-ins that keep only their truthiness (a re.Match in MBPP)", async () => {
    const code = "import re\ndef f(s):\n    return re.match('a', s)\n";
    expect((await judge(code, task("assert f('abc')\nassert not f('xyz')\nassert f('abc') is not None\n"))).verdict).toBe("AC");
    expect((await judge(code, task("assert f('abc') == f('abc')\n"))).verdict).toBe("WA");
  });

  test("LeetCode-style tests that call Solution().method reach the candidate's class, even past a starter-code prelude", async () => {
    const prelude = "class Solution:\n    def findMax(self, nums):\n        pass\n";
    const t = task("def check(candidate):\n    assert candidate([1, 5, 2]) == 5\n\ncheck(Solution().findMax)\n", { prelude, entryPoint: undefined });
    expect((await judge("class Solution:\n    def findMax(self, nums):\n        return max(nums)\n", t)).verdict).toBe("AC");
    expect((await judge("class Solution:\n    def findMax(self, nums):\n        return nums[0]\n", t)).verdict).toBe("WA");
  });

  test("modules the candidate imported are imported in the tester too (MBPP tests use math unimported)", async () => {
    expect((await judge("import math\ndef f(x):\n    return math.sqrt(x)\n", task("assert math.isclose(f(2.0), 1.41421356, rel_tol=1e-6)\n"))).verdict).toBe("AC");
  });

  test("but only under their own name: a candidate cannot make a name in the tests mean another module", async () => {
    const j = await judge("import cmath as math\ndef f(x):\n    return 0.0\n", task("assert math.isclose(f(2.0), 1.41421356)\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("NameError: name 'math' is not defined");
  });

  test("a value the tests pass that the protocol cannot carry is RE with a clear message", async () => {
    const j = await judge("def f(g):\n    return g(1)\n", task("assert f(lambda x: x + 1) == 2\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("the tests pass f a value function mode cannot carry");
  });
});

describe("python function mode: a broken task is SE, found before any candidate data", () => {
  test("test code that does not compile is SE naming the cause, for a correct and a wrong solution alike", async () => {
    for (const code of ["def f(x):\n    return x\n", "import os\nos._exit(0)\n"]) {
      const j = await judge(code, task("assert f(1) == 1 +\n"));
      expect(j.verdict).toBe("SE");
      expect(j.error).toContain("the task's test code does not compile");
    }
  });

  test("a prelude that raises is SE; starter code that does not compile is skipped", async () => {
    const raising = await judge("def f(x):\n    return x\n", task("assert f(1) == 1\n", { prelude: "import no_such_module_here\n" }));
    expect(raising.verdict).toBe("SE");
    expect(raising.error).toContain("the task's prelude raised ModuleNotFoundError");
    const starter = await judge("def f(x):\n    return x\n", task("assert f(1) == 1\n", { prelude: "def f(x: int) -> int:\n    " }));
    expect(starter.verdict).toBe("AC");
  });
});

describe("python function mode: how the candidate ends", () => {
  test("a failed assertion names the last call and the value the candidate returned, cut to a bounded length", async () => {
    const wrong = await judge("def f(xs, k=0):\n    return sum(xs) + 1 + k\n", task("assert f([1, 2]) == 3\nassert f([1] * 500, k=2) == 500\n"));
    expect(wrong.verdict).toBe("WA");
    expect(messageOf(wrong)).toBe("assertion failed at test line 1\nlast call: f([1, 2]) returned 4");
    const long = await judge("def f(xs, k=0):\n    return sum(xs) + k\n", task("assert f([1, 2]) == 3\nassert f([1] * 500, k=2) == 500\n"));
    const call = /^last call: (.*)$/m.exec(messageOf(long))?.[1] ?? "";
    expect(call.startsWith("f([1, 1, 1")).toBe(true);
    expect(call.endsWith("...) returned 502")).toBe(true);
    expect(call.length).toBeLessThan(400);
  });

  test("a missing function is RE with a NameError", async () => {
    const j = await judge("def g(x):\n    return x\n", task("assert f(1) == 1\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("NameError");
  });

  test("reading stdin at import finds end of file at once (RE), instead of waiting on the protocol", async () => {
    const j = await judge("n = int(input())\ndef f(x):\n    return x\n", task("assert f(1) == 1\n"));
    expect(j.verdict).toBe("RE");
    expect(messageOf(j)).toContain("EOFError");
  });

  test("an endless loop in the function is TLE, a memory hog MLE", async () => {
    expect((await judge("def f(x):\n    while True:\n        pass\n", task("assert f(1) == 1\n"))).verdict).toBe("TLE");
    expect((await judge("def f(x):\n    return len(bytearray(1 << 30))\n", task("assert f(1) == 1\n"))).verdict).toBe("MLE");
  });

  test("the judgement's time and memory are those of the candidate's run, which shows only its own prints", async () => {
    const j = await judge("import sys\ndef f(x):\n    print('called')\n    return x\n", task("assert f(1) == 1\n"));
    expect(j.verdict).toBe("AC");
    expect(j.tests[0]).toMatchObject({ stdout: "", stderr: "called\n" });
    expect(j.tests[0]!.memoryKb).toBeGreaterThan(0);
    expect(j.timeMs).toBe(j.tests[0]!.timeMs);
  });
});
