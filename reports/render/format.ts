/** Number and date formatting shared by pages; a missing value shows as an em dash. */

export const DASH = "—";

/** Formats a fraction in [0,1] as a percentage with one decimal. */
export function formatPct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : `${(v * 100).toFixed(1)}%`;
}

/** Formats a count with thousands separators ("20,000"). */
export function formatCount(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : v.toLocaleString("en-US");
}

/** Formats a number with at most `digits` decimals. */
export function formatNum(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/\.?0+$/, "");
}

/** Formats milliseconds compactly (ms below one second, s above). */
export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return v < 1000 ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : `${(v / 1000).toFixed(2)} s`;
}

/** Formats KiB as KiB or MiB. */
export function formatKb(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v) || v <= 0) return DASH;
  return v < 1024 ? `${v} KiB` : `${(v / 1024).toFixed(1)} MiB`;
}

/** Formats an ISO timestamp as "YYYY-MM-DD HH:MM" UTC. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : DASH;
}

/** First 12 characters of a sha. */
export function shortenSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 12) : DASH;
}

/** Signed percentage-point delta ("+12.5 pp"). */
export function formatDelta(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  const pp = v * 100;
  return `${pp > 0 ? "+" : ""}${pp.toFixed(1)} pp`;
}

/** Colour bucket 0..10 of a pass rate, used as a CSS class (no inline styles under the CSP). */
export function pickRateBucket(rate: number): number {
  return Math.max(0, Math.min(10, Math.round(rate * 10)));
}

/** Named difficulty levels from easiest to hardest (APPS, TACO, LiveCodeBench, CodeContests words). */
const DIFFICULTY_RANK: Record<string, number> = {
  introductory: 0,
  easy: 1,
  medium: 2,
  interview: 2,
  medium_hard: 3,
  hard: 4,
  competition: 5,
  very_hard: 5,
};

/**
 * Orders breakdown rows easy → hard: numeric keys (ratings such as 800, 1600) ascending, named levels
 * by {@link DIFFICULTY_RANK}, other names alphabetically after them, "unknown" last.
 */
export function orderDifficulties<T extends { key: string }>(rows: T[]): T[] {
  const rank = (key: string): [number, number, string] => {
    if (key === "unknown") return [3, 0, key];
    const n = Number(key);
    if (key.trim() !== "" && Number.isFinite(n)) return [0, n, key];
    const named = DIFFICULTY_RANK[key.toLowerCase().replace(/[\s-]+/g, "_")];
    return named === undefined ? [2, 0, key] : [1, named, key];
  };
  return [...rows].sort((a, b) => {
    const [x, y] = [rank(a.key), rank(b.key)];
    return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
  });
}
