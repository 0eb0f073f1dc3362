import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOneJson, runCli } from "../../support/cli.ts";

// The first three rows of the real GSM8K test set (answers 18, 3 and 70000).
const GSM8K = join(import.meta.dir, "..", "..", "datasets", "fixtures", "gsm8k.jsonl");
const NO_TOOLS = { HARNESS_BWRAP: "/nonexistent/bwrap", HARNESS_GXX: "/nonexistent/g++", HARNESS_PYTHON3: "/nonexistent/python3" };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "eval-answer-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bun run eval on an answer-mode dataset", () => {
  test("starts and judges without bwrap, g++ or python3, since it runs no program", async () => {
    const samples = join(dir, "samples.jsonl");
    const lines = [
      { problem_id: "gsm8k/1", completion: "#### Step 1\n16 - 3 - 4 = 9 eggs at $2 each.\n#### Step 2\nThe answer is 18.", model: "m" },
      { problem_id: "gsm8k/2", completion: "The answer is 4, not 3.", model: "m" },
      { problem_id: "gsm8k/3", completion: "So the final answer is $\\boxed{70,000}$.", model: "m" },
    ];
    writeFileSync(samples, lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await runCli(["eval", "--dataset", GSM8K, "--samples", samples, "--name", "gsm", "--db", join(dir, "h.db"), "--json"], { env: NO_TOOLS });
    expect(r.stderr).not.toContain("not found");
    expect(r.code).toBe(0);
    expect(parseOneJson<{ verdicts: Record<string, number> }>(r).verdicts).toMatchObject({ AC: 2, WA: 1 });
  });
});

describe("bun run judge on an answer-mode problem", () => {
  test("judges the answer without bwrap, g++ or python3", async () => {
    const problem = join(dir, "one.jsonl");
    writeFileSync(problem, `${readFileSync(GSM8K, "utf8").split("\n")[0]}\n`);
    const answer = join(dir, "answer.txt");
    writeFileSync(answer, "16 - 3 - 4 = 9 eggs, and 9 * $2 = $18.\nThe answer is 18.\n\n(Note: this assumes all eggs sell.)");
    const r = await runCli(["judge", "--problem", problem, "--source", answer, "--lang", "python", "--json"], { env: NO_TOOLS });
    expect(r.code).toBe(0);
    expect(parseOneJson<{ verdict: string }>(r).verdict).toBe("AC");
  });
});
