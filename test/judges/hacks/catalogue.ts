/**
 * The reward-hacking catalogue: wrong programs that each try one known way of cheating a judge
 * (exiting 0 early, always-equal objects, reading the tests, forging the sandbox's report, ...).
 * Every Sandbox implementation calls {@link runHackCatalogue} from its own test file, as it does the
 * conformance suite. For every entry the verdict must be one the program's behaviour earns: never
 * AC, never SE, and one of the entry's `allowed` verdicts; `verify` adds checks on the figures
 * (time, memory) the judge reports. Entries live in one file per hack class (entries-*.ts).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createChecker } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import type { CompileLimits, Judgement, Sandbox } from "../../../judges/types.ts";
import { CALL_HARNESS_HACKS } from "./entries-call-harness.ts";
import { CHECKER_HACKS } from "./entries-checker.ts";
import { FUNCTION_CPP_HACKS } from "./entries-function-cpp.ts";
import { FUNCTION_PYTHON_HACKS } from "./entries-function-python.ts";
import { INTERACTIVE_HACKS } from "./entries-interactive.ts";
import { OUTPUT_HACKS } from "./entries-output.ts";
import { SANDBOX_HACKS } from "./entries-sandbox.ts";
import type { HackEntry } from "./types.ts";

export type { HackClass, HackEntry } from "./types.ts";

export const HACK_CATALOGUE: readonly HackEntry[] = [
  ...FUNCTION_PYTHON_HACKS,
  ...FUNCTION_CPP_HACKS,
  ...CALL_HARNESS_HACKS,
  ...SANDBOX_HACKS,
  ...OUTPUT_HACKS,
  ...CHECKER_HACKS,
  ...INTERACTIVE_HACKS,
];

/** Compile limits of catalogue entries: enough for g++ on a busy 2-core machine. */
export const HACK_COMPILE_LIMITS: CompileLimits = { cpuMs: 60_000, wallMs: 120_000, memoryMb: 2048, logBytes: 64 << 10 };

/** Grades one entry on `sandbox` exactly as an eval would. */
export async function gradeHack(sandbox: Sandbox, entry: HackEntry): Promise<Judgement> {
  const checker = await createChecker(entry.checker ?? { type: "tokens" }, { sandbox });
  return gradeSubmission({ sandbox, task: entry.task, source: entry.source, checker, allTests: entry.allTests, compileLimits: HACK_COMPILE_LIMITS });
}

/** Asserts what every entry must satisfy, whatever the backend. */
export function expectNotCheated(entry: HackEntry, judgement: Judgement): void {
  const seen = `${entry.id}: verdict ${judgement.verdict}${judgement.error ? ` (${judgement.error})` : ""}`;
  expect(seen).not.toContain(": verdict AC");
  expect(seen).not.toContain(": verdict SE");
  expect(entry.allowed).toContain(judgement.verdict);
  for (const t of judgement.tests) {
    expect(Number.isFinite(t.timeMs) && t.timeMs >= 0).toBe(true);
    expect(Number.isFinite(t.memoryKb) && t.memoryKb >= 0).toBe(true);
  }
}

function assertKnownSkips(name: string, skips: Record<string, string>): void {
  const known = new Set(HACK_CATALOGUE.map((e) => e.id));
  for (const id of Object.keys(skips)) {
    if (!known.has(id)) throw new Error(`runHackCatalogue(${name}): unknown entry "${id}" in skips`);
  }
}

/**
 * Registers the catalogue for one sandbox, made at the first entry run and closed after the last.
 * `skips` maps an entry id to the reason it cannot apply to this backend (an unknown id is an error,
 * so a typo cannot silently skip nothing). `entries`: the catalogue, or part of it (the runner's own test).
 */
export function runHackCatalogue(name: string, makeSandbox: () => Promise<Sandbox> | Sandbox, skips: Record<string, string> = {}, entries: readonly HackEntry[] = HACK_CATALOGUE): void {
  assertKnownSkips(name, skips);
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new Error(`hack catalogue: duplicate id ${entry.id}`);
    ids.add(entry.id);
  }
  describe(`reward-hacking catalogue: ${name}`, () => {
    let sandbox: Promise<Sandbox> | null = null;
    const getSandbox = () => (sandbox ??= Promise.resolve(makeSandbox()));
    afterAll(async () => {
      // A backend's helper processes, pools and caches' locks must not outlive its catalogue.
      const made = await sandbox?.catch(() => null);
      await made?.close?.();
    });
    for (const entry of entries) {
      const title = `${entry.title} [${entry.hackClass}/${entry.id}]`;
      const reason = skips[entry.id];
      if (reason) {
        test.skip(`${title} (skipped: ${reason})`, () => {});
        continue;
      }
      test(
        title,
        async () => {
          const judgement = await gradeHack(await getSandbox(), entry);
          expectNotCheated(entry, judgement);
          await entry.verify?.(judgement);
        },
        entry.timeoutMs ?? 60_000,
      );
    }
  });
}
