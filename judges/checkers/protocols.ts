/**
 * How a checker program reports its decision, per protocol.
 *
 * testlib (Codeforces/Polygon): exit code 0 ok, 1 wrong answer, 2 presentation error, 3 FAIL (the
 * checker itself failed), 7 points. testlib's `quitp(x, msg)` writes "points x msg" to stderr; x is on
 * the problem's own scale, so we read it as a fraction when 0 <= x <= 1 and as a percentage when
 * 1 < x <= 100. Exit 4 (testlib's "dirt", extra output) and 8 (unexpected end of file, when enabled)
 * are both "wrong output format" in testlib, so they map to PE.
 *
 * cms: the first line of stdout is a score in [0,1], stderr is the message; exit code must be 0.
 *
 * A run is read as a decision, an explicit FAIL (testlib exit 3: SE), or no decision at all (a crash,
 * a limit, an unknown exit code, a score that is not one). No decision is not yet SE: a checker that
 * crashes on garbage output is the output's fault (testlib's convention), so program.ts asks the
 * checker about the reference answer before settling it with {@link settleUndecided}.
 */
import type { CheckResult, RunOutcome } from "../types.ts";
import { clip } from "./text.ts";

/** Longest checker message kept. */
const MESSAGE_CHARS = 1000;

/** Why a checker run did not produce a decision, or null when it exited on its own. */
function describeAbnormalEnd(outcome: RunOutcome): string | null {
  switch (outcome.termination) {
    case "exited":
    case "nonzero":
      return null;
    case "signaled":
      return `checker was killed by signal ${outcome.signal ?? "?"}`;
    case "cpu_time":
    case "wall_time":
      return "checker ran past its time limit";
    case "memory":
      return "checker ran past its memory limit";
    case "output":
      return "checker wrote too much output";
  }
}

/** The checker's own words: stderr, else stdout, trimmed and clipped. */
function readMessage(outcome: RunOutcome): string {
  const text = outcome.stderr.trim() || outcome.stdout.trim();
  return clip(text, MESSAGE_CHARS);
}

/** What one checker run said. */
export type CheckerReading =
  /** The checker judged the output (AC, WA or PE, with a score). */
  | { kind: "decision"; result: CheckResult }
  /** The checker said the test data or the checker itself is wrong (testlib exit 3): SE. */
  | { kind: "fail"; message: string }
  /** The checker ended without a decision: crashed, hit a limit, or printed no verdict. */
  | { kind: "undecided"; message: string };

/** The reason joined with the checker's own words, clipped. */
function explain(reason: string, outcome: RunOutcome): string {
  const said = readMessage(outcome);
  return clip(said ? `${reason}: ${said}` : reason, MESSAGE_CHARS);
}

function undecided(reason: string, outcome: RunOutcome): CheckerReading {
  return { kind: "undecided", message: explain(reason, outcome) };
}

function decided(result: CheckResult): CheckerReading {
  return { kind: "decision", result };
}

/** A score in [0,1] as a verdict: 1 is AC, anything less is WA carrying the partial score. */
function scoreToResult(score: number, message: string): CheckResult {
  const verdict = score >= 1 ? "AC" : "WA";
  return message ? { verdict, score, message } : { verdict, score };
}

const LEADING_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/**
 * Reads testlib's points from "points <x> ..." in stderr (or stdout), else a leading number.
 * Returns the fraction in [0,1], or null when there is no usable value.
 */
export function parseTestlibPoints(outcome: RunOutcome): number | null {
  for (const text of [outcome.stderr, outcome.stdout]) {
    const trimmed = text.trim();
    const body = /^points\s+/i.test(trimmed) ? trimmed.replace(/^points\s+/i, "") : trimmed;
    const match = LEADING_NUMBER.exec(body);
    if (!match) continue;
    const points = Number(match[0]);
    if (points >= 0 && points <= 1) return points;
    if (points > 1 && points <= 100) return points / 100;
    return null;
  }
  return null;
}

