import { describe, expect, test } from "bun:test";
import { checkTokens, checkUnordered, checkYesNo } from "../../../judges/checkers/tokens.ts";

const ctx = { input: "" };

describe("tokens checker", () => {
  test("accepts any whitespace layout between equal tokens", () => {
    expect(checkTokens(" 1\t2\r\n\n3  ", "1 2 3\n", ctx).verdict).toBe("AC");
  });

  test("reports WA for a different token with its 1-based index", () => {
    expect(checkTokens("1 2 4", "1 2 3", ctx)).toEqual({ verdict: "WA", message: 'token 3: expected "3", got "4"' });
  });

  test("reports WA for missing tokens", () => {
    expect(checkTokens("1", "1 2", ctx)).toEqual({ verdict: "WA", message: 'token 2: expected "2", got end of output' });
  });

  test("treats numbers as text, so 1.0 is not 1", () => {
    expect(checkTokens("1.0", "1", ctx).verdict).toBe("WA");
  });

  test("is case-sensitive", () => {
    expect(checkTokens("yes", "YES", ctx).verdict).toBe("WA");
  });

  test("accepts empty output against a whitespace-only answer", () => {
    expect(checkTokens("", " \n", ctx).verdict).toBe("AC");
  });

  test("accepts a large output equal to the answer, and finds one changed token deep inside another", () => {
    const answer = Array.from({ length: 200_000 }, (_, i) => String(i * 7)).join("\n");
    expect(checkTokens(answer, answer, ctx).verdict).toBe("AC");
    expect(checkTokens(`${answer.replace(/\n/g, " ")}\n`, answer, ctx).verdict).toBe("AC");
    const changed = answer.replace("\n700000\n", "\n700001\n");
    expect(checkTokens(changed, answer, ctx)).toEqual({ verdict: "WA", message: 'token 100001: expected "700000", got "700001"' });
  });
});

describe("yesno checker", () => {
  test("accepts YES against yes and Yes", () => {
    expect(checkYesNo("Yes\nno\n", "YES\nNO\n", ctx).verdict).toBe("AC");
  });

  test("reports WA when the answer flips", () => {
    const result = checkYesNo("NO", "YES", ctx);
    expect(result.verdict).toBe("WA");
    expect(result.message).toContain('expected "YES"');
  });
});

describe("unordered checker", () => {
  test("accepts the same lines in another order", () => {
    expect(checkUnordered("b\na\nc\n", "a\nb\nc\n", ctx).verdict).toBe("AC");
  });

  test("ignores trailing whitespace and trailing empty lines", () => {
    expect(checkUnordered("b  \r\na\n\n\n", "a\nb", ctx).verdict).toBe("AC");
  });

  test("counts duplicate lines", () => {
    const result = checkUnordered("a\na\nb\n", "a\nb\nb\n", ctx);
    expect(result).toEqual({ verdict: "WA", message: 'expected line "b" is missing' });
  });

  test("reports an extra line", () => {
    expect(checkUnordered("a\nb\nz\n", "b\na\n", ctx)).toEqual({ verdict: "WA", message: 'unexpected line "z"' });
  });

  test("does not reorder tokens inside a line", () => {
    expect(checkUnordered("2 1\n", "1 2\n", ctx).verdict).toBe("WA");
  });
});
