/**
 * One scored item as the reward server answers it. Its own module, because the scorer makes these
 * and the statistics (score-stats.ts), which the scorer keeps, read them.
 */
import type { Verdict } from "../../judges/types.ts";

export type ScoreStatus = "ok" | "infra_error" | "timeout";

export interface ScoreResult {
  id: string | number;
  reward: number | null;
  verdict: Verdict | null;
  status: ScoreStatus;
  latency_ms: number;
  details: {
    passed?: number;
    total?: number;
    compiled?: boolean;
    cached?: boolean;
    /** Index of the schema rule that decided the reward. */
    rule?: number;
    /** Truncated completion under overlong masking: no reward signal on purpose. */
    masked?: boolean;
    error?: string;
  };
}