/** Reads a testlib checker's exit. */
export function readTestlibOutcome(outcome: RunOutcome): CheckerReading {
  const abnormal = describeAbnormalEnd(outcome);
  if (abnormal) return undecided(abnormal, outcome);
  const message = readMessage(outcome);
  switch (outcome.exitCode) {
    case 0:
      return decided({ verdict: "AC", score: 1, message });
    case 1:
      return decided({ verdict: "WA", score: 0, message });
    case 2:
    case 4:
    case 8:
      return decided({ verdict: "PE", score: 0, message });
    case 3:
      return { kind: "fail", message: explain("checker reported FAIL (exit 3), a problem with the checker or the test data", outcome) };
    case 7: {
      const score = parseTestlibPoints(outcome);
      if (score === null) return undecided("checker exited with points (7) but no points value in [0,100]", outcome);
      return decided(scoreToResult(score, message));
    }
    default:
      return undecided(`checker exited with unknown code ${outcome.exitCode}`, outcome);
  }
}

/** Reads a cms checker's stdout score. */
export function readCmsOutcome(outcome: RunOutcome): CheckerReading {
  const abnormal = describeAbnormalEnd(outcome);
  if (abnormal) return undecided(abnormal, outcome);
  if (outcome.exitCode !== 0) return undecided(`checker exited with code ${outcome.exitCode}`, outcome);
  const firstLine = (outcome.stdout.trim().split("\n")[0] ?? "").trim();
  const score = LEADING_NUMBER.exec(firstLine)?.[0] === firstLine ? Number(firstLine) : Number.NaN;
  if (!(score >= 0 && score <= 1)) {
    return undecided(`checker printed ${JSON.stringify(clip(firstLine, 80))} instead of a score in [0,1]`, outcome);
  }
  return decided(scoreToResult(score, clip(outcome.stderr.trim(), MESSAGE_CHARS)));
}

/**
 * Reads an open-r1 generated checker (cms argument order) as open-r1's Codeforces grader does
 * (guipenedo/piston `packages/codeforces/1.0.0/run`, read by open-r1's `cf_scoring.py`): the output
 * is right when the checker exits 0 and prints `1` or `100` (whitespace ignored); any other print
 * or exit code is wrong. Only a run our limits or a signal stopped is left undecided.
 */
export function readOpenr1Outcome(outcome: RunOutcome): CheckerReading {
  const abnormal = describeAbnormalEnd(outcome);
  if (abnormal) return undecided(abnormal, outcome);
  const printed = outcome.stdout.replace(/\s+/g, "");
  const message = clip(outcome.stderr.trim(), MESSAGE_CHARS);
  if (outcome.exitCode === 0 && (printed === "1" || printed === "100")) return decided({ verdict: "AC", score: 1, ...(message ? { message } : {}) });
  const why = outcome.exitCode === 0 ? `checker printed ${JSON.stringify(clip(printed, 80))}` : `checker exited with code ${outcome.exitCode}`;
  return decided({ verdict: "WA", score: 0, message: clip(message ? `${why}: ${message}` : why, MESSAGE_CHARS) });
}

/**
 * Settles a run without a decision, given how the same checker read the reference answer as the
 * contestant's output on the same test. A checker that decides on the reference (whatever it
 * decides) works, so its crash was caused by this output: WA with score 0. One that also fails on
 * the reference is broken: SE, the problem setter's fault.
 */
export function settleUndecided(message: string, reference: CheckerReading): CheckResult {
  if (reference.kind === "decision") {
    return { verdict: "WA", score: 0, message: clip(`checker gave no decision on this output (${message}); it decides on the reference answer, so the output is at fault`, MESSAGE_CHARS) };
  }
  return { verdict: "SE", message: clip(`checker is broken: no decision on this output (${message}), and on the reference answer: ${reference.message}`, MESSAGE_CHARS) };
}
