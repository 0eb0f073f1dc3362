/**
 * The one table of language names. Fence tags, dataset fields, samples files, CLI flags and reward
 * server requests all spell the judged languages in many ways (`C++`, `cxx`, `cpp17`, `python3`, `py`);
 * every reader maps them through this table, so a name one part accepts is accepted everywhere.
 */
import { LANGUAGES, type Language } from "./types.ts";

interface LanguageNames {
  /** Lower-case spellings, the canonical name first. Matching ignores case and surrounding space. */
  aliases: readonly string[];
  /** Source file extensions (lower case, with the dot). */
  extensions: readonly string[];
}

const TABLE: Readonly<Record<Language, LanguageNames>> = {
  cpp: {
    // Standard-suffixed tags are what models write in fences (```cpp17, ```c++20); hpp tags headers they paste.
    aliases: ["cpp", "c++", "cxx", "cc", "hpp", "cpp11", "cpp14", "cpp17", "cpp20", "c++11", "c++14", "c++17", "c++20", "gnu++17"],
    extensions: [".cpp", ".cc", ".cxx"],
  },
  python: {
    aliases: ["python", "python3", "py", "py3"],
    extensions: [".py"],
  },
};

const BY_ALIAS: ReadonlyMap<string, Language> = new Map(LANGUAGES.flatMap((l) => TABLE[l].aliases.map((a) => [a, l] as const)));
const BY_EXTENSION: ReadonlyMap<string, Language> = new Map(LANGUAGES.flatMap((l) => TABLE[l].extensions.map((e) => [e, l] as const)));

/** Maps a language name or alias (any case: `C++`, `Python`) to a Language, or null when unknown. */
export function parseLanguage(name: string): Language | null {
  return BY_ALIAS.get(name.trim().toLowerCase()) ?? null;
}

/** Every accepted spelling, canonical names first, for error messages. */
export function listLanguageAliases(): string[] {
  return [...LANGUAGES, ...[...BY_ALIAS.keys()].filter((a) => !(LANGUAGES as readonly string[]).includes(a))];
}

/** The language of a source file extension (`.cc`, case-insensitive), or null. */
export function languageOfExtension(extension: string): Language | null {
  return BY_EXTENSION.get(extension.toLowerCase()) ?? null;
}

/** A one-line "unknown language" message naming what is accepted. */
export function describeUnknownLanguage(name: string): string {
  return `unknown language '${name}' (known: ${listLanguageAliases().join(", ")})`;
}
