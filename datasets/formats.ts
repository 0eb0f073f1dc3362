/** The registry of row formats, keyed by the name `--format` takes. */
import { UsageError } from "../judges/errors.ts";
import { appsFormat } from "./formats/apps.ts";
import { canonicalFormat } from "./formats/canonical.ts";
import { codecontestsFormat } from "./formats/codecontests.ts";
import { codeforcesFormat } from "./formats/codeforces.ts";
import { deepcoderFormat } from "./formats/deepcoder.ts";
import { gsm8kFormat } from "./formats/gsm8k.ts";
import { humanevalFormat } from "./formats/humaneval.ts";
import { livecodebenchFormat } from "./formats/livecodebench.ts";
import { multipleFormat } from "./formats/multiple.ts";
import { mbppChallengeFormat, mbppFormat } from "./formats/mbpp.ts";
import { mbppplusFormat } from "./formats/mbppplus.ts";
import type { DatasetFormat } from "./types.ts";

/**
 * Known formats, in auto-detection order. Each format's detect() looks for the fields that only
 * its layout has (test/datasets/formats.test.ts checks that no fixture row is claimed twice), so
 * the order matters only for rows that mix layouts.
 */
export const FORMATS = {
  canonical: canonicalFormat,
  humaneval: humanevalFormat,
  mbppplus: mbppplusFormat,
  codecontests: codecontestsFormat,
  "multipl-e": multipleFormat,
  codeforces: codeforcesFormat,
  livecodebench: livecodebenchFormat,
  apps: appsFormat,
  mbpp: mbppFormat,
  deepcoder: deepcoderFormat,
  gsm8k: gsm8kFormat,
  // Chosen by name only (--format mbpp-challenge); it never claims a row on its own.
  "mbpp-challenge": mbppChallengeFormat,
} as const satisfies Record<string, DatasetFormat>;

/** Names of the known formats. */
export function listFormats(): string[] {
  return Object.keys(FORMATS);
}

/** The format registered under `name`; throws an error listing the known ones when there is none. */
export function getFormat(name: string): DatasetFormat {
  const format = Object.hasOwn(FORMATS, name) ? FORMATS[name as keyof typeof FORMATS] : undefined;
  if (!format) throw new UsageError(`unknown dataset format '${name}' (known: ${listFormats().join(", ")})`);
  return format;
}

/** The first format whose detect() accepts the row, or null. */
export function detectFormat(row: Record<string, unknown>): DatasetFormat | null {
  return Object.values(FORMATS).find((f) => f.detect(row)) ?? null;
}
