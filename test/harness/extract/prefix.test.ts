import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractCode } from "../../../harness/extract/extract.ts";
import { definesFunction, needsPrefix } from "../../../harness/extract/prefix.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

const PREFIX = 'from typing import List\nimport math\n\n\ndef add(xs: List[int]) -> int:\n    """Sum of xs."""\n';
const FN = { mode: "function" as const, solutionPrefix: PREFIX, entryPoint: "add" };

interface HumanEvalRow {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  entry_point: string;
}

function loadHumanEval(): HumanEvalRow[] {
  const file = HUMANEVAL_GZ;
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as HumanEvalRow);
}

describe("extractCode: solution prefix", () => {
  test("joins a bare indented continuation with the prefix verbatim", () => {
    const e = extractCode("    return sum(xs)\n", FN);
    expect(e.ok && e.code).toBe(`${PREFIX}    return sum(xs)\n`);
    expect(e.notes).toMatchObject({ block: "continuation", prefixJoined: true, languageSource: "content" });
    expect(e.ok && e.language).toBe("python");
  });

  test("joins a fenced function body with the prefix", () => {
    const e = extractCode("```python\n    return sum(xs)\n```", FN);
    expect(e.ok && e.code).toBe(`${PREFIX}    return sum(xs)\n`);
    expect(e.notes).toMatchObject({ block: "fenced", prefixJoined: true });
  });

  test("does not prefix a full function again but adds the prefix imports it lacks", () => {
    const full = "def add(xs: List[int]) -> int:\n    return math.fsum(xs)\n";
    const e = extractCode(`Here:\n\`\`\`python\n${full}\`\`\``, FN);
    expect(e.ok && e.code).toBe(`from typing import List\nimport math\n\n${full}`);
    expect(e.notes).toMatchObject({ prefixJoined: false, importsAdded: 2 });
  });

  test("adds only the imports a full function does not already have", () => {
    const full = "import math\ndef add(xs):\n    return math.fsum(xs)\n";
    const e = extractCode(full, FN);
    expect(e.ok && e.code).toBe(`from typing import List\n\n${full}`);
    expect(e.notes).toMatchObject({ block: "bare", importsAdded: 1 });
  });

  test("prepends helper functions of the prefix that a full function relies on", () => {
    const prefix = 'def encode(s):\n    return s[::-1]\n\n\ndef decode(s):\n    """Inverse of encode."""\n';
    const e = extractCode("```python\ndef decode(s):\n    return encode(s)\n```", {
      mode: "function",
      solutionPrefix: prefix,
      entryPoint: "decode",
    });
    expect(e.ok && e.code).toBe("def encode(s):\n    return s[::-1]\n\n\ndef decode(s):\n    return encode(s)\n");
    expect(e.notes.helpersAdded).toEqual(["encode"]);
  });

  test("never joins an EvalPlus solution with the prefix", () => {
    const solution = "def add(xs):\n    return sum(xs)\n";
    const e = extractCode(solution, { ...FN, field: "solution" });
    expect(e.ok && e.code).toBe(solution);
    expect(e.notes).toMatchObject({ field: "solution", prefixJoined: false, importsAdded: 0, block: "bare" });
    const body = extractCode("    return sum(xs)\n", { ...FN, field: "solution", language: "python" });
    expect(body.ok && body.code).toBe("    return sum(xs)\n");
  });

  test("does not treat prose as a continuation", () => {
    expect(extractCode("I don't know how to do this.", FN).ok).toBe(false);
  });

  test("recognises C++ function definitions and declarations apart", () => {
    expect(definesFunction("int add(vector<int> xs) {\n  return 0;\n}", "cpp", "add")).toBe(true);
    expect(definesFunction("int add(vector<int> xs);", "cpp", "add")).toBe(false);
    expect(needsPrefix("  return 0;\n}\n", "cpp", "add")).toBe(true);
  });

  test("turns every HumanEval canonical solution, as a completion, into prompt + solution", () => {
    const rows = loadHumanEval();
    expect(rows).toHaveLength(164);
    const wrong = rows.filter((r) => {
      const e = extractCode(r.canonical_solution, { mode: "function", solutionPrefix: r.prompt, entryPoint: r.entry_point });
      return !e.ok || e.code !== r.prompt + r.canonical_solution || !e.notes.prefixJoined || e.language !== "python";
    });
    expect(wrong.map((r) => r.task_id)).toEqual([]);
  });

  test("does not double-prefix any HumanEval prompt + canonical solution given as a fenced full function", () => {
    const wrong = loadHumanEval().filter((r) => {
      const full = r.prompt + r.canonical_solution;
      const e = extractCode(`Solution:\n\`\`\`python\n${full}\`\`\`\n`, {
        mode: "function",
        solutionPrefix: r.prompt,
        entryPoint: r.entry_point,
      });
      return !e.ok || e.code !== full || e.notes.prefixJoined;
    });
    expect(wrong.map((r) => r.task_id)).toEqual([]);
  });
});
