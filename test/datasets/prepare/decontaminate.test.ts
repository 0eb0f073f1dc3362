import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadAll } from "../../../datasets/load.ts";
import { decontaminate } from "../../../datasets/prepare/decontaminate.ts";
import type { Problem } from "../../../datasets/types.ts";
import { generateUnrelatedProblems, makeProblem } from "./problems.ts";
import { HUMANEVAL_GZ, MBPPPLUS_GZ, RLLM_LEETCODE_GZ } from "../../support/real-data.ts";

const humaneval = (await loadAll({ path: HUMANEVAL_GZ })).problems;
const mbppplus = (await loadAll({ path: MBPPPLUS_GZ })).problems;

/** Whitespace and case changes, and three words of the text replaced by others. */
function paraphrase(text: string): string {
  const tokens = text.replace(/\n {4}/g, "\n\t  ").split(" ");
  for (const [i, frac] of [0.3, 0.55, 0.8].entries()) {
    const at = Math.floor(tokens.length * frac);
    tokens[at] = ["kindly", "perhaps", "certainly"][i] as string;
  }
  const first = text.indexOf("\n");
  return tokens.join("  ").slice(0, first).toUpperCase() + tokens.join("  ").slice(first);
}

describe("decontaminate on HumanEval and MBPP+", () => {
  const verbatim = humaneval.slice(0, 10);
  // Long prompts, so that three changed words leave 13-word runs intact.
  const paraphrased = humaneval.filter((p) => p.statement.split(/\s+/).length >= 70).slice(0, 5);
  const fromMbpp = mbppplus.slice(40, 45);
  const planted: { train: Problem; evalId: string; evalSet: string }[] = [
    ...verbatim.map((p) => ({ train: makeProblem(`copy-${p.id}`, { statement: p.statement }), evalId: p.id, evalSet: "HumanEval" })),
    ...paraphrased.map((p) => ({ train: makeProblem(`para-${p.id}`, { statement: paraphrase(p.statement) }), evalId: p.id, evalSet: "HumanEval" })),
    ...fromMbpp.map((p) => ({ train: makeProblem(`mbpp-${p.id}`, { statement: p.statement }), evalId: p.id, evalSet: "MbppPlus" })),
  ];
  const unrelated = generateUnrelatedProblems(200);
  const train = [...unrelated.slice(0, 100), ...planted.map((x) => x.train), ...unrelated.slice(100)];
  const result = decontaminate(train, [
    { name: "HumanEval", problems: humaneval },
    { name: "MbppPlus", problems: mbppplus },
  ]);

  test("finds every planted pair, and each paraphrase differs from its original", () => {
    for (const x of planted) {
      const pair = result.pairs.find((p) => p.train_id === x.train.id && p.eval_id === x.evalId);
      expect(pair?.eval_set).toBe(x.evalSet);
    }
    for (const p of paraphrased) expect(paraphrase(p.statement)).not.toBe(p.statement);
  });

  test("drops exactly the planted problems: no false positives among 200 unrelated ones", () => {
    expect(new Set(result.dropped.map((p) => p.id))).toEqual(new Set(planted.map((x) => x.train.id)));
    expect(result.kept).toHaveLength(200);
    expect(result.kept.map((p) => p.id)).toEqual(unrelated.map((p) => p.id));
  });

  test("verbatim copies match by both methods with similarity 1; paraphrases by shared 13-grams", () => {
    for (const p of verbatim) {
      const pair = result.pairs.find((x) => x.train_id === `copy-${p.id}` && x.eval_id === p.id);
      expect(pair?.methods).toEqual(["ngram", "minhash"]);
      expect(pair?.jaccard).toBe(1);
      expect(pair?.ngram_coverage).toBe(1);
    }
    for (const p of paraphrased) {
      const pair = result.pairs.find((x) => x.train_id === `para-${p.id}` && x.eval_id === p.id);
      expect(pair?.methods).toContain("ngram");
      expect(pair?.ngram_matches).toBeGreaterThan(0);
      expect(pair?.ngram_coverage).toBeLessThan(1);
      expect(pair?.example_ngram?.split(" ")).toHaveLength(13);
    }
  });
});

describe("decontaminate methods", () => {
  const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");

  test("MinHash alone catches a near-copy when n-grams are too long to match", () => {
    const evalP = makeProblem("e", { statement: long });
    const near = makeProblem("t", { statement: long.replace("word59", "other") });
    const r = decontaminate([near], [{ name: "E", problems: [evalP] }], { ngram: 100 });
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]?.methods).toEqual(["minhash"]);
    expect(r.pairs[0]?.jaccard).toBeGreaterThanOrEqual(0.8);
  });

  test("n-grams shared by many evaluation statements are boilerplate and do not count", () => {
    const boiler = "the first line of the input contains a single integer n the number of test cases";
    const evalSet = Array.from({ length: 12 }, (_, i) => makeProblem(`e${i}`, { statement: `${boiler} then story number ${i} about topic ${i * 7}` }));
    const t = makeProblem("t", { statement: `${boiler} and an entirely different task about painting fences` });
    const r = decontaminate([t], [{ name: "E", problems: evalSet }], { maxGramDocs: 10 });
    expect(r.pairs).toEqual([]);
    expect(r.boilerplateGrams).toBeGreaterThan(0);
    const strict = decontaminate([t], [{ name: "E", problems: evalSet }], { maxGramDocs: 100 });
    expect(strict.pairs).toHaveLength(12);
  });

  test("n-grams touching text shared by many training statements are boilerplate too", () => {
    // The wrapper is shorter than the 13-gram and appears only in the training rows.
    const wrapper = "please complete the following python code precisely";
    const train = Array.from({ length: 12 }, (_, i) => makeProblem(`t${i}`, { statement: `story ${i} about topic ${i * 7} ${wrapper} class solution def f${i} self nums list int` }));
    const evalP = makeProblem("e", { statement: `a different story about painting fences ${wrapper} class solution def f3 self nums list int` });
    expect(decontaminate(train, [{ name: "E", problems: [evalP] }], { maxGramDocs: 10 }).pairs).toEqual([]);
    expect(decontaminate(train, [{ name: "E", problems: [evalP] }], { maxGramDocs: 100 }).pairs.map((p) => p.train_id)).toEqual(["t3"]);
  });

  test("rllm's leetcode test set against itself: each row matches itself, and no pair is linked by its prompt wrapper", async () => {
    const rows = (await loadAll({ path: RLLM_LEETCODE_GZ })).problems;
    const r = decontaminate(rows, [{ name: "self", problems: rows }]);
    expect(r.pairs.filter((p) => p.train_id === p.eval_id).length).toBe(200);
    const linkedByWrapper = r.pairs.filter(
      (p) => p.train_id !== p.eval_id && /markdown code block|complete the following python code|class solution def/.test(p.example_ngram ?? ""),
    );
    expect(linkedByWrapper).toEqual([]);
    // Before wrapper text counted as boilerplate, 1082 pairs linked different rows; the rest share real text.
    expect(r.pairs.filter((p) => p.train_id !== p.eval_id).length).toBeLessThan(200);
  });

  test("rejects a threshold outside (0, 1]", () => {
    expect(() => decontaminate([], [], { minhashThreshold: 1.5 })).toThrow("--minhash-threshold");
  });
});
