/** The reward server: Hono app and Bun server. Its load bench lives in harness/bench/reward-server-bench.ts. */
export { createRewardApp, type RewardAppOptions } from "./app.ts";
export { indexProblems, startRewardServer, type RewardServer, type RewardServerOptions } from "./start.ts";
export type { ScoreResult, ScoreStatus } from "./scorer.ts";
