/** What the reward server's route handlers share, apart from app.ts so handler modules (openrlhf.ts) can name it without an import cycle. */
import type { Problem } from "../../datasets/types.ts";
import type { RewardSchema } from "../rewards/definition.ts";
import type { ScoreItem, Scorer } from "./scorer.ts";

/** Everything the route handlers share. */
export interface RewardAppContext {
  scorer: Scorer;
  problems: ReadonlyMap<string, Problem>;
  deadlineMs: number;
  defaultSchema: string;
  schemaFor(spec: unknown): RewardSchema;
  buildItems(items: { id: string | number; problem_id?: string; problem?: Record<string, unknown>; completion: string; language?: ScoreItem["language"]; truncated?: boolean; group?: string | number }[], field: string): ScoreItem[];
}
