/**
 * OpenRLHF's remote reward protocol (`--remote_rm_url http://host:port/get_reward`): the trainer
 * posts `{query, prompts, labels}` where each query is prompt + response and each label is what
 * the dataset's label column held. Here a label is a problem id, or a canonical problem as JSON.
 * The answer is `{rewards, scores, extra_logs}`; an infrastructure failure is null in `rewards`,
 * so the trainer fails loudly instead of learning from a fake 0.
 */
import type { RewardAppContext } from "./app-context.ts";
import { BadRequest, openRlhfRequest, parseBody } from "./requests.ts";

export interface OpenRlhfResponse {
  rewards: (number | null)[];
  /** Same values as rewards (OpenRLHF uses scores for dynamic filtering). */
  scores: (number | null)[];
  /** Per-sample numbers OpenRLHF logs as means. */
  extra_logs: { pass: number[]; infra_error: number[]; timeout: number[] };
}

/** Scores an OpenRLHF request with the schema named in `?schema=` (or the server default). */
export async function scoreOpenRlhf(ctx: RewardAppContext, body: unknown, schemaSpec: string | undefined): Promise<OpenRlhfResponse> {
  const req = parseBody(openRlhfRequest, body);
  const n = req.query.length;
  if (!req.labels || req.labels.length !== n) {
    throw new BadRequest(`labels: need one label (problem id or problem JSON) per query; got ${req.labels?.length ?? 0} for ${n} queries`);
  }
  if (req.prompts && req.prompts.length !== n) throw new BadRequest(`prompts: ${req.prompts.length} prompts for ${n} queries`);
  const items = ctx.buildItems(
    req.query.map((q, i) => {
      const prompt = req.prompts?.[i];
      const completion = prompt !== undefined && q.startsWith(prompt) ? q.slice(prompt.length) : q;
      const label = (req.labels as string[])[i] as string;
      return label.trimStart().startsWith("{")
        ? { id: i, problem: parseLabel(label, i), completion }
        : { id: i, problem_id: label, completion };
    }),
    "labels",
  );
  const schema = ctx.schemaFor(schemaSpec ?? ctx.defaultSchema);
  const results = await ctx.scorer.score(items, { schema, tests: "all", deadlineMs: ctx.deadlineMs });
  const rewards = results.map((r) => r.reward);
  return {
    rewards,
    scores: rewards,
    extra_logs: {
      pass: results.map((r) => (r.verdict === "AC" ? 1 : 0)),
      infra_error: results.map((r) => (r.status === "infra_error" ? 1 : 0)),
      timeout: results.map((r) => (r.status === "timeout" ? 1 : 0)),
    },
  };
}

function parseLabel(label: string, i: number): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(label);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new BadRequest(`labels[${i}]: starts with '{' but is not a JSON problem object`);
}
