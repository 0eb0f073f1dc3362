/**
 * MultiPL-E judged as MultiPL-E evaluates: the stored completion is the body cut at the stop token
 * `\n}`, and the program is `prompt + completion + tests`, whose tests begin with that `}`. The rows
 * are real MultiPL-E C++ rows (test/judges/function/fixtures/multipl-e-cpp.jsonl); the completions
 * are written in MultiPL-E's stored style (no published completion file ships with the repository).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import type { Problem } from "../../../datasets/types.ts";
import { createSampleJudge } from "../../../harness/eval/judge-sample.ts";
import { createChecker } from "../../../judges/checkers/index.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import { useTempDir } from "../../datasets/temp-files.ts";

const { dir } = useTempDir();
const sandbox = createLocalSandbox({ cacheDir: join(dir, "cache") });
afterAll(() => sandbox.close?.());
const judge = createSampleJudge({ sandbox, makeChecker: (spec) => createChecker(spec, { sandbox }) });

const rows = (await loadAll({ path: new URL("../../judges/function/fixtures/multipl-e-cpp.jsonl", import.meta.url).pathname })).problems;
const closeElements = rows.find((p) => p.id === "HumanEval_0_has_close_elements") as Problem;

/** The body MultiPL-E stores: cut at `\n}`, so the function's closing brace is missing. */
const BODY = [
  "    for (size_t i = 0; i < numbers.size(); i++) {",
  "        for (size_t j = i + 1; j < numbers.size(); j++) {",
  "            if (std::abs(numbers[i] - numbers[j]) < threshold) { return true; }",
  "        }",
  "    }",
  "    return false;",
].join("\n");

const judgeCompletion = (completion: string) => judge(closeElements, { problemId: closeElements.id, completion, language: "cpp" });

describe("MultiPL-E C++ completions, judged as MultiPL-E judges them", () => {
  test("the row keeps MultiPL-E's stop token", () => {
    expect(closeElements.stop_tokens).toEqual(["\n}"]);
    expect(closeElements.test_code).toStartWith("int main() {");
  });

  test("a stored completion (cut at \\n}, no closing brace) is AC: the brace the tests begin with is put back", async () => {
    const judged = await judgeCompletion(BODY);
    expect(judged.verdict).toBe("AC");
    expect(judged.extraction.notes).toMatchObject({ block: "continuation", prefixJoined: true, stopTokenCut: false, braceClosed: true });
  });

  test("a raw continuation that runs on past the function is cut at the stop token first, as MultiPL-E cuts it", async () => {
    const raw = `${BODY}\n}\n\nint main() {\n    return 1;\n}\n`;
    const judged = await judgeCompletion(raw);
    expect(judged.verdict).toBe("AC");
    expect(judged.extraction.notes).toMatchObject({ stopTokenCut: true, braceClosed: true });
  });

  test("a wrong stored completion is WA, not CE", async () => {
    expect((await judgeCompletion(BODY.replace("return false;", "return true;"))).verdict).toBe("WA");
  });

  test("a fenced whole function is still AC, not closed twice", async () => {
    const whole = `bool has_close_elements(std::vector<float> numbers, float threshold) {\n${BODY}\n}\n`;
    const judged = await judgeCompletion(`Here it is:\n\`\`\`cpp\n${whole}\`\`\`\n`);
    expect(judged.verdict).toBe("AC");
    expect(judged.extraction.notes.braceClosed).toBeUndefined();
  });
});
