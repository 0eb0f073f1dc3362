/**
 * HumanEval (function mode: the candidate and the trusted tester joined through the execute-pair
 * extension) through `eval --judge piston` against `serve --piston` and through `eval --judge local`
 * on the same samples: the verdicts agree. A subset (12 of 164 problems, right completions and three
 * kinds of wrong ones) keeps the suite's time down; the full 164 × 2 run is a README figure
 * (judges/piston/README.md, "Agreement with the local judge").
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { evalOnBothJudges } from "../../support/humaneval-agreement.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";

let dir: string;
let server: PistonServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "piston-humaneval-"));
  server = await startTestPistonServer();
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("HumanEval through --judge piston", () => {
  test("gives the local judge's verdicts on right and wrong completions", async () => {
    const { local, other } = await evalOnBothJudges(dir, "piston", ["--judge-opt", `piston=${server.url}*4`]);
    expect(other).toEqual(local);
    expect(other.AC).toBe(8);
    expect(other.SE ?? 0).toBe(0);
  }, 600_000);
});
