import { describe, expect, test } from "bun:test";
import type { Problem } from "../../datasets/types.ts";
import { buildPrompt } from "../../datasets/prompt.ts";

function problem(over: Partial<Problem>): Problem {
  return {
    id: "t1",
    statement: "Read two integers and print their sum.",
    mode: "stdio",
    tests: [],
    time_limit_ms: 1000,
    memory_limit_mb: 256,
    checker: { type: "tokens" },
    languages: ["cpp", "python"],
    tags: [],
    ...over,
  };
}

const HUMANEVAL_PREFIX = 'def add(a: int, b: int) -> int:\n    """Return the sum of a and b."""\n';

describe("buildPrompt", () => {
  test("asks for a complete stdio program in a fenced block of the language", () => {
    const p = buildPrompt(problem({}), "cpp");
    expect(p.id).toBe("t1");
    expect(p.language).toBe("cpp");
    expect(p.prompt).toStartWith("Read two integers and print their sum.");
    expect(p.prompt).toContain("standard input");
    expect(p.prompt).toContain("```cpp code block");
    expect(p.system).toBeTruthy();
    expect(buildPrompt(problem({}), "python").prompt).toContain("```python code block");
  });

  test("shows the prefix to complete and does not repeat a statement the prefix already holds", () => {
    const p = buildPrompt(
      problem({ mode: "function", solution_prefix: HUMANEVAL_PREFIX, statement: "Return the sum of a and b.", entry_point: "add" }),
      "python",
    );
    expect(p.prompt).toContain(`\`\`\`python\n${HUMANEVAL_PREFIX.trimEnd()}\n\`\`\``);
    expect(p.prompt.split("Return the sum of a and b.")).toHaveLength(2);
    expect(p.prompt).toContain("complete function");
  });

  test("names the entry point of a function problem without a prefix", () => {
    const p = buildPrompt(problem({ mode: "function", entry_point: "is_prime", statement: "Check primality." }), "python");
    expect(p.prompt).toContain("`is_prime`");
    expect(p.prompt).toStartWith("Check primality.");
  });

  test("uses the prefix itself with Codex stop sequences in completion style", () => {
    const p = buildPrompt(problem({ mode: "function", solution_prefix: HUMANEVAL_PREFIX }), "python", "completion");
    expect(p.prompt).toBe(HUMANEVAL_PREFIX);
    expect(p.stop).toContain("\ndef ");
    expect(p.system).toBeUndefined();
  });

  test("comments out the statement for a stdio problem in completion style", () => {
    const p = buildPrompt(problem({ statement: "Line one.\n\nLine two." }), "python", "completion");
    expect(p.prompt).toStartWith("# Line one.\n#\n# Line two.\n");
    expect(p.stop).toBeUndefined();
  });

  test("refuses a language the problem does not accept", () => {
    expect(() => buildPrompt(problem({ languages: ["python"] }), "cpp")).toThrow(/'t1' does not accept cpp \(accepts: python\)/);
  });
});
