import { describe, expect, test } from "bun:test";
import { describeCall, interpretPythonPair, readTesterReport } from "../../../../judges/function/python/interpret.ts";
import type { RunOutcome } from "../../../../judges/types.ts";

function run(over: Partial<RunOutcome> = {}): RunOutcome {
  return { termination: "exited", exitCode: 0, signal: null, timeMs: 5, wallMs: 10, memoryKb: 1000, stdout: "", stderr: "", ...over };
}
const report = (body: object) => `@@tester ${JSON.stringify(body)}\n`;

describe("readTesterReport", () => {
  test("reads the one report line with its verdict and message", () => {
    expect(readTesterReport(report({ verdict: "WA", message: "assertion failed at test line 3" }))).toEqual({
      verdict: "WA",
      message: "assertion failed at test line 3",
    });
  });

  test("refuses two report lines, unknown verdicts, malformed JSON and non-string messages", () => {
    expect(readTesterReport(report({ verdict: "AC" }) + report({ verdict: "AC" }))).toBeNull();
    expect(readTesterReport(report({ verdict: "PASS" }))).toBeNull();
    expect(readTesterReport('@@tester {"verdict":"AC"')).toBeNull();
    expect(readTesterReport(report({ verdict: "AC", message: 3 }))).toBeNull();
    expect(readTesterReport("")).toBeNull();
  });
});

describe("readTesterReport's last call", () => {
  const call = { name: "add", args: "1, 2", returned: "4" };

  test("reads the last call a failed assertion names", () => {
    expect(readTesterReport(report({ verdict: "WA", message: "assertion failed at test line 2", call }))).toEqual({
      verdict: "WA",
      message: "assertion failed at test line 2",
      call,
    });
  });

  test("refuses a call with a missing, extra or non-string field, on a verdict other than WA, and unknown keys", () => {
    expect(readTesterReport(report({ verdict: "WA", call: { name: "add", args: "1, 2" } }))).toBeNull();
    expect(readTesterReport(report({ verdict: "WA", call: { ...call, extra: "x" } }))).toBeNull();
    expect(readTesterReport(report({ verdict: "WA", call: { ...call, returned: 4 } }))).toBeNull();
    expect(readTesterReport(report({ verdict: "WA", call: [call] }))).toBeNull();
    expect(readTesterReport(report({ verdict: "AC", call }))).toBeNull();
    expect(readTesterReport(report({ verdict: "WA", detail: "x" }))).toBeNull();
  });

  test("puts the call on its own line after the tester's message", () => {
    const peer = run({ stderr: report({ verdict: "WA", message: "assertion failed at test line 2", call }) });
    expect(interpretPythonPair({ program: run(), peer })).toEqual({ verdict: "WA", message: `assertion failed at test line 2\n${describeCall(call)}` });
    expect(describeCall(call)).toBe("last call: add(1, 2) returned 4");
  });
});

describe("interpretPythonPair", () => {
  test("AC only when the tester reported it and the candidate ended cleanly", () => {
    expect(interpretPythonPair({ program: run(), peer: run({ stderr: report({ verdict: "AC" }) }) })).toEqual({ verdict: "AC" });
    const crashedAfter = interpretPythonPair({ program: run({ termination: "nonzero", exitCode: 3 }), peer: run({ stderr: report({ verdict: "AC" }) }) });
    expect(crashedAfter).toEqual({ verdict: "RE", message: "the tests passed but the solution then exited with code 3" });
  });

  test("a candidate that exits 0 before the tests end is RE, whatever its exit code says", () => {
    const early = interpretPythonPair({ program: run(), peer: run({ stderr: report({ verdict: "EOF" }) }) });
    expect(early).toEqual({ verdict: "RE", message: "the solution exited with code 0 before the tests finished" });
  });

  test("the candidate's own limits come first: TLE, MLE and OLE", () => {
    const peer = run({ stderr: report({ verdict: "EOF" }) });
    expect(interpretPythonPair({ program: run({ termination: "wall_time" }), peer }).verdict).toBe("TLE");
    expect(interpretPythonPair({ program: run({ termination: "memory" }), peer }).verdict).toBe("MLE");
    expect(interpretPythonPair({ program: run({ termination: "output" }), peer }).verdict).toBe("OLE");
  });

  test("a tester without a report is never AC nor SE: its limit, the candidate's crash, or RE", () => {
    expect(interpretPythonPair({ program: run(), peer: run({ termination: "memory" }) }).verdict).toBe("MLE");
    expect(interpretPythonPair({ program: run({ termination: "signaled", signal: "SIGSEGV" }), peer: run() }).verdict).toBe("RE");
    expect(interpretPythonPair({ program: run(), peer: run({ stderr: "@@tester forged\n" }) }).verdict).toBe("RE");
  });

  test("a broken task reported by the tester is SE even when the candidate also hit a limit", () => {
    const peer = run({ stderr: report({ verdict: "SE", message: "the task's prelude raised NameError: x" }) });
    expect(interpretPythonPair({ program: run({ termination: "wall_time" }), peer })).toEqual({ verdict: "SE", message: "the task's prelude raised NameError: x" });
  });

  test("passes WA, RE and CE through with the tester's message", () => {
    const peer = run({ stderr: report({ verdict: "CE", message: "SyntaxError: invalid syntax" }) });
    expect(interpretPythonPair({ program: run(), peer })).toEqual({ verdict: "CE", message: "SyntaxError: invalid syntax" });
  });
});
