/**
 * Training data through the datasets code: SFT records from reference solutions, RL prompts that
 * name their problem by id (the reward server holds the tests as ground truth). Prompts are the ones
 * `eval` sends, flattened into the package's plain-text chat layout.
 */
import { join } from "node:path";
import type { Language } from "../judges/types.ts";
import { toTrlRecords } from "../datasets/prepare/export-trl.ts";
import { writeJsonl, writeProblems } from "../datasets/prepare/io.ts";
import type { ChatMessage } from "../datasets/prepare/convert.ts";
import type { Problem } from "../datasets/types.ts";
import type { PreparedData } from "./types.ts";

/** The package's chat layout (codejudge_train.sft.record_texts): `<|role|>\ncontent\n` turns, then the assistant's tag. */
export function flattenPrompt(messages: readonly ChatMessage[]): string {
  return `${messages.map((m) => `<|${m.role}|>\n${m.content}\n`).join("")}<|assistant|>\n`;
}

const contentOf = (v: unknown): ChatMessage[] => v as ChatMessage[];

/** `{prompt, completion}` records, one per problem with a reference solution in the language. */
export async function prepareSftRecords(problems: readonly Problem[], dataDir: string, language?: Language): Promise<PreparedData> {
  const r = toTrlRecords(problems, "prompt-completion", { language });
  const records = r.records.map((rec) => ({
    prompt: flattenPrompt(contentOf(rec.prompt)),
    completion: contentOf(rec.completion)[0]?.content ?? "",
  }));
  const train = join(dataDir, "sft.jsonl");
  await writeJsonl(train, records);
  return { train, records: records.length, skipped: r.skipped };
}

/** `{prompt, problem_id, language}` records and the problems file the reward server loads. */
export async function prepareRlPrompts(problems: readonly Problem[], dataDir: string, language?: Language): Promise<PreparedData> {
  const r = toTrlRecords(problems, "prompt", { language });
  const byId = new Map(problems.map((p) => [p.id, p]));
  const records = r.records.map((rec) => {
    const id = String(rec.problem_id);
    const p = byId.get(id);
    const lang = language ?? (p?.languages.includes("python") ? "python" : p?.languages[0]);
    return { prompt: flattenPrompt(contentOf(rec.prompt)), problem_id: id, ...(lang && p?.mode !== "answer" ? { language: lang } : {}) };
  });
  const train = join(dataDir, "prompts.jsonl");
  const problemsFile = join(dataDir, "problems.jsonl");
  await writeJsonl(train, records);
  await writeProblems(problemsFile, problems);
  return { train, records: records.length, problems: problemsFile, skipped: r.skipped };
}
