/**
 * Joining code with a problem's solution prefix (HumanEval's prompt). A continuation (a function
 * body) is appended to the prefix verbatim. A full function is not prefixed again, but it may rely
 * on what the prefix declared before the function: imports and helper functions.
 */
import type { Language } from "../../judges/types.ts";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when the first non-blank line is indented: the code is a function body, not a module. */
export function startsIndented(code: string): boolean {
  const first = code.split("\n").find((l) => l.trim() !== "");
  return first !== undefined && /^[ \t]/.test(first);
}

/**
 * True when `code` defines the function `name` at top level, or (Python) as a method of a top-level
 * class: a LeetCode-style answer that writes the whole `class Solution` is complete, and the sources'
 * testers call the method on an instance.
 */
export function definesFunction(code: string, language: Language, name: string): boolean {
  const n = escapeRe(name);
  if (language === "python" && definesMethod(code, n)) return true;
  const re =
    language === "python"
      ? new RegExp(`^(async\\s+)?def\\s+${n}\\s*\\(`, "m")
      : new RegExp(`\\b${n}\\s*\\([^;{}]*\\)\\s*(const\\s*)?(noexcept\\s*)?\\{`);
  return re.test(code);
}

/** Whether code must be appended to the prefix rather than stand alone. */
export function needsPrefix(code: string, language: Language, entryPoint: string | undefined): boolean {
  if (entryPoint !== undefined && definesFunction(code, language, entryPoint)) return false;
  return startsIndented(code) || entryPoint !== undefined;
}

export interface PrefixContext {
  code: string;
  importsAdded: number;
  helpersAdded: string[];
}

/** Prepends the prefix's imports (and, for Python, helper functions) that a full function lacks. */
export function addPrefixContext(
  code: string,
  prefix: string,
  language: Language,
  entryPoint: string | undefined,
): PrefixContext {
  const have = new Set(code.split("\n").map((l) => l.trim()));
  const importRe = language === "python" ? /^(import\s|from\s+\S+\s+import\s)/ : /^\s*(#\s*include\b|using\s+namespace\b)/;
  const imports = prefix
    .split("\n")
    .filter((l) => importRe.test(l) && !have.has(l.trim()))
    .filter((l, i, all) => all.indexOf(l) === i);
  const helpers =
    language === "python"
      ? pythonTopLevelDefs(prefix).filter((d) => d.name !== entryPoint && !definesName(code, d.name))
      : [];
  const head = [...imports, ...helpers.map((h) => h.text)];
  if (head.length === 0) return { code, importsAdded: 0, helpersAdded: [] };
  return {
    code: `${head.join("\n")}\n\n${code}`,
    importsAdded: imports.length,
    helpersAdded: helpers.map((h) => h.name),
  };
}

/** A top-level `class` whose indented body has `def <name>(`. */
function definesMethod(code: string, escapedName: string): boolean {
  const classes = code.split(/^(?=class\s+\w+)/m).filter((part) => /^class\s+\w+/.test(part));
  const method = new RegExp(`^[ \\t]+(async\\s+)?def\\s+${escapedName}\\s*\\(`, "m");
  // The class body ends at the next line that starts in column 0 (after the `class` line itself).
  return classes.some((part) => method.test(part.split(/\n(?=\S)/)[0] ?? ""));
}

function definesName(code: string, name: string): boolean {
  return new RegExp(`^((async\\s+)?def|class)\\s+${escapeRe(name)}\\b`, "m").test(code);
}

/** Top-level `def`/`class` blocks of a Python module, decorators included. */
function pythonTopLevelDefs(source: string): { name: string; text: string }[] {
  const lines = source.split("\n");
  const defs: { name: string; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:(?:async\s+)?def|class)\s+(\w+)/.exec(lines[i] ?? "");
    if (!m?.[1]) continue;
    let start = i;
    while (start > 0 && /^@/.test(lines[start - 1] ?? "")) start--;
    let end = i + 1;
    while (end < lines.length && !/^\S/.test(lines[end] ?? "")) end++;
    const body = lines.slice(start, end);
    while (body.length > 0 && (body[body.length - 1] ?? "").trim() === "") body.pop();
    defs.push({ name: m[1], text: `${body.join("\n")}\n` });
    i = end - 1;
  }
  return defs;
}
