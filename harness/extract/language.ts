/** Language of a fence tag or of a piece of code. */
import { parseLanguage } from "../../judges/languages.ts";
import type { Language } from "../../judges/types.ts";

/** Language named by a normalised fence tag: a Language, "untagged" for "", "other" for anything else. */
export function classifyTag(tag: string): Language | "untagged" | "other" {
  if (tag === "") return "untagged";
  return parseLanguage(tag) ?? "other";
}

const CPP_SIGNS: RegExp[] = [
  /^\s*#\s*include\b/m,
  /\bint\s+main\s*\(/,
  /^\s*using\s+namespace\b/m,
  /\bstd::/,
  /\b(cout|cin)\s*(<<|>>)/,
  /^\s*(template\s*<|typedef\s|#\s*define\s)/m,
];

const PYTHON_SIGNS: RegExp[] = [
  /^\s*(async\s+)?def\s+\w+\s*\(/m,
  /^\s*import\s+[\w.]+/m,
  /^\s*from\s+[\w.]+\s+import\b/m,
  /\bprint\s*\(/,
  /\binput\s*\(\s*\)/,
  /^\s*(if|for|while|elif|else|with|try|except)\b[^{;]*:\s*(#.*)?$/m,
];

/** Infers the language of code from tell-tale constructs; null when neither or both look equally likely. */
export function inferLanguage(code: string): Language | null {
  const cpp = CPP_SIGNS.filter((re) => re.test(code)).length;
  const python = PYTHON_SIGNS.filter((re) => re.test(code)).length;
  // `#include` settles it: no Python program starts a line with it.
  if (/^\s*#\s*include\s*[<"]/m.test(code)) return "cpp";
  if (cpp > python) return "cpp";
  if (python > cpp) return "python";
  return null;
}
