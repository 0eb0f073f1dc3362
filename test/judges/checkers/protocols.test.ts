import { describe, expect, test } from "bun:test";
import { type CheckerReading, parseTestlibPoints, readCmsOutcome, readTestlibOutcome, settleUndecided } from "../../../judges/checkers/protocols.ts";
import type { CheckResult, RunOutcome } from "../../../judges/types.ts";

/** A checker run's outcome; only the fields the protocols read matter. */
function outcomeOf(fields: Partial<RunOutcome>): RunOutcome {
  const exitCode = fields.exitCode ?? 0;
  return {
    termination: exitCode === 0 ? "exited" : "nonzero",
    exitCode,
    signal: null,
    timeMs: 1,
    wallMs: 1,
    memoryKb: 0,
    stdout: "",
    stderr: "",
    ...fields,
  };
}

/** The check result of a reading that must be a decision. */
function decisionOf(reading: CheckerReading): CheckResult {
  if (reading.kind !== "decision") throw new Error(`expected a decision, got ${reading.kind}: ${reading.message}`);
  return reading.result;
}

describe("testlib protocol", () => {
  test("maps exit codes 0, 1 and 2 to AC, WA and PE with the checker's message", () => {
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 0, stderr: "ok 3 numbers\n" })))).toEqual({ verdict: "AC", score: 1, message: "ok 3 numbers" });
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 1, stderr: "wrong answer 1st differs" }))).verdict).toBe("WA");
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 2 }))).verdict).toBe("PE");
  });

  test("maps testlib's extra-output and unexpected-eof codes to PE", () => {
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 4 }))).verdict).toBe("PE");
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 8 }))).verdict).toBe("PE");
  });

  test("reads FAIL (exit 3) as the checker's own failure, with its message", () => {
    const reading = readTestlibOutcome(outcomeOf({ exitCode: 3, stderr: "FAIL answer file broken" }));
    expect(reading.kind).toBe("fail");
    expect(reading.kind === "fail" && reading.message).toContain("answer file broken");
  });

  test("reads an unknown exit code as no decision", () => {
    expect(readTestlibOutcome(outcomeOf({ exitCode: 42 }))).toEqual({ kind: "undecided", message: "checker exited with unknown code 42" });
  });

  test("reads a checker killed by its limits or a signal as no decision", () => {
    expect(readTestlibOutcome(outcomeOf({ termination: "cpu_time", exitCode: null }))).toEqual({ kind: "undecided", message: "checker ran past its time limit" });
    const killed = readTestlibOutcome(outcomeOf({ termination: "signaled", exitCode: null, signal: "SIGSEGV" }));
    expect(killed).toEqual({ kind: "undecided", message: "checker was killed by signal SIGSEGV" });
  });

  test("reads points as a fraction or a percentage", () => {
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 7, stderr: "points 0.25 a quarter" })))).toEqual({ verdict: "WA", score: 0.25, message: "points 0.25 a quarter" });
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 7, stderr: "points 40" }))).score).toBeCloseTo(0.4);
    expect(decisionOf(readTestlibOutcome(outcomeOf({ exitCode: 7, stderr: "points 1" }))).verdict).toBe("AC");
  });

  test("reads points out of range or missing as no decision", () => {
    expect(readTestlibOutcome(outcomeOf({ exitCode: 7, stderr: "points 250" })).kind).toBe("undecided");
    expect(readTestlibOutcome(outcomeOf({ exitCode: 7, stderr: "partial" })).kind).toBe("undecided");
  });

  test("falls back to a leading number on stdout for points", () => {
    expect(parseTestlibPoints(outcomeOf({ exitCode: 7, stdout: "0.5\n" }))).toBe(0.5);
  });
});

describe("cms protocol", () => {
  test("reads a score of 1 as AC and 0 as WA", () => {
    expect(decisionOf(readCmsOutcome(outcomeOf({ stdout: "1\n", stderr: "Correct\n" })))).toEqual({ verdict: "AC", score: 1, message: "Correct" });
    expect(decisionOf(readCmsOutcome(outcomeOf({ stdout: "0.0\n" })))).toEqual({ verdict: "WA", score: 0 });
  });

  test("reads a fractional score as WA with partial credit", () => {
    expect(decisionOf(readCmsOutcome(outcomeOf({ stdout: "0.75\nignored\n", stderr: "almost" })))).toEqual({ verdict: "WA", score: 0.75, message: "almost" });
  });

  test("reads output that is not a score in [0,1] (a word, 1.5, nan, nothing) as no decision", () => {
    const reading = readCmsOutcome(outcomeOf({ stdout: "yes\n" }));
    expect(reading.kind).toBe("undecided");
    expect(reading.kind === "undecided" && reading.message).toContain('"yes"');
    for (const stdout of ["1.5", "nan", "-inf", ""]) expect(readCmsOutcome(outcomeOf({ stdout })).kind).toBe("undecided");
  });

  test("reads a crashed checker as no decision, keeping its traceback", () => {
    const reading = readCmsOutcome(outcomeOf({ exitCode: 1, stderr: "Traceback ...\nValueError" }));
    expect(reading).toEqual({ kind: "undecided", message: "checker exited with code 1: Traceback ...\nValueError" });
  });
});

describe("settling a run without a decision", () => {
  const wa: CheckerReading = { kind: "decision", result: { verdict: "WA", score: 0 } };

  test("is WA when the checker decides on the reference answer, whatever it decides", () => {
    const ac: CheckerReading = { kind: "decision", result: { verdict: "AC", score: 1 } };
    for (const reference of [ac, wa]) {
      const result = settleUndecided("checker was killed by signal SIGSEGV", reference);
      expect(result).toMatchObject({ verdict: "WA", score: 0 });
      expect(result.message).toContain("SIGSEGV");
      expect(result.message).toContain("the output is at fault");
    }
  });

  test("is SE when the checker also crashes or FAILs on the reference answer", () => {
    for (const reference of [{ kind: "undecided", message: "checker exited with code 1" }, { kind: "fail", message: "FAIL no answer" }] as const) {
      const result = settleUndecided("checker exited with code 1", reference);
      expect(result.verdict).toBe("SE");
      expect(result.message).toContain("checker is broken");
      expect(result.message).toContain(reference.message);
    }
  });
});
