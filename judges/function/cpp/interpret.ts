/**
 * The verdict of a C++ function-mode pair. Only the tester's report line decides success; the
 * candidate's process contributes only the way it ended (a crash, a limit), never an AC or an SE.
 */
import type { PairOutcome, RunOutcome, Verdict } from "../../types.ts";
import { mapTermination } from "../../verdicts.ts";

/** The line judges/wasm adds to a guest's stderr when it traps (judges/wasm/outcome.ts). */
const WASM_TRAP_MARK = /(^|\n)\[wasm trap\] /;

const REPORT = /^@harness-tester (pass|assert|test-error|no-answer|bad-answer|unsupported|setup-failed) (.*)$/;

export interface TesterReport {
  status: "pass" | "assert" | "test-error" | "no-answer" | "bad-answer" | "unsupported" | "setup-failed";
  detail: string;
}

/** The tester's one report line, or null when there is none or more than one. */
export function readTesterReport(stderr: string): TesterReport | null {
  const found = stderr
    .split("\n")
    .map((line) => REPORT.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  if (found.length !== 1) return null;
  const [, status, detail] = found[0] as RegExpExecArray;
  return { status: status as TesterReport["status"], detail: detail ?? "" };
}

/** The candidate's failure verdict when its run did not end cleanly, else null. */
function programFailure(program: RunOutcome): Verdict | null {
  return mapTermination(program.termination);
}

type Interpretation = { verdict: Verdict; message?: string };

export function interpretCppPair(outcome: PairOutcome): Interpretation {
  const { program, peer } = outcome;
  const report = readTesterReport(peer.stderr);
  const crashed = programFailure(program);
  if (!report) {
    // The tester stopped without a word: waiting on a stalled candidate, or swamped by its answer.
    if (crashed) return { verdict: crashed, message: "the function did not answer" };
    // Natively a crash of the test code is caught and reported (test-error); WebAssembly cannot
    // catch a trap, so the WASM judge's mark on the tester's own stderr stands for that report.
    if (peer.termination === "signaled" && WASM_TRAP_MARK.test(peer.stderr)) {
      return { verdict: "WA", message: `the tests crashed on the function's answers (a ${peer.signal ?? "trap"} in WebAssembly)` };
    }
    const limit = mapTermination(peer.termination);
    if (limit === "TLE" || limit === "MLE" || limit === "OLE") return { verdict: limit, message: `the tester hit its ${limit} limit waiting on the function` };
    return { verdict: "SE", message: `the tester ended without a report (${peer.termination}, exit ${peer.exitCode ?? peer.signal})` };
  }
  switch (report.status) {
    case "pass":
      if (peer.termination !== "exited") return { verdict: "SE", message: `the tester reported success but ended with ${peer.termination}` };
      // Every assert held; the candidate must still have ended cleanly once its input closed.
      return crashed ? { verdict: crashed, message: "the program failed after answering" } : { verdict: "AC" };
    case "assert":
      return { verdict: "WA", message: `assertion failed at test line ${report.detail}` };
    case "test-error":
      return { verdict: "WA", message: report.detail };
    case "no-answer":
      return { verdict: crashed ?? "RE", message: `no answer to call ${report.detail}` };
    case "bad-answer":
      return { verdict: crashed ?? "WA", message: `malformed answer to call ${report.detail}` };
    case "unsupported":
    case "setup-failed":
      return { verdict: "SE", message: `C++ function mode cannot judge this task: ${report.detail}` };
  }
}
