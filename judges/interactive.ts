/**
 * Interactive problems: the candidate and a trusted interactor run at once (Sandbox.runPair), the
 * stdout of each piped into the stdin of the other. The interactor follows testlib's protocol:
 * `interactor <input> <output> <answer>`, the test's input and answer as files in its own scratch
 * folder (the candidate cannot read them), its verdict as its exit code (0 OK, 1 WA, 2 PE, 3 FAIL,
 * 7 points), and what it writes to <output> handed to the problem's checker when one is set.
 *
 * Which verdict wins, in order: the interactor's FAIL (SE: its own assertion, not the program's);
 * the program's limits (TLE, MLE, OLE: a program that stops answering is killed at its wall-clock
 * limit, which comes before the interactor's, so a stalled dialogue is TLE); the interactor's WA/PE
 * (the program may then die of a broken pipe, which is not its RE); the program's RE; an interactor
 * that ended without a decision (WA, like a checker that crashes on bad output); then OK, which is
 * AC, or the checker's verdict on the interactor's output.
 */
import { readTestlibOutcome } from "./checkers/protocols.ts";
import type { CheckResult, GradeTask, PairOutcome, PreparedProgram, RunLimits, Sandbox, TestCase, Verdict } from "./types.ts";
import { mapTermination } from "./verdicts.ts";

/** Files of an interactor run and their order on its command line (testlib's). */
export const INTERACTOR_FILES = { input: "input.txt", output: "output.txt", answer: "answer.txt" } as const;

/** The interactor's limits: trusted but sandboxed; it outlives the program so a stalled program is the one stopped. */
export function interactorLimits(program: RunLimits): RunLimits {
  return {
    cpuMs: Math.max(program.cpuMs, 10_000),
    wallMs: program.wallMs + 2_000,
    memoryMb: Math.max(program.memoryMb, 1024),
    outputBytes: Math.max(program.outputBytes, 16 << 20),
    processes: 8,
    fileBytes: Math.max(program.fileBytes, 16 << 20),
  };
}

export interface InteractiveRunArgs {
  sandbox: Sandbox & Required<Pick<Sandbox, "runPair">>;
  task: GradeTask;
  program: PreparedProgram;
  interactor: PreparedProgram;
  test: TestCase;
}

/** Runs one test as a dialogue between the program and the interactor. */
export function runInteractiveTest(args: InteractiveRunArgs): Promise<PairOutcome> {
  const { task, test } = args;
  const files = INTERACTOR_FILES;
  return args.sandbox.runPair(
    { program: args.program, limits: task.limits },
    {
      program: args.interactor,
      files: { [files.input]: test.input, [files.answer]: test.output },
      args: [files.input, files.output, files.answer],
      collect: [files.output],
      limits: interactorLimits(task.limits),
    },
  );
}

/** What a dialogue decided: a verdict now, or "check" (the interactor said OK; the checker decides on `output`). */
export type InteractionReading = { kind: "verdict"; verdict: Verdict; check?: CheckResult; error?: string } | { kind: "check"; output: string };

/** Reads a finished dialogue in the order documented above. */
export function readInteraction(pair: PairOutcome, checked: boolean): InteractionReading {
  const reading = readTestlibOutcome(pair.peer);
  if (reading.kind === "fail") return { kind: "verdict", verdict: "SE", error: `interactor: ${reading.message}` };
  const limit = mapTermination(pair.program.termination);
  if (limit && limit !== "RE") return { kind: "verdict", verdict: limit };
  if (reading.kind === "decision" && reading.result.verdict !== "AC" && !(reading.result.score && reading.result.score > 0)) {
    return { kind: "verdict", verdict: reading.result.verdict, check: withPrefix(reading.result) };
  }
  if (limit) return { kind: "verdict", verdict: limit };
  if (reading.kind === "undecided") {
    return { kind: "verdict", verdict: "WA", check: { verdict: "WA", score: 0, message: `interactor gave no decision on this dialogue (${reading.message})` } };
  }
  if (reading.result.verdict !== "AC") return { kind: "verdict", verdict: reading.result.verdict, check: withPrefix(reading.result) };
  if (checked && pair.peer.files === undefined) {
    return { kind: "verdict", verdict: "SE", error: "the sandbox does not read files back (PairSide.collect), so the interactor's output cannot be checked" };
  }
  if (checked) return { kind: "check", output: pair.peer.files?.[INTERACTOR_FILES.output] ?? "" };
  return { kind: "verdict", verdict: "AC", check: withPrefix(reading.result) };
}

function withPrefix(result: CheckResult): CheckResult {
  return result.message ? { ...result, message: `interactor: ${result.message}` } : result;
}
