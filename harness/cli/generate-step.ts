/** The generation half of `bun run eval --endpoint`: samples are appended to a JSONL file as they arrive. */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Problem } from "../../datasets/types.ts";
import type { Language } from "../../judges/types.ts";
import { buildPrompt, generateSamples } from "../generate/index.ts";
import { UsageError } from "../../judges/errors.ts";

export interface GenerateStepOptions {
  endpoint?: string;
  model?: string;
  samples?: string;
  name?: string;
  db: string;
  n: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  genConcurrency: number;
  genLang?: Language;
  quiet?: boolean;
}

/** Generates the missing samples (resuming a partial file) and returns the samples file path. */
export async function generateForEval(
  o: GenerateStepOptions,
  problems: Problem[],
  datasetId: string,
  signal?: AbortSignal,
): Promise<string> {
  if (!o.endpoint || !o.model) throw new UsageError("generation needs --endpoint and --model");
  const safe = (o.name ?? `${datasetId}-${o.model}`).replace(/[^A-Za-z0-9._-]+/g, "_");
  const outPath = o.samples ?? join(dirname(o.db), "samples", `${safe}.jsonl`);
  mkdirSync(dirname(outPath), { recursive: true });
  const prompts = problems.map((p) => buildPrompt(p, pickLanguage(p, o.genLang)));
  const summary = await generateSamples({
    endpoint: o.endpoint,
    model: o.model,
    apiKey: process.env.OPENAI_API_KEY,
    n: o.n,
    temperature: o.temperature,
    topP: o.topP,
    maxTokens: o.maxTokens,
    concurrency: o.genConcurrency,
    retries: 5,
    problems: prompts,
    outPath,
    signal,
  });
  if (!o.quiet) {
    process.stderr.write(
      `generated ${summary.written} samples (${summary.complete}/${summary.problems} problems already complete, ` +
        `${summary.retries} retries, ${summary.truncated} truncated) -> ${outPath}\n`,
    );
  }
  return outPath;
}

function pickLanguage(p: Problem, wanted: Language | undefined): Language {
  if (wanted && p.languages.includes(wanted)) return wanted;
  const first = p.languages[0];
  if (!first) throw new UsageError(`problem ${p.id} lists no languages`);
  return first;
}
