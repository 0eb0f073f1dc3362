/** Metrics: the pass@k estimator and run-level summaries. */
export { passAtK } from "./pass-at-k.ts";
export { bootstrapPassAtK, comparePaired, createRng, testMcNemar } from "./confidence.ts";
export type { BootstrapOptions, McNemarResult, PairedDifference, PassAtKInterval } from "./confidence.ts";
export { MetricsError, summarizeRun, summarizeTallies } from "./summarize.ts";
export type { GroupMetrics, JudgedSampleLite, ProblemLite, ProblemTally, RunMetrics, SampleTotals } from "./summarize.ts";
