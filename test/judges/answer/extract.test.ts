import { describe, expect, test } from "bun:test";
import { extractAnswer, extractFinalNumber } from "../../../judges/answer/index.ts";

describe("extractFinalNumber", () => {
  test("takes the first number after a #### that a number follows", () => {
    expect(extractFinalNumber("First 3 then 4.\n#### 1,234\nchecked with 99")).toBe("1234");
    expect(extractAnswer("#### 1,234")?.source).toBe("hashes");
  });

  test("does not take a Markdown heading such as #### Step 1 for the answer marker", () => {
    const completion = "#### Step 1: Add\n12 + 15 = 27\n#### Step 2: Subtract\n27 - 20 = 7\nThe answer is 7.";
    expect(extractFinalNumber(completion)).toBe("7");
    expect(extractFinalNumber("#### Step 1\n3 + 4 = 7")).toBe("7");
  });

  test("reads the first number of an explicit statement, not the last number in the text", () => {
    expect(extractFinalNumber("So 9 * 2 = 18.\nThe answer is 18.\n\n(Note: this assumes a 7-day week.)")).toBe("18");
    expect(extractFinalNumber("The answer is 19, not 18.")).toBe("19");
    expect(extractFinalNumber("Final Answer: $1,325 (from 1250 + 75)")).toBe("1325");
  });

  test("lets the last statement win when a completion corrects itself", () => {
    expect(extractFinalNumber("The answer is 5. Wait, I forgot 1 more. The final answer is 6, I hope 7 is wrong")).toBe("6");
  });

  test("reads a statement's number from the next line when the marker ends its line", () => {
    expect(extractFinalNumber("2 + 3 = 5 apples.\n**Final Answer:**\n\n5 apples, 2 left")).toBe("5");
  });

  test("takes the first number in the last \\boxed{}", () => {
    expect(extractFinalNumber("x = 5, so the answer is \\boxed{7} (not 8)")).toBe("7");
    expect(extractFinalNumber("\\boxed{1{,}000}")).toBe("1000");
    expect(extractFinalNumber("\\boxed{\\text{\\$}18}")).toBe("18");
    expect(extractFinalNumber("\\boxed{\\frac{1}{2}}")).toBe("0.5");
    expect(extractAnswer("so \\boxed{3}")?.source).toBe("boxed");
  });

  test("does not take prose such as 'to answer this' or an 'Answer:' that opens reasoning for a statement", () => {
    expect(extractFinalNumber("To answer this, 2 + 2 = 4")).toBe("4");
    expect(extractFinalNumber("Answer: She sold 16 - 3 - 4 = 9 eggs, making 9 * 2 = 18")).toBe("18");
    expect(extractFinalNumber("Answer: 18")).toBe("18");
  });

  test("falls back to the last number in the text, with its sign and decimals", () => {
    expect(extractFinalNumber("Each costs $18, so the total is $36.")).toBe("36");
    expect(extractFinalNumber("It is now -4.50 degrees")).toBe("-4.5");
    expect(extractFinalNumber("It is now \u22124.50 degrees")).toBe("-4.5");
    expect(extractFinalNumber("5 - 3 = 2")).toBe("2");
    expect(extractAnswer("5 - 3 = 2")?.source).toBe("last-number");
  });

  test("ignores numbers inside a closed <think> section", () => {
    expect(extractFinalNumber("<think>maybe 3, or 9?</think>The answer is 4")).toBe("4");
    expect(extractFinalNumber("<think>the answer is 3</think>I cannot tell.")).toBeNull();
  });

  test("finds nothing in text without numbers", () => {
    expect(extractFinalNumber("I don't know.")).toBeNull();
    expect(extractFinalNumber("")).toBeNull();
  });
});
