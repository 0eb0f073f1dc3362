/**
 * Numbers as completions write them (GSM8K-style math word problems), read exactly: `1,000`,
 * `$1000.00` and `1000` are one value; `−3` (U+2212) is `-3`; `1/2` and `\frac{1}{2}` are `0.5`;
 * `50%` is the number 50, marked as a percentage. Values are rationals over BigInt, so no floating
 * point ever decides a verdict, and each has one canonical text form (see formatRational).
 */

/** A reduced fraction; `den` is positive. */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** A number read from text: its value and whether a `%` followed it. */
export interface ReadNumber {
  value: Rational;
  percent: boolean;
}

const MINUS = "[-\u2212]";
const PLAIN = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;
/** One number in prose: sign, `$`, thousands separators, decimals, an optional `/denominator` and `%`. */
const NUMBER_SOURCE = String.raw`(?<![\w.\/])(${MINUS})?(?:\$\s?)?(${PLAIN})(?:\/(${PLAIN}))?(?![\d,]*\d)(?!\/)(\s?%)?`;
const NUMBER_IN_TEXT = new RegExp(NUMBER_SOURCE, "g");
const WHOLE_NUMBER = new RegExp(String.raw`^\s*(${MINUS})?(?:\$\s?)?(${PLAIN})(?:\s*\/\s*(${PLAIN}))?(\s?%)?\.?\s*$`);

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function makeRational(num: bigint, den: bigint): Rational {
  const g = gcd(num, den) || 1n;
  return den < 0n ? { num: -num / g, den: -den / g } : { num: num / g, den: den / g };
}

/** `1,234.50` -> 123450/100, exactly. */
function parsePlain(text: string): Rational {
  const [whole = "", fraction = ""] = text.replace(/,/g, "").split(".");
  return makeRational(BigInt(`${whole || "0"}${fraction}`), 10n ** BigInt(fraction.length));
}

function buildNumber(sign: string | undefined, numerator: string, denominator: string | undefined, percent: string | undefined): ReadNumber | null {
  const top = parsePlain(numerator);
  const bottom = denominator === undefined ? { num: 1n, den: 1n } : parsePlain(denominator);
  if (bottom.num === 0n) return null;
  const value = makeRational((sign ? -1n : 1n) * top.num * bottom.den, top.den * bottom.num);
  return { value, percent: percent !== undefined };
}

/**
 * The one canonical text of a value: a decimal when it has a finite one (`0.5`, `-2.25`, `3`),
 * otherwise the reduced fraction (`1/3`). Minus zero is `0`.
 */
export function formatRational(r: Rational): string {
  let twos = 0n;
  let fives = 0n;
  let d = r.den;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1n];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1n];
  if (d !== 1n) return `${r.num}/${r.den}`;
  const places = twos > fives ? twos : fives;
  const scaled = (r.num < 0n ? -r.num : r.num) * (10n ** places / r.den);
  const digits = scaled.toString().padStart(Number(places) + 1, "0");
  const cut = digits.length - Number(places);
  const fraction = digits.slice(cut).replace(/0+$/, "");
  const body = fraction ? `${digits.slice(0, cut)}.${fraction}` : digits.slice(0, cut);
  return r.num < 0n ? `-${body}` : body;
}

/** The value divided by 100: what a percentage is as a plain number. */
export function percentOf(r: Rational): Rational {
  return makeRational(r.num, r.den * 100n);
}

/** Rewrites LaTeX number notation into plain text: `\frac{1}{2}` -> `1/2`, `1{,}000` and `1\,000` -> `1,000`/`1000`, `\%` -> `%`, `\$` -> `$`. */
export function plainLatexNumbers(text: string): string {
  return text
    .replace(/\\[dt]?frac\s*\{\s*([^{}]*?)\s*\}\s*\{\s*([^{}]*?)\s*\}/g, " $1/$2 ")
    .replace(/\{,\}/g, ",")
    .replace(/\\[!,]/g, "")
    .replace(/\\([%$])/g, "$1");
}

/** Every number in the text, in order, with where each starts. */
export function findNumbers(text: string): (ReadNumber & { index: number })[] {
  const found: (ReadNumber & { index: number })[] = [];
  for (const m of text.matchAll(NUMBER_IN_TEXT)) {
    const n = buildNumber(m[1], m[2] ?? "", m[3], m[4]);
    if (n) found.push({ ...n, index: m.index });
  }
  return found;
}

/** Reads text that is exactly one number (a dataset's expected answer), or null. */
export function parseNumber(text: string): ReadNumber | null {
  const m = WHOLE_NUMBER.exec(plainLatexNumbers(text));
  return m ? buildNumber(m[1], m[2] ?? "", m[3], m[4]) : null;
}

/**
 * The canonical text of a number written alone, or null when `text` is not one number: commas,
 * `$`, surrounding spaces and a trailing period are dropped, `%` is dropped (50% -> 50), fractions
 * are divided out (1/2 -> 0.5), trailing fractional zeros removed (3.50 -> 3.5) and -0 is 0.
 */
export function normaliseNumber(text: string): string | null {
  const n = parseNumber(text);
  return n ? formatRational(n.value) : null;
}
