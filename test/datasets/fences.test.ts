import { describe, expect, test } from "bun:test";
import { findFencedBlocks, removeFencedBlocks } from "../../datasets/fences.ts";

describe("findFencedBlocks", () => {
  test("finds tagged and untagged blocks in order with their content", () => {
    const text = "Intro\n```python\nprint(1)\n```\nmiddle\n```\n5\n```\nend";
    const blocks = findFencedBlocks(text);
    expect(blocks.map((b) => [b.tag, b.content, b.closed])).toEqual([
      ["python", "print(1)\n", true],
      ["", "5\n", true],
    ]);
    expect(removeFencedBlocks(text, blocks)).toBe("Intro\n\nmiddle\n\nend");
  });

  test("normalises tags written with braces, dots, file names and upper case", () => {
    const tags = findFencedBlocks("```{.Python}\na\n```\n```cpp:main.cpp\nb\n```\n```C++ title=x\nc\n```").map((b) => b.tag);
    expect(tags).toEqual(["python", "cpp", "c++"]);
  });

  test("dedents the content of a fence indented inside a list", () => {
    const [b] = findFencedBlocks("1. Code:\n   ```cpp\n   int main() {\n     return 0;\n   }\n   ```\n");
    expect(b?.content).toBe("int main() {\n  return 0;\n}\n");
  });

  test("keeps a longer fence open across a shorter inner fence", () => {
    const [b, ...rest] = findFencedBlocks("````markdown\n```py\nx\n```\n````");
    expect(b?.content).toBe("```py\nx\n```\n");
    expect(rest).toHaveLength(0);
  });

  test("runs an unclosed fence to the end of the text and says so", () => {
    const [b] = findFencedBlocks("```cpp\nint main() {\n  return 0;");
    expect(b?.closed).toBe(false);
    expect(b?.content).toBe("int main() {\n  return 0;\n");
  });

  test("splits a closer glued to the last code line", () => {
    const blocks = findFencedBlocks("```python\nprint(1)```\nThen:\n```python\nprint(2)\n```");
    expect(blocks.map((b) => b.content)).toEqual(["print(1)\n", "print(2)\n"]);
    expect(blocks.every((b) => b.closed)).toBe(true);
  });

  test("ends a block whose closer is missing at the next tagged opener", () => {
    const blocks = findFencedBlocks("```python\ndraft()\n\n```python\nfinal()\n```");
    expect(blocks.map((b) => b.content)).toEqual(["draft()\n\n", "final()\n"]);
    expect(blocks[0]?.closed).toBe(false);
  });

  test("does not take inline triple backticks in prose for a fence", () => {
    expect(findFencedBlocks("use ```x``` inline\n```a```b\n")).toHaveLength(0);
  });
});
