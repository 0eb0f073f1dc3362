/**
 * HumanEval (function mode: the candidate and the trusted tester joined through the execute-pair
 * extension) through `eval --judge piston` against `serve --piston` and through `eval --judge local`
 * on the same samples: the verdicts agree. A subset (12 of 164 problems, right completions and three
 * kinds of wrong ones) keeps the suite's time down; the full 164 × 2 run is a README figure
 * (judges/piston/README.md, "Agreement with the local judge").
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { PistonServer } from "../../../harness/piston-server/start.ts";
import { parseOneJson, runCli } from "../../support/cli.ts";
import { startTestPistonServer } from "../../support/piston-server.ts";
import { HUMANEVAL_GZ } from "../../support/real-data.ts";

interface Row {
  task_id: string;
  canonical_solution: string;
}

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

function samples(): string {
  const rows = gunzipSync(readFileSync(HUMANEVAL_GZ))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const picked = rows.filter((_, i) => i % 14 === 0).slice(0, 12);
  // Every third one wrong: returning None (WA), raising (RE through the tester), never returning (TLE).
  const wrong = ["    return None\n", "    raise ValueError('no')\n", "    while True:\n        pass\n"];
  return picked.map((row, i) => JSON.stringify({ task_id: row.task_id, completion: i % 3 === 2 ? wrong[((i / 3) | 0) % 3] : row.canonical_solution })).join("\n");
}

describe("HumanEval through --judge piston", () => {
  test("gives the local judge's verdicts on right and wrong completions", async () => {
    const file = join(dir, "samples.jsonl");
    writeFileSync(file, samples());
    const verdicts: Record<string, Record<string, number>> = {};
    for (const judge of ["local", "piston"]) {
      const opt = judge === "piston" ? ["--judge-opt", `piston=${server.url}*4`] : [];
      const r = await runCli(["eval", "--dataset", HUMANEVAL_GZ, "--samples", file, "--db", join(dir, `${judge}.db`), "--judge", judge, ...opt, "--json", "--quiet"]);
      expect(r.stderr).not.toContain("internal error");
      const out = parseOneJson<{ samples: number; verdicts: Record<string, number> }>(r);
      expect(out.samples).toBe(12);
      verdicts[judge] = out.verdicts;
    }
    expect(verdicts.piston).toEqual(verdicts.local);
    expect(verdicts.piston?.AC).toBe(8);
    expect(verdicts.piston?.SE).toBe(0);
  }, 600_000);
});
