/**
 * HumanEval (function mode: the candidate under driver.py, the tests under tester.py, each in its own
 * interpreter) through `eval --judge wasm` and `eval --judge local` on the same samples: the verdicts
 * agree. A subset (12 of 164 problems, right and wrong completions) keeps the suite's time down; the
 * full 164 is a README figure (judges/wasm/README.md).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseOneJson, runCli } from "../../../support/cli.ts";
import { HUMANEVAL_GZ } from "../../../support/real-data.ts";

interface Row {
  task_id: string;
  canonical_solution: string;
}

interface EvalJson {
  samples: number;
  verdicts: Record<string, number>;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wasm-py-humaneval-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function samples(): string {
  const rows = gunzipSync(readFileSync(HUMANEVAL_GZ))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const picked = rows.filter((_, i) => i % 14 === 0).slice(0, 12);
  // Every third one wrong: a completion returning None (WA), one that raises (RE through the tester) and one that never returns (TLE).
  const wrong = ["    return None\n", "    raise ValueError('no')\n", "    while True:\n        pass\n"];
  return picked.map((row, i) => JSON.stringify({ task_id: row.task_id, completion: i % 3 === 2 ? wrong[((i / 3) | 0) % 3] : row.canonical_solution })).join("\n");
}

describe("HumanEval on the WASM judge", () => {
  test("gives the local judge's verdicts on right and wrong completions", async () => {
    const file = join(dir, "samples.jsonl");
    writeFileSync(file, samples());
    const verdicts: Record<string, Record<string, number>> = {};
    for (const judge of ["local", "wasm"]) {
      const r = await runCli(["eval", "--dataset", HUMANEVAL_GZ, "--samples", file, "--db", join(dir, `${judge}.db`), "--judge", judge, "--json", "--quiet"]);
      expect(r.stderr).not.toContain("internal error");
      const out = parseOneJson<EvalJson>(r);
      expect(out.samples).toBe(12);
      verdicts[judge] = out.verdicts;
    }
    expect(verdicts.wasm).toEqual(verdicts.local);
    expect(verdicts.wasm?.AC).toBe(8);
    expect(verdicts.wasm?.SE).toBe(0);
  }, 600_000);
});
