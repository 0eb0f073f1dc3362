/**
 * A SampleJudge for server tests that decides by the completion's text instead of running it,
 * so the server's own behaviour (nulls, deadlines, cache, concurrency) is what the tests exercise.
 *   "AC" / "WA" / "CE" / "RE"  -> that verdict (WA passes 1 of 2 tests)
 *   "SE"    -> the judge reports a system error
 *   "THROW" -> the judge throws (sandbox unavailable)
 *   "HANG"  -> never answers (ignores the abort signal, as a stuck backend would)
 *   "LISTEN" -> waits for the abort signal, records it in `aborted`, then throws
 *   anything else ending in "#<ms>" sleeps that long first
 */
import type { Problem } from "../../../datasets/types.ts";
import { SandboxError } from "../../../judges/types.ts";
import type { SampleJudge } from "../../../harness/types.ts";
import { makeJudged, repeatTests } from "../rewards/fixtures.ts";

export interface FakeJudge {
  judge: SampleJudge;
  calls: { completion: string; allTests: boolean; testKinds?: string[]; problemId: string; language?: string; truncated: boolean }[];
  /** Completions whose judging saw its abort signal fire. */
  aborted: string[];
  maxConcurrent: () => number;
}

/** Creates the fake judge and its call log. */
export function createFakeJudge(): FakeJudge {
  const calls: FakeJudge["calls"] = [];
  const aborted: string[] = [];
  let active = 0;
  let peak = 0;
  const judge: SampleJudge = async (problem, sample, opts = {}) => {
    calls.push({
      completion: sample.completion,
      allTests: opts.allTests ?? false,
      ...(opts.testKinds ? { testKinds: opts.testKinds } : {}),
      problemId: problem.id,
      ...(sample.language ? { language: sample.language } : {}),
      truncated: sample.truncated ?? false,
    });
    active++;
    peak = Math.max(peak, active);
    try {
      const [text = "", delay] = sample.completion.split("#");
      if (delay) await Bun.sleep(Number(delay));
      if (text === "HANG") await new Promise(() => {});
      if (text === "LISTEN") {
        await new Promise<void>((resolve) => opts.signal?.addEventListener("abort", () => resolve(), { once: true }));
        aborted.push(sample.completion);
        throw new Error("aborted");
      }
      if (text === "THROW") throw new SandboxError("bwrap: cannot create namespace", "sandbox_unavailable");
      return { ...decide(text, problem), problemId: problem.id, completion: sample.completion, truncated: sample.truncated ?? false };
    } finally {
      active--;
    }
  };
  return { judge, calls, aborted, maxConcurrent: () => peak };
}

function decide(text: string, problem: Problem) {
  const n = Math.max(2, problem.tests.length);
  switch (text) {
    case "AC":
      return makeJudged({ verdict: "AC", tests: repeatTests(n, "AC") });
    case "WA":
      return makeJudged({ verdict: "WA", tests: [{ verdict: "AC" }, { verdict: "WA" }], total: n });
    case "CE":
      return makeJudged({ verdict: "CE", language: "cpp", tests: [], total: n });
    case "RE":
      return makeJudged({ verdict: "RE", tests: [{ verdict: "RE", stderr: "Traceback" }], total: n });
    case "SE":
      return makeJudged({ verdict: "SE", tests: [], total: n, error: "sandbox crashed" });
    default:
      return makeJudged({ verdict: "NO_CODE" });
  }
}

/** A small stdio problem. */
export function makeProblem(id: string, extra: Partial<Problem> = {}): Problem {
  return {
    id,
    statement: "echo",
    mode: "stdio",
    tests: [
      { input: "1\n", output: "1\n", kind: "public" },
      { input: "2\n", output: "2\n", kind: "private" },
    ],
    time_limit_ms: 1000,
    memory_limit_mb: 256,
    checker: { type: "tokens" },
    languages: ["python", "cpp"],
    tags: [],
    ...extra,
  };
}
