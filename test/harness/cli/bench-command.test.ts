/** The `bench` command: its options, its refusal of contradictory flags, and the report file it writes. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { registerBenchCommand, runBenchCommand } from "../../../harness/cli/bench-command.ts";
import { UsageError } from "../../../judges/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function buildProgram(): Command {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerBenchCommand(program);
  return program;
}

describe("registerBenchCommand", () => {
  test("adds bench with its options, --rewards among them", () => {
    const bench = buildProgram().commands.find((c) => c.name() === "bench");
    const flags = bench?.options.map((o) => o.long) ?? [];
    for (const flag of ["--lang", "--seed", "--submissions", "--tests", "--json", "--out", "--cold", "--warm", "--concurrency", "--test-concurrency", "--rewards", "--profile", "--no-warm-pass"]) {
      expect(flags).toContain(flag);
    }
  });

  test("rejects a language it has no corpus for", async () => {
    await expect(buildProgram().parseAsync(["bench", "--lang", "rust"], { from: "user" })).rejects.toThrow("Allowed choices are cpp, python, both");
  });
});

describe("runBenchCommand", () => {
  test("refuses --cold together with --warm", async () => {
    await expect(runBenchCommand({ lang: "both", cold: true, warm: true })).rejects.toBeInstanceOf(UsageError);
  });

  test("writes the JSON report to --out and exits 0 when both judges agree", async () => {
    const out = join(dir, "nested", "bench.json");
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runBenchCommand({ lang: "python", submissions: 3, tests: 1, seed: "cli", json: true, out });
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report).toMatchObject({ ok: true, seed: "cli", config: { languages: ["python"], submissions: 3, tests: 1 } });
    expect(report.languages.python.harness.wall_ms).toBeGreaterThan(0);
    expect(JSON.parse(printed.join(""))).toEqual(report);
  }, 60_000);
});
