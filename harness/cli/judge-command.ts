/** `bun run judge`: judge one source file against one problem. */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { openDataset } from "../../datasets/open.ts";
import { describeUnknownLanguage, languageOfExtension, parseLanguage } from "../../judges/languages.ts";
import type { Language } from "../../judges/types.ts";
import { UsageError } from "../../judges/errors.ts";
import { openAnswerOnlyJudge, openJudge } from "./open-judge.ts";

export interface JudgeCommandOptions {
  problem: string;
  source: string;
  lang?: string;
  judge: string;
  allTests?: boolean;
  json?: boolean;
  format?: string;
  /** Hub cache root when --problem is an `hf:` spec. */
  hubCache?: string;
  testlib?: string;
  /** `--checker NAME|auto` for a problem without a checker (datasets/checker-policy.ts). */
  checker?: string;
  unsafeNoSandbox?: boolean;
}

/** Picks the language from --lang (any alias of judges/languages.ts) or the file extension. */
export function resolveLanguage(source: string, lang?: string): Language {
  if (lang) {
    const l = parseLanguage(lang);
    if (!l) throw new UsageError(`--lang: ${describeUnknownLanguage(lang)}`);
    return l;
  }
  const l = languageOfExtension(extname(source));
  if (!l) throw new UsageError(`cannot tell the language of ${source}; pass --lang cpp|python`);
  return l;
}

/** Runs the judge command; returns the exit code (0 whatever the verdict: a verdict is data). */
export async function runJudgeCommand(o: JudgeCommandOptions): Promise<number> {
  const { problems } = await openDataset(o.problem, { format: o.format, hubCache: o.hubCache, checker: o.checker });
  if (problems.length !== 1) throw new UsageError(`${o.problem} holds ${problems.length} problems; judge takes exactly one`);
  const problem = problems[0]!;
  const code = await readFile(o.source, "utf8").catch((err: unknown) => {
    throw new UsageError(`cannot read --source ${o.source}: ${(err as Error).message}`);
  });
  const language = resolveLanguage(o.source, o.lang);
  // An answer-mode problem (GSM8K) runs no program: no sandbox backend, so no bwrap or g++, is needed.
  const handle = problem.mode === "answer" ? openAnswerOnlyJudge({}) : await openJudge(o);
  try {
    const { judge, sandbox } = handle;
    // The file is a whole program: judged exactly as written, no extraction.
    const judged = await judge(problem, { problemId: problem.id, completion: code, language, raw: true }, { allTests: o.allTests });
    const j = judged.judgement;
    const doc = {
      problem_id: problem.id,
      verdict: judged.verdict,
      language,
      judge: sandbox.name,
      passed: j?.passed ?? 0,
      total: j?.total ?? (problem.mode === "function" ? 1 : problem.tests.length),
      score: j?.score ?? 0,
      error: j?.error ?? null,
      compile: j?.compile ?? null,
      tests: (j?.tests ?? []).map((t) => ({
        index: t.index,
        kind: t.kind,
        verdict: t.verdict,
        time_ms: t.timeMs,
        wall_ms: t.wallMs,
        memory_kb: t.memoryKb,
        exit_code: t.exitCode,
        signal: t.signal,
        checker_message: t.checkerMessage ?? null,
        stdout: t.stdout,
        stderr: t.stderr,
      })),
    };
    if (o.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
    else {
      process.stdout.write(`${doc.verdict}  ${doc.passed}/${doc.total} tests  (${problem.id}, ${language}, ${sandbox.name})\n`);
      for (const t of doc.tests) process.stdout.write(`  test ${t.index} ${t.verdict.padEnd(4)} ${t.time_ms.toFixed(0)} ms ${t.memory_kb} KiB${t.checker_message ? `  ${t.checker_message}` : ""}\n`);
      if (doc.compile && !doc.compile.ok) process.stdout.write(`compile log:\n${doc.compile.log}\n`);
      if (doc.error) process.stdout.write(`error: ${doc.error}\n`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
