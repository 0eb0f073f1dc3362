/**
 * Every program variant a definition declares (wrong, slow, crashing, badly formatted, alternative)
 * gets the verdict its kind promises, judged raw by the real pipeline. Every run judges the first
 * variant of each kind, mode and language (a bounded subset, so CI covers each kind); all of them
 * (about 40 s) with BUILTIN_JUDGE_ALL=1.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Problem } from "../../../datasets/types.ts";
import type { Language, Verdict } from "../../../judges/types.ts";
import { listProblemDefs } from "../../../datasets/builtin/catalog.ts";
import { problemId } from "../../../datasets/builtin/build-problem.ts";
import { buildFullFunction } from "../../../datasets/builtin/models/text.ts";
import { createBuiltinJudge, loadBuiltinProblems, runInPool, type BuiltinJudge } from "./fixture.ts";

const JUDGE_ALL = process.env.BUILTIN_JUDGE_ALL === "1";

interface VariantCase {
  label: string;
  kind: string;
  problem: Problem;
  language: Language;
  code: string;
  want: Verdict;
}

let problems: Map<string, Problem>;
let judge: BuiltinJudge | null = null;

beforeAll(async () => {
  problems = await loadBuiltinProblems();
  judge = createBuiltinJudge();
});

afterAll(async () => {
  await judge?.sandbox.close?.();
});

function listVariantCases(): VariantCase[] {
  const cases: VariantCase[] = [];
  for (const def of listProblemDefs()) {
    const problem = problems.get(problemId(def));
    if (!problem) throw new Error(`problems.jsonl lacks ${problemId(def)}`);
    if (def.mode === "stdio") {
      const kinds = [["wrong", def.wrong, "WA"], ["slow", def.slow, "TLE"], ["alternate", def.alternates, "AC"], ["crash", def.crash, "RE"], ["presentation", def.presentation, "PE"]] as const;
      for (const [kind, variants, want] of kinds) {
        for (const v of variants ?? []) cases.push({ label: `${def.slug} ${kind} (${v.language})`, kind, problem, language: v.language, code: v.code, want });
      }
      continue;
    }
    const kinds = [["wrong", def.wrongBodies, "WA"], ["slow", def.slowBodies, "TLE"], ["crash", def.crashBodies, "RE"]] as const;
    for (const [kind, bodies, want] of kinds) {
      for (const body of bodies ?? []) cases.push({ label: `${def.slug} ${kind}`, kind, problem, language: "python", code: buildFullFunction(def, body, true), want });
    }
  }
  if (JUDGE_ALL) return cases;
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = `${c.kind}|${c.problem.mode}|${c.language}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe("built-in program variants", () => {
  test(`${JUDGE_ALL ? "every declared variant" : "a variant of each kind, mode and language"} gets the verdict of its kind`, async () => {
    const cases = listVariantCases();
    const kinds = new Set(cases.map((c) => c.want));
    expect([...kinds].sort()).toEqual(["AC", "PE", "RE", "TLE", "WA"]);
    if (JUDGE_ALL) expect(cases.length).toBeGreaterThan(60);
    const mismatches: string[] = [];
    await runInPool(cases, 3, async (c) => {
      if (!judge) throw new Error("no judge");
      const judged = await judge.judge(c.problem, { problemId: c.problem.id, completion: c.code, language: c.language, raw: true });
      if (judged.verdict !== c.want) mismatches.push(`${c.label}: declared ${c.want}, judged ${judged.verdict} ${judged.judgement?.error ?? ""}`);
    });
    expect(mismatches).toEqual([]);
  }, 600_000);
});
