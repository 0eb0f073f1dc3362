/** Prompts for code generation, built from canonical Problems: what `eval` sends and what dataset exports write. */
import { UsageError } from "../judges/errors.ts";
import type { Language } from "../judges/types.ts";
import type { Problem } from "./types.ts";

/** What the generator sends for one problem. `prompt` is the user message (chat) or the raw prompt (completion). */
export interface PromptSpec {
  id: string;
  prompt: string;
  /** System message (chat style only). */
  system?: string;
  /** Recorded with each sample so extraction need not infer it. */
  language?: Language;
  /** Stop sequences (completion style continuations). */
  stop?: string[];
}

const NAMES: Record<Language, string> = { cpp: "C++17", python: "Python 3" };
const TAGS: Record<Language, string> = { cpp: "cpp", python: "python" };

/** Codex-style stops: the function body ends where a new top-level statement starts. */
const PYTHON_CONTINUATION_STOPS = ["\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#"];

const SYSTEM =
  "You are an expert programmer. Solve the task exactly as specified and reply with the code in a single fenced code block.";

/** Builds the prompt for `problem` in `language`; throws when the problem does not accept the language. */
export function buildPrompt(problem: Problem, language: Language, style: "chat" | "completion" = "chat"): PromptSpec {
  if (!problem.languages.includes(language)) {
    throw new UsageError(`problem '${problem.id}' does not accept ${language} (accepts: ${problem.languages.join(", ")})`);
  }
  if (style === "completion") return buildCompletionPrompt(problem, language);
  const name = NAMES[language];
  const tag = TAGS[language];
  const statement = problem.statement.trim();
  const prefix = problem.solution_prefix;
  let user: string;
  if (problem.mode === "function" && prefix) {
    // HumanEval's prefix usually contains the statement as a docstring; do not repeat it.
    const extra = statement && !prefix.includes(statement) ? `\n\n${statement}` : "";
    user =
      `Complete the following ${name} function.\n\n\`\`\`${tag}\n${prefix.trimEnd()}\n\`\`\`${extra}\n\n` +
      `Reply with the complete function, including its signature, the imports it needs and any helper ` +
      `functions, in a single \`\`\`${tag} code block.`;
  } else if (problem.mode === "function") {
    const named = problem.entry_point ? ` named \`${problem.entry_point}\`` : "";
    user =
      `${statement}\n\nWrite a ${name} function${named} that solves the task. It must not read input or print ` +
      `output. Reply with the function and the imports it needs in a single \`\`\`${tag} code block.`;
  } else {
    user =
      `${statement}\n\nWrite a complete ${name} program that reads the input from standard input and writes ` +
      `the answer to standard output. Do not read or write files. Reply with the whole program in a single ` +
      `\`\`\`${tag} code block.`;
  }
  return { id: problem.id, prompt: user, system: SYSTEM, language };
}

function buildCompletionPrompt(problem: Problem, language: Language): PromptSpec {
  const prefix = problem.solution_prefix;
  if (problem.mode === "function" && prefix) {
    return {
      id: problem.id,
      prompt: prefix,
      language,
      ...(language === "python" ? { stop: PYTHON_CONTINUATION_STOPS } : {}),
    };
  }
  const mark = language === "python" ? "#" : "//";
  const comment = problem.statement
    .trim()
    .split("\n")
    .map((l) => (l ? `${mark} ${l}` : mark))
    .join("\n");
  const task =
    problem.mode === "function"
      ? `${mark} Write a ${NAMES[language]} function${problem.entry_point ? ` ${problem.entry_point}` : ""} solving the task above.`
      : `${mark} A complete ${NAMES[language]} program solving the task above, reading stdin and writing stdout.`;
  return { id: problem.id, prompt: `${comment}\n${task}\n`, language };
}
