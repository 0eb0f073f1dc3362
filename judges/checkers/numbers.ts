/**
 * Number readings the source testers rely on: Python's `float()`, Python's `Decimal` equality
 * (LiveCodeBench) and numpy's `isclose`/`allclose` (APPS, TACO, rllm).
 */
import { parseNumber } from "./float.ts";

const DECIMAL_PARTS = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/**
 * A token as Python's `Decimal` reads it, in a canonical form so that equal values give equal
 * strings ("0.50" and "5e-1" both give "5e-1"); null when Decimal would reject it. NaN is returned
 * as "nan" and is never equal to anything (Decimal's NaN compares unequal), so callers check it.
 */
export function canonicalDecimal(token: string): string | null {
  const t = token.replaceAll("_", "");
  const special = /^([+-]?)(inf|infinity|nan|snan)$/i.exec(t);
  if (special) {
    const name = special[2]?.toLowerCase() ?? "";
    if (name.endsWith("nan")) return "nan";
    return special[1] === "-" ? "-inf" : "inf";
  }
  const m = DECIMAL_PARTS.exec(t);
  if (!m) return null;
  const intPart = m[2] ?? "";
  const frac = m[3] ?? m[4] ?? "";
  let exp = Number(m[5] ?? "0") - frac.length;
  let digits = (intPart + frac).replace(/^0+/, "");
  if (digits === "") return "0"; // Decimal("-0") == Decimal("0")
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${m[1] === "-" ? "-" : ""}${digits}e${exp}`;
}

/** True when two tokens are equal Decimals (NaN equals nothing). */
export function isSameDecimal(a: string, b: string): boolean {
  const x = canonicalDecimal(a);
  const y = canonicalDecimal(b);
  return x !== null && x !== "nan" && x === y;
}

/** Python's `float()` of a token (surrounding whitespace and `_` between digits allowed); null when it raises. */
export function parsePythonFloat(text: string): number | null {
  const t = text.trim();
  if (/^_|_$|__|[^\d]_|_[^\d]/.test(t)) return null;
  return parseNumber(t.replaceAll("_", ""));
}

/** numpy's `isclose(a, b)` with its defaults: |a - b| <= 1e-8 + 1e-5 * |b|; NaN is never close. */
export function isNumpyClose(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
