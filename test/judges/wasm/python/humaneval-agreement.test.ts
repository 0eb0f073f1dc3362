/**
 * HumanEval (function mode: the candidate under driver.py, the tests under tester.py, each in its own
 * interpreter) through `eval --judge wasm` and `eval --judge local` on the same samples: the verdicts
 * agree. A subset (12 of 164 problems, right and wrong completions) keeps the suite's time down; the
 * full 164 is a README figure (judges/wasm/README.md).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalOnBothJudges } from "../../../support/humaneval-agreement.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wasm-py-humaneval-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("HumanEval on the WASM judge", () => {
  test("gives the local judge's verdicts on right and wrong completions", async () => {
    const { local, other } = await evalOnBothJudges(dir, "wasm");
    expect(other).toEqual(local);
    expect(other.AC).toBe(8);
    expect(other.SE ?? 0).toBe(0);
  }, 600_000);
});
