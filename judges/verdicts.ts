/** Small pure rules the grader applies: how a run's end maps to a verdict, and how text is kept. */
import type { PrepareResult, Termination, Verdict } from "./types.ts";

/**
 * Verdict of a run that did not end normally, or null for a clean exit (the checker decides then).
 * A nonzero exit or a foreign signal is RE; our own limits are TLE, MLE and OLE.
 */
export function mapTermination(termination: Termination): Verdict | null {
  switch (termination) {
    case "exited":
      return null;
    case "nonzero":
    case "signaled":
      return "RE";
    case "cpu_time":
    case "wall_time":
      return "TLE";
    case "memory":
      return "MLE";
    case "output":
      return "OLE";
  }
}

/** Cuts text to `max` characters for storage, saying how much was dropped. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… [${text.length - max} more characters]`;
}

/** One line summarising why compilation failed, for Judgement.error. */
export function summariseCompileFailure(result: Extract<PrepareResult, { ok: false }>): string {
  if (result.cause === "compile_time") return "compilation ran past its time limit";
  if (result.cause === "compile_memory") return "compilation ran past its memory limit";
  const lines = result.log.split("\n").map((line) => line.trim()).filter((line) => line.length > 0);
  const first = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? "no diagnostics";
  return `compile error: ${truncateText(first, 200)}`;
}
