/**
 * MultiPL-E rows (`name, language, prompt, doctests, original, prompt_terminology, tests,
 * stop_tokens`): HumanEval and MBPP translated to other languages. The model continues `prompt`
 * (a signature and its doc comment); `tests` is a program that checks the function (for C++, a
 * `main` of asserts), so the program is the solution followed by the tests, and exit 0 passes.
 *
 * MultiPL-E cuts completions at the stop token `\n}` and its C++ `tests` therefore begin with the
 * `}` closing the function. Whole functions (chat answers) are judged with the tests, so that
 * leading brace is dropped from the test code; `stop_tokens` is kept, and a bare continuation is
 * cut at them and its function closed at extraction (harness/extract/stop-tokens.ts), so
 * `prompt + completion + tests` is judged as MultiPL-E judges it.
 */
import { z } from "zod";
import type { Language } from "../../judges/types.ts";
import * as defaults from "../defaults.ts";
import type { DatasetFormat, RowLocation } from "../types.ts";
import { failField, parseRow } from "./parse-row.ts";

const schema = z.looseObject({
  name: z.string().min(1),
  language: z.string(),
  prompt: z.string(),
  tests: z.string().min(1),
  stop_tokens: z.array(z.string()).nullish(),
});

/** MultiPL-E's language names for the languages the judge runs. */
const LANGUAGES: Readonly<Record<string, Language>> = { cpp: "cpp", py: "python" };

/** MultiPL-E problems in C++ or Python (other languages are rejected by field). */
export const multipleFormat: DatasetFormat = {
  id: "multipl-e",
  detect: (row) => ["name", "language", "prompt", "tests", "stop_tokens"].every((k) => k in row),
  convert(row, at) {
    const r = parseRow(schema, row, at);
    const language = LANGUAGES[r.language];
    if (!language) {
      failField(at, "language", `MultiPL-E language '${r.language}' is not one the judge runs (${Object.keys(LANGUAGES).join(", ")})`);
    }
    const testCode = language === "cpp" ? r.tests.replace(/^\s*\}[ \t]*\r?\n/, "") : r.tests;
    return {
      id: r.name,
      statement: r.prompt,
      mode: "function",
      tests: [],
      test_code: testCode,
      solution_prefix: r.prompt,
      entry_point: findEntryPoint(r.name, r.prompt, language, at),
      time_limit_ms: defaults.DEFAULT_TIME_LIMIT_MS,
      memory_limit_mb: defaults.DEFAULT_MEMORY_LIMIT_MB,
      checker: defaults.DEFAULT_CHECKER,
      languages: [language],
      source: "multipl-e",
      tags: [],
      ...(r.stop_tokens?.length ? { stop_tokens: r.stop_tokens } : {}),
    };
  },
};

/** `HumanEval_53_add` -> `add`; otherwise the last function the prompt declares. */
function findEntryPoint(name: string, prompt: string, language: Language, at: RowLocation): string {
  const fromName = /^(?:HumanEval|mbpp)_\d+_(\w+)$/.exec(name)?.[1];
  if (fromName) return fromName;
  const re = language === "python" ? /^def\s+([A-Za-z_]\w*)\s*\(/gm : /([A-Za-z_]\w*)\s*\([^;{}()]*\)\s*\{\s*$/gm;
  const found = [...prompt.matchAll(re)].pop()?.[1];
  if (!found) return failField(at, "prompt", "cannot find the function the prompt declares");
  return found;
}
