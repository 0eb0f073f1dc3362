import { describe, expect, test } from "bun:test";
import { makeRunToken, parseStatusReport } from "../../../judges/local/status.ts";

const token = makeRunToken();

describe("parseStatusReport", () => {
  test("a run token is 32 lowercase hex digits, fresh every time", () => {
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(makeRunToken()).not.toBe(token);
  });

  test("one well-formed exit or signal line behind the token is believed, with CPU as user plus system time", () => {
    expect(parseStatusReport(`${token} exit 3 1500 500 2048\n`, token)).toEqual({ kind: "exit", code: 3, cpuUs: 2000, maxRssKb: 2048 });
    expect(parseStatusReport(`${token} signal 11 0 0 0\n`, token)).toEqual({ kind: "signal", signal: 11, cpuUs: 0, maxRssKb: 0 });
  });

  test("harness failures are believed only behind the token", () => {
    expect(parseStatusReport(`${token} setupfail 1\n`, token)).toEqual({ kind: "setupfail", errno: 1 });
    expect(parseStatusReport(`${token} execfail 2\n`, token)).toEqual({ kind: "execfail", errno: 2 });
    expect(parseStatusReport(`${token} cgroupfail\n`, token)).toEqual({ kind: "cgroupfail" });
    for (const line of ["setupfail 1\n", "execfail 1\n", "cgroupfail\n", `${makeRunToken()} setupfail 1\n`]) {
      expect(parseStatusReport(line, token).kind).toBe("forged");
    }
  });

  test("an empty channel means no report (the tree was killed first)", () => {
    expect(parseStatusReport("", token)).toEqual({ kind: "none" });
  });

  test("a line without the token is forged, even a well-formed one", () => {
    expect(parseStatusReport("exit 0 0 0 0\n", token).kind).toBe("forged");
  });

  test("anything but exactly one line is forged: an extra line before or after the genuine one, or no newline", () => {
    const genuine = `${token} exit 0 10 10 100\n`;
    expect(parseStatusReport(`exit 0 0 0 0\n${genuine}`, token).kind).toBe("forged");
    expect(parseStatusReport(`${genuine}exit 0 0 0 0\n`, token).kind).toBe("forged");
    expect(parseStatusReport(`${genuine}${genuine}`, token).kind).toBe("forged");
    expect(parseStatusReport(genuine.trimEnd(), token).kind).toBe("forged");
  });

  test("numbers must be finite non-negative integers in range: NaN, signs, fractions, exponents and huge values are forged", () => {
    for (const fields of ["0 NaN 0 0", "0 -1 0 0", "0 1.5 0 0", "0 1e3 0 0", "0 Infinity 0 0", "256 0 0 0", "0 99999999999999999 0 0", "0  0 0", "0 0 0 0 0", "0 0 0"]) {
      expect(parseStatusReport(`${token} exit ${fields}\n`, token).kind).toBe("forged");
    }
    expect(parseStatusReport(`${token} setupfail x\n`, token).kind).toBe("forged");
    expect(parseStatusReport(`${token} launched 0\n`, token).kind).toBe("forged");
  });
});
