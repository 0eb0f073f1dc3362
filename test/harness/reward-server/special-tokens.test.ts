import { describe, expect, test } from "bun:test";
import { DEFAULT_SPECIAL_TOKENS, stripSpecialTokens } from "../../../harness/reward-server/special-tokens.ts";

describe("stripSpecialTokens", () => {
  test("removes end-of-turn and padding tokens from the end, repeatedly, with the whitespace between them", () => {
    expect(stripSpecialTokens("print(1)<|im_end|>", DEFAULT_SPECIAL_TOKENS)).toBe("print(1)");
    expect(stripSpecialTokens("```python\nprint(1)\n```<|eot_id|>\n<|finetune_right_pad_id|><|finetune_right_pad_id|>", DEFAULT_SPECIAL_TOKENS)).toBe("```python\nprint(1)\n```");
    expect(stripSpecialTokens("<s> x = 1</s>", DEFAULT_SPECIAL_TOKENS)).toBe("x = 1");
  });

  test("leaves tokens inside the text alone: a program may print '</s>'", () => {
    const program = 'print("<s>struck</s>")\nx = 1';
    expect(stripSpecialTokens(program, DEFAULT_SPECIAL_TOKENS)).toBe(program);
  });

  test("strips only the tokens it is given", () => {
    expect(stripSpecialTokens("x<|im_end|>", [])).toBe("x<|im_end|>");
    expect(stripSpecialTokens("x<|my_stop|>", ["<|my_stop|>"])).toBe("x");
  });
});
