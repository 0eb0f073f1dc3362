/**
 * The runtimes the Piston-compatible server offers: C++ and Python, under Piston's usual language
 * names and aliases (stock Piston's gcc package serves `c++` with aliases `cpp`, `g++`, keeping `gcc`
 * for C; its python package `python` with `py`, `py3`, `python3`, `python3.10`), at the versions of the real compilers behind the
 * sandbox, so a client asking for `c++`/`cpp`/`python`/`python3` with `*` or a semver range finds them.
 */
import type { PistonRuntime } from "../../judges/piston-wire.ts";
import type { Language } from "../../judges/types.ts";

export interface ServedRuntime extends PistonRuntime {
  /** Our language behind this Piston name. */
  judgeLanguage: Language;
  /** Whether Piston reports a compile stage for it. */
  compiled: boolean;
}

/** Reads "x.y.z" out of a tool's version banner ("g++ (Debian 12.2.0-14) 12.2.0" → "12.2.0"). */
export function extractSemver(banner: string): string | null {
  const last = [...banner.matchAll(/\b(\d+)\.(\d+)(?:\.(\d+))?\b/g)].at(-1);
  return last ? `${last[1]}.${last[2]}.${last[3] ?? "0"}` : null;
}

/** Builds the runtime list from the sandbox's `versions()` (keys "g++" and "python3"). */
export function buildRuntimes(versions: Record<string, string>): ServedRuntime[] {
  const gxx = extractSemver(versions["g++"] ?? "");
  const python = extractSemver(versions.python3 ?? "");
  const list: ServedRuntime[] = [];
  if (gxx) list.push({ language: "c++", version: gxx, aliases: ["cpp", "g++"], runtime: "gcc", judgeLanguage: "cpp", compiled: true });
  if (python) list.push({ language: "python", version: python, aliases: ["py", "py3", "python3", `python${python.split(".").slice(0, 2).join(".")}`], judgeLanguage: "python", compiled: false });
  return list;
}

/** What `GET /api/v2/runtimes` returns: Piston's fields only. */
export function describeRuntimes(list: readonly ServedRuntime[]): PistonRuntime[] {
  return list.map(({ language, version, aliases, runtime }) => ({ language, version, aliases, ...(runtime ? { runtime } : {}) }));
}

/**
 * The runtime named by `language` (name or alias, case-insensitive) whose version satisfies
 * `range`, as Piston resolves it (semver: `*`, `x`, `3`, `3.x`, `12.2.0`, `^3.10`, `>=3`), or null.
 */
export function findRuntime(list: readonly ServedRuntime[], language: string, range: string): ServedRuntime | null {
  const name = language.trim().toLowerCase();
  return list.find((rt) => (rt.language === name || rt.aliases.includes(name)) && satisfies(rt.version, range)) ?? null;
}

type Triple = [number, number, number];

function parseTriple(v: string): Triple {
  const [a = 0, b = 0, c = 0] = v.split(".").map((p) => Number.parseInt(p, 10) || 0);
  return [a, b, c];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A small subset of semver ranges: exact or partial versions with x/* wildcards, ^, ~, and comparators joined by spaces. */
export function satisfies(version: string, range: string): boolean {
  const v = parseTriple(version);
  const parts = range.trim().split(/\s+/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => satisfiesOne(v, part));
}

function satisfiesOne(v: Triple, part: string): boolean {
  if (part === "*" || part === "x" || part === "X") return true;
  const m = /^(\^|~|>=|<=|>|<|=)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(part);
  if (!m) return false;
  const op = m[1] ?? "";
  const nums = [m[2], m[3], m[4]].map((p) => (p === undefined || /[xX*]/.test(p) ? null : Number(p)));
  const given = nums.findIndex((n) => n === null);
  const depth = given === -1 ? 3 : given;
  const base: Triple = [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0];
  const cmp = compare(v, base);
  const prefixEqual = v.slice(0, depth).every((n, i) => n === base[i]);
  switch (op) {
    case ">=":
      return cmp >= 0;
    case "<=":
      return cmp <= 0 || prefixEqual;
    case ">":
      return cmp > 0 && !prefixEqual;
    case "<":
      return cmp < 0;
    case "^":
      return cmp >= 0 && (base[0] > 0 || depth < 2 ? v[0] === base[0] : v[1] === base[1] && v[0] === 0);
    case "~":
      return cmp >= 0 && v[0] === base[0] && (depth < 2 || v[1] === base[1]);
    default:
      return prefixEqual;
  }
}
