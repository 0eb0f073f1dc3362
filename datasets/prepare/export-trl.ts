/**
 * `datasets export --to trl`: problems as TRL dataset records, with the same prompts `eval` sends.
 *   prompt-completion: {prompt: [system, user], completion: [assistant]}  (SFT on reference solutions)
 *   messages:          {messages: [system, user, assistant]}              (SFT, chat layout)
 *   prompt:            {prompt: [system, user], problem_id}               (GRPO: rewards come from the judge)
 * Answer-mode problems (no program, e.g. GSM8K) get their statement as the user message.
 */
import { buildPrompt } from "../prompt.ts";
import type { Language } from "../../judges/types.ts";
import type { Problem } from "../types.ts";
import type { ChatMessage } from "./convert.ts";

export type TrlStyle = "prompt-completion" | "messages" | "prompt";
export const TRL_STYLES: readonly TrlStyle[] = ["prompt-completion", "messages", "prompt"];

export interface ExportOptions {
  /** Language the prompt asks for (default: python when accepted, else the problem's first). */
  language?: Language;
}

export interface ExportResult<R> {
  records: R[];
  skipped: { no_solution: number; language: number };
}

/** The chat prompt of a problem, as eval builds it; an answer-mode problem's is its statement. */
export function promptMessages(problem: Problem, language: Language | null): ChatMessage[] {
  if (problem.mode === "answer" || language === null) return [{ role: "user", content: problem.statement }];
  const spec = buildPrompt(problem, language, "chat");
  return [...(spec.system ? [{ role: "system", content: spec.system }] : []), { role: "user", content: spec.prompt }];
}

/**
 * The language a problem is exported in; null for an answer-mode problem (no program), undefined
 * when it does not accept the requested one.
 */
export function pickLanguage(problem: Problem, wanted: Language | undefined): Language | null | undefined {
  if (problem.mode === "answer") return null;
  if (wanted) return problem.languages.includes(wanted) ? wanted : undefined;
  return problem.languages.includes("python") ? "python" : problem.languages[0];
}

/** TRL records; problems without a reference solution in the language are skipped for the SFT styles. */
export function toTrlRecords(problems: readonly Problem[], style: TrlStyle, opts: ExportOptions = {}): ExportResult<Record<string, unknown>> {
  const records: Record<string, unknown>[] = [];
  const skipped = { no_solution: 0, language: 0 };
  for (const p of problems) {
    const language = pickLanguage(p, opts.language);
    if (language === undefined) {
      skipped.language++;
      continue;
    }
    const prompt = promptMessages(p, language);
    if (style === "prompt") {
      records.push({ prompt, problem_id: p.id });
      continue;
    }
    const solution = language === null ? undefined : p.solutions?.find((s) => s.language === language);
    if (!solution || language === null) {
      skipped.no_solution++;
      continue;
    }
    const answer: ChatMessage = { role: "assistant", content: `\`\`\`${language}\n${solution.code.trimEnd()}\n\`\`\`` };
    records.push(style === "messages" ? { messages: [...prompt, answer] } : { prompt, completion: [answer] });
  }
  return { records, skipped };
}
