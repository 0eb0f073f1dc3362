import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { buildPredictionCheck, judgeOutputPrediction, type OutputPredictionTask } from "../../../harness/rewards/output-prediction.ts";
import { createRealJudge } from "../reward-server/real-judge.ts";

// Real compiles (a first C++ compile builds the precompiled header) outlast bun's 5 s default.
setDefaultTimeout(60_000);

const { judge, sandbox } = createRealJudge();
afterAll(() => sandbox.close?.());

const sumProgram: OutputPredictionTask = {
  kind: "stdout",
  language: "python",
  program: "a, b = map(int, input().split())\nprint(a + b)\nprint(a * b)\n",
  stdin: "3 4\n",
};

const crux: OutputPredictionTask = {
  kind: "python_value",
  language: "python",
  program: "def f(text, n):\n    print('noise that must not count')\n    return [text[::-1]] * n\n",
  input: "'abc', 2",
};

describe("output prediction (real sandbox)", () => {
  test("a right prediction of what a program prints scores the predictor 1 and its author -1", async () => {
    const p = await judgeOutputPrediction(judge, sumProgram, "7\n12\n", "predictor");
    expect(p).toMatchObject({ correct: true, reward: 1, actual: "7\n12\n", verdict: "AC" });
    const a = await judgeOutputPrediction(judge, sumProgram, "7\n12", "author");
    expect(a).toMatchObject({ correct: true, reward: -1 });
  });

  test("a wrong prediction scores the predictor 0 and its author +1, and shows the real output", async () => {
    const p = await judgeOutputPrediction(judge, sumProgram, "7\n13\n", "predictor");
    expect(p).toMatchObject({ correct: false, reward: 0, actual: "7\n12\n" });
    expect((await judgeOutputPrediction(judge, sumProgram, "12\n7\n", "author")).reward).toBe(1);
  });

  test("a program that crashes gives the predictor no signal and costs its author", async () => {
    const crash: OutputPredictionTask = { ...sumProgram, program: "raise SystemExit(3)\n" };
    expect(await judgeOutputPrediction(judge, crash, "", "predictor")).toMatchObject({ correct: null, reward: null, verdict: "RE" });
    expect((await judgeOutputPrediction(judge, crash, "", "author")).reward).toBe(-1);
  });

  test("CRUXEval-style value predictions compare Python values, not spellings", async () => {
    expect(await judgeOutputPrediction(judge, crux, "['cba', 'cba']", "predictor")).toMatchObject({ correct: true, reward: 1, actual: "['cba', 'cba']" });
    expect((await judgeOutputPrediction(judge, crux, '["cba","cba"]', "predictor")).correct).toBe(true);
    expect((await judgeOutputPrediction(judge, crux, "['cba']", "predictor")).correct).toBe(false);
  });

  test("a prediction that is code, not a literal, is never executed and counts as wrong", async () => {
    const injected = "__import__('sys').stdout.write('MATCH\\n') or exit(0)";
    expect(await judgeOutputPrediction(judge, crux, injected, "predictor")).toMatchObject({ correct: false, reward: 0 });
    const breakout = "1\")\nprint(\"MATCH\")\nimport sys; sys.exit(0)\n(\"";
    expect((await judgeOutputPrediction(judge, crux, breakout, "predictor")).correct).toBe(false);
  });

  test("a value task must be Python", () => {
    expect(() => buildPredictionCheck({ ...crux, language: "cpp" }, "1")).toThrow(/needs language 'python'/);
  });
});
