/**
 * `datasets decontaminate`: finds training problems whose statements overlap an evaluation set's,
 * by two methods, and drops them:
 *   n-gram: the statements share a word n-gram (default 13) after normalisation, the test used
 *     in LLM decontamination reports; n-grams found in many evaluation statements, and n-grams that
 *     touch text shared by many training or evaluation statements (a prompt wrapper, "the first
 *     line contains ..."; see boilerplate.ts), are boilerplate and ignored;
 *   MinHash: the Jaccard similarity of their 5-word shingle sets is at least the threshold
 *     (LSH proposes candidates, the exact Jaccard confirms them).
 */
import type { Problem } from "../types.ts";
import { learnBoilerplate } from "./boilerplate.ts";
import { chooseBands, estimateJaccard, jaccard, LshIndex } from "./minhash.ts";
import { checkSimilarityOptions, DEFAULT_SIMILARITY, makeDocs, type SimilarityOptions, type TextDoc } from "./text-docs.ts";

export interface EvalSet {
  name: string;
  problems: readonly Problem[];
}

export interface DecontaminateOptions extends SimilarityOptions {
  /** An n-gram present in more evaluation statements than this is boilerplate and ignored (default 10). */
  maxGramDocs: number;
}

export const DEFAULT_DECONTAMINATE: DecontaminateOptions = { ...DEFAULT_SIMILARITY, maxGramDocs: 10 };

export interface ContaminationPair {
  train_id: string;
  eval_set: string;
  eval_id: string;
  methods: ("ngram" | "minhash")[];
  /** Distinct n-grams the two statements share. */
  ngram_matches: number;
  /** Shared n-grams as a fraction of the evaluation statement's n-grams. */
  ngram_coverage: number;
  /** Exact Jaccard similarity of the shingle sets. */
  jaccard: number;
  /** MinHash estimate of the same. */
  minhash_estimate: number;
  /** One shared n-gram, for a reader to check the match. */
  example_ngram: string | null;
}

export interface DecontaminationResult {
  kept: Problem[];
  dropped: Problem[];
  pairs: ContaminationPair[];
  options: DecontaminateOptions;
  boilerplateGrams: number;
}

/** Finds every (training, evaluation) pair that overlaps and splits the training set accordingly. */
export function decontaminate(
  train: readonly Problem[],
  evalSets: readonly EvalSet[],
  options: Partial<DecontaminateOptions> = {},
): DecontaminationResult {
  const opts = { ...DEFAULT_DECONTAMINATE, ...options };
  checkSimilarityOptions(opts);
  const evalDocs: { set: string; doc: TextDoc }[] = evalSets.flatMap((s) => makeDocs(s.problems, opts).map((doc) => ({ set: s.name, doc })));
  const trainDocs = makeDocs(train, opts);
  // Text shared by many statements of either side (a prompt wrapper) is boilerplate, not overlap.
  const boilerplate = learnBoilerplate([...trainDocs, ...evalDocs.map((e) => e.doc)].map((d) => d.problem.statement), opts.ngram, opts.maxGramDocs);
  for (const d of [...trainDocs, ...evalDocs.map((e) => e.doc)]) d.grams = boilerplate.contentGrams(d.problem.statement);

  const gramDocs = new Map<string, number[]>();
  evalDocs.forEach(({ doc }, i) => {
    for (const g of doc.grams) {
      const list = gramDocs.get(g);
      if (list) list.push(i);
      else gramDocs.set(g, [i]);
    }
  });
  let boilerplateGrams = boilerplate.boilerplateSpans;
  for (const [g, docs] of gramDocs) {
    if (docs.length > opts.maxGramDocs) {
      gramDocs.delete(g);
      boilerplateGrams++;
    }
  }
  const { bands, rows } = chooseBands(opts.permutations, opts.minhashThreshold);
  const lsh = new LshIndex<number>(bands, rows);
  evalDocs.forEach(({ doc }, i) => lsh.add(i, doc.sig));

  const pairs: ContaminationPair[] = [];
  const kept: Problem[] = [];
  const dropped: Problem[] = [];
  for (const doc of trainDocs) {
    const shared = new Map<number, { count: number; example: string }>();
    for (const g of doc.grams) {
      for (const i of gramDocs.get(g) ?? []) {
        const s = shared.get(i);
        if (s) s.count++;
        else shared.set(i, { count: 1, example: g });
      }
    }
    const near = new Map<number, number>();
    for (const i of lsh.candidates(doc.sig)) {
      const j = jaccard(doc.shingles, (evalDocs[i] as { doc: TextDoc }).doc.shingles);
      if (j >= opts.minhashThreshold) near.set(i, j);
    }
    const hits = [...new Set([...shared.keys(), ...near.keys()])].sort((a, b) => a - b);
    for (const i of hits) {
      const e = evalDocs[i] as { set: string; doc: TextDoc };
      const s = shared.get(i);
      pairs.push({
        train_id: doc.problem.id,
        eval_set: e.set,
        eval_id: e.doc.problem.id,
        methods: [...(s ? ["ngram" as const] : []), ...(near.has(i) ? ["minhash" as const] : [])],
        ngram_matches: s?.count ?? 0,
        ngram_coverage: s && e.doc.grams.size > 0 ? s.count / e.doc.grams.size : 0,
        jaccard: near.get(i) ?? jaccard(doc.shingles, e.doc.shingles),
        minhash_estimate: estimateJaccard(doc.sig, e.doc.sig),
        example_ngram: s?.example ?? null,
      });
    }
    (hits.length > 0 ? dropped : kept).push(doc.problem);
  }
  return { kept, dropped, pairs, options: opts, boilerplateGrams };
}
