/**
 * The training package (trainers/python, torch) has its own pytest suite; this runs it under
 * Debian's python3 (python3-torch and python3-pytest from .ci/setup) so `bun run test` covers it,
 * and fails with pytest's output when any of its tests fails.
 */
import { expect, test } from "bun:test";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "../..");
const PYTHON = process.env.CODEJUDGE_PYTHON ?? "/usr/bin/python3";

test("the training package's pytest suite passes (TinyLoRA, SFT weights, GRPO, PPO, live reward server)", async () => {
  const proc = Bun.spawn([PYTHON, "-B", "-m", "pytest", "-q", "-p", "no:cacheprovider", "trainers/python/tests"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`pytest exited ${code}\n${out.slice(-8000)}\n${err.slice(-4000)}`);
  // Exactly one skip is expected: the PEFT equivalence test where PEFT is not installed.
  const summary = out.trim().split("\n").at(-1) ?? "";
  expect(summary).toMatch(/\d+ passed/);
  expect(summary).not.toMatch(/failed|error/);
}, 600_000);
