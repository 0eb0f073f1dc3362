/**
 * OpenRLHF's remote reward protocol (`--reward.remote_url http://host:port/get_reward`): the trainer
 * posts `{query, prompts, labels}` where each query is prompt + response decoded with its special
 * tokens kept, and each label is what the dataset's `--data.label_key` column held ("" without one).
 * Here a label is a problem id, a canonical problem (an object, or JSON text), or `{problem_id}`.
 * The answer is `{rewards, scores, extra_logs}`; an infrastructure failure is null in `rewards`,
 * so the trainer fails loudly instead of learning from a fake 0.
 */
import type { RewardAppContext } from "./app-context.ts";
import { BadRequest, openRlhfRequest, parseBody } from "./requests.ts";
import { stripSpecialTokens } from "./special-tokens.ts";

export interface OpenRlhfResponse {
  rewards: (number | null)[];
  /** Same values as rewards (OpenRLHF uses scores for dynamic filtering). */
  scores: (number | null)[];
  /** Per-sample numbers OpenRLHF logs as means. */
  extra_logs: { pass: number[]; infra_error: number[]; timeout: number[]; masked: number[] };
}

export interface OpenRlhfQuery {
  schema?: string;
  deadline_ms?: string;
}

type Label = string | Record<string, unknown> | null;

/** Scores an OpenRLHF request with the schema named in `?schema=` (or the server default). */
export async function scoreOpenRlhf(ctx: RewardAppContext, body: unknown, query: OpenRlhfQuery, specialTokens: readonly string[]): Promise<OpenRlhfResponse> {
  const req = parseBody(openRlhfRequest, body);
  const n = req.query.length;
  if (!req.labels || req.labels.length !== n) {
    throw new BadRequest(`labels: need one label (problem id or problem) per query; got ${req.labels?.length ?? 0} for ${n} queries; set --data.label_key to the dataset column holding the problem id`);
  }
  if (req.prompts && req.prompts.length !== n) throw new BadRequest(`prompts: ${req.prompts.length} prompts for ${n} queries`);
  if (req.truncated && req.truncated.length !== n) throw new BadRequest(`truncated: ${req.truncated.length} flags for ${n} queries`);
  const labels = req.labels;
  const items = ctx.buildItems(
    req.query.map((q, i) => {
      const prompt = req.prompts?.[i];
      const response = prompt !== undefined && q.startsWith(prompt) ? q.slice(prompt.length) : q;
      const completion = stripSpecialTokens(response, specialTokens);
      const truncated = req.truncated?.[i];
      return { id: i, completion, ...problemRef(labels[i] ?? null, i), ...(truncated !== undefined ? { truncated } : {}) };
    }),
    "labels",
  );
  const schema = ctx.schemaFor(query.schema ?? ctx.defaultSchema);
  const deadline = Math.min(req.deadline_ms ?? parseDeadline(query.deadline_ms) ?? ctx.deadlineMs, ctx.deadlineMs);
  const results = await ctx.scorer.score(items, { schema, tests: "all", deadlineMs: deadline });
  const rewards = results.map((r) => r.reward);
  return {
    rewards,
    scores: rewards,
    extra_logs: {
      pass: results.map((r) => (r.verdict === "AC" ? 1 : 0)),
      infra_error: results.map((r) => (r.status === "infra_error" ? 1 : 0)),
      timeout: results.map((r) => (r.status === "timeout" ? 1 : 0)),
      masked: results.map((r) => (r.details.masked ? 1 : 0)),
    },
  };
}

/** The item's problem reference from an OpenRLHF label. */
function problemRef(label: Label, i: number): { problem_id: string } | { problem: Record<string, unknown> } {
  if (label === null || (typeof label === "string" && label.trim() === "")) {
    // OpenRLHF sends "" for every sample when no label key is configured.
    throw new BadRequest(`labels[${i}]: empty label; start OpenRLHF with --data.label_key <column> naming the dataset column that holds the problem id (or the problem as an object)`);
  }
  const value = typeof label === "string" && label.trimStart().startsWith("{") ? parseLabel(label, i) : label;
  if (typeof value === "string") return { problem_id: value.trim() };
  const keys = Object.keys(value);
  if (typeof value.problem_id === "string" && keys.every((k) => k === "problem_id")) return { problem_id: value.problem_id };
  return { problem: value };
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

function parseDeadline(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new BadRequest(`deadline_ms: '${text}' is not a positive whole number of milliseconds`);
  return ms;
}
