import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { deriveEvalPlusTests, type LocatedRow } from "../../../datasets/evalplus/derive.ts";
import { readEvalPlusRows } from "../../../datasets/evalplus/read-rows.ts";
import { readRows } from "../../../datasets/read-rows.ts";
import type { Problem } from "../../../datasets/types.ts";
import { PURE_CHECKERS } from "../../../judges/checkers/index.ts";
import { gradeSubmission } from "../../../judges/grade.ts";
import { createLocalSandbox } from "../../../judges/local/index.ts";
import type { Sandbox } from "../../../judges/types.ts";
import { sharedTestCacheDir } from "../../support/test-cache.ts";
import { catchDatasetError, useTempDir } from "../temp-files.ts";
import { HUMANEVAL_GZ, MBPPPLUS_GZ } from "../../support/real-data.ts";

// Sandboxed compiles (the C++ precompiled header above all) take longer than bun's 5 s default.
setDefaultTimeout(120_000);

const MBPPPLUS = MBPPPLUS_GZ;
const HUMANEVAL = HUMANEVAL_GZ;
/** Tuples and set equality, floats, big integers, complex numbers with atol, Infinity. */
const PICKED = ["Mbpp/2", "Mbpp/14", "Mbpp/77", "Mbpp/124", "Mbpp/404"];

const tmp = useTempDir();
const local = createLocalSandbox({ cacheDir: sharedTestCacheDir() });
afterAll(async () => {
  await local.close?.();
});

/** The real sandbox, counting derivation runs. */
let runs = 0;
const sandbox: Sandbox = {
  name: "counting-local",
  prepare: (source, limits) => local.prepare(source, limits),
  run: (program, input, limits) => {
    runs++;
    return local.run(program, input, limits);
  },
  versions: () => local.versions(),
  selfTest: () => local.selfTest(),
};

/** Grades a Python solution of a derived problem in the sandbox, as the harness would. */
async function grade(problem: Problem, code: string): Promise<string> {
  const limits = { cpuMs: problem.time_limit_ms, wallMs: problem.time_limit_ms * 2, memoryMb: 512, outputBytes: 1 << 16, processes: 4, fileBytes: 1 << 16 };
  const judgement = await gradeSubmission({
    sandbox: local,
    task: { mode: "function", tests: [], testCode: problem.test_code, limits },
    source: { language: "python", code },
    checker: PURE_CHECKERS.tokens,
  });
  return judgement.verdict;
}

describe("deriveEvalPlusTests (real MBPP+ rows, sandboxed derivation)", async () => {
  const all = await readEvalPlusRows(MBPPPLUS);
  const rows = PICKED.map((id) => all.find((r) => r.row.task_id === id) as LocatedRow);
  const cacheDir = join(tmp.dir, "derived");
  const problems = await deriveEvalPlusTests(rows, { sandbox, cacheDir });
  const byId = new Map(problems.map((p) => [p.id, p]));
  const get = (id: string): Problem => byId.get(id) ?? (undefined as never);
  const firstRuns = runs;

  test("derives one function problem per row, base and plus inputs together", () => {
    expect(problems.map((p) => [p.id, p.mode, p.entry_point, p.source])).toEqual([
      ["Mbpp/2", "function", "similar_elements", "mbpp+"],
      ["Mbpp/14", "function", "find_Volume", "mbpp+"],
      ["Mbpp/77", "function", "is_Diff", "mbpp+"],
      ["Mbpp/124", "function", "angle_complex", "mbpp+"],
      ["Mbpp/404", "function", "minimum", "mbpp+"],
    ]);
    expect(firstRuns).toBe(5);
    for (const p of problems) expect(p.time_limit_ms).toBeGreaterThanOrEqual(2000);
  });

  test("every canonical solution is accepted by its derived tests in the sandbox", async () => {
    for (const p of problems) expect({ id: p.id, verdict: await grade(p, p.solutions?.[0]?.code ?? "") }).toEqual({ id: p.id, verdict: "AC" });
  });

  test("wrong solutions are wrong answers; set order and float noise within atol are not", async () => {
    expect(await grade(get("Mbpp/2"), "def similar_elements(a, b):\n    return tuple(set(a) | set(b))\n")).toBe("WA");
    expect(await grade(get("Mbpp/2"), "def similar_elements(a, b):\n    return tuple(sorted(set(a) & set(b), reverse=True))\n")).toBe("AC");
    expect(await grade(get("Mbpp/14"), "def find_Volume(l, b, h):\n    return l * b * h / 2 * (1 + 1e-12)\n")).toBe("AC");
    expect(await grade(get("Mbpp/14"), "def find_Volume(l, b, h):\n    return (l * b * h) // 2\n")).toBe("WA");
    expect(await grade(get("Mbpp/124"), "import cmath\ndef angle_complex(a, b):\n    return cmath.phase(a + b) + 1e-6\n")).toBe("AC");
    expect(await grade(get("Mbpp/124"), "import cmath\ndef angle_complex(a, b):\n    return cmath.phase(a + b) + 1e-3\n")).toBe("WA");
    expect(await grade(get("Mbpp/404"), "def minimum(a, b):\n    return max(a, b)\n")).toBe("WA");
  });

  test("big integer inputs reach the candidate exactly", async () => {
    // float(n) rounds the dataset's 20-digit inputs, so divisibility by 11 comes out wrong.
    expect(await grade(get("Mbpp/77"), "def is_Diff(n):\n    return float(n) % 11 == 0\n")).toBe("WA");
  });

  test("a second derivation of the same rows is served from the cache; a changed row is derived again", async () => {
    const before = runs;
    const again = await deriveEvalPlusTests(rows, { sandbox, cacheDir });
    expect(runs).toBe(before);
    expect(again.map((p) => p.test_code)).toEqual(problems.map((p) => p.test_code));
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".json")).length).toBe(5);
    const first = rows[0] as LocatedRow;
    await deriveEvalPlusTests([{ ...first, row: { ...first.row, atol: 0.5 } }], { sandbox, cacheDir });
    expect(runs).toBe(before + 1);
  });

  test("a canonical solution that fails in the sandbox is a dataset error naming the row and field", async () => {
    const first = rows[0] as LocatedRow;
    const broken = { ...first, row: { ...first.row, canonical_solution: "def similar_elements(a, b):\n    raise ValueError('no')\n" } };
    const err = await catchDatasetError(() => deriveEvalPlusTests([broken], { sandbox, cacheDir }));
    expect([err.field, err.line]).toEqual(["canonical_solution", first.at.line]);
    expect(err.message).toContain("ValueError: no");
    const skipped: string[] = [];
    const kept = await deriveEvalPlusTests([broken, rows[4] as LocatedRow], {
      sandbox,
      cacheDir,
      skipInvalid: true,
      onInvalid: (e) => skipped.push(`${e.line}:${e.field}`),
    });
    expect([kept.map((p) => p.id), skipped]).toEqual([["Mbpp/404"], [`${first.at.line}:canonical_solution`]]);
  });

  test("rejects a row whose inputs are not a list, naming the field", async () => {
    const first = rows[0] as LocatedRow;
    const err = await catchDatasetError(() => deriveEvalPlusTests([{ ...first, row: { ...first.row, base_input: "{}" } }], { sandbox, cacheDir }));
    expect(err.field).toBe("base_input");
  });
});

describe("deriveEvalPlusTests (HumanEval+ layout)", async () => {
  const humaneval = new Map<string, Record<string, unknown>>();
  for await (const r of readRows(HUMANEVAL)) if ("row" in r) humaneval.set(String(r.row.task_id), r.row);
  const asPlus = (id: string, base: unknown[], plus: unknown[], atol: number): LocatedRow => ({
    row: { ...humaneval.get(id), base_input: base, plus_input: plus, atol },
    at: { file: "HumanEvalPlus.jsonl", line: Number(id.split("/")[1]) + 1 },
  });
  const [zero, close] = await deriveEvalPlusTests(
    [
      asPlus("HumanEval/32", [[[1, 2]], [[-6, 11, -6, 1]]], [[[2, -3, 1]]], 1e-6),
      asPlus("HumanEval/0", [[[1.0, 2.0, 3.0], 0.5]], [[[1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3], [[], 1.0]], 0),
    ],
    { sandbox, cacheDir: join(tmp.dir, "derived-he") },
  );

  test("continues the prompt: the prefix is the prompt and the reference is prompt + solution", () => {
    expect([close?.id, close?.source, close?.solution_prefix === humaneval.get("HumanEval/0")?.prompt]).toEqual(["HumanEval/0", "humaneval+", true]);
    expect(close?.solutions?.[0]?.code).toStartWith(String(humaneval.get("HumanEval/0")?.prompt));
  });

  test("the canonical solution passes and a wrong one fails", async () => {
    const p = close as Problem;
    expect(await grade(p, p.solutions?.[0]?.code ?? "")).toBe("AC");
    expect(await grade(p, `${p.solution_prefix}    return False\n`)).toBe("WA");
  });

  test("find_zero is judged by the polynomial's value at the answer, so any root is accepted", async () => {
    const p = zero as Problem;
    // -6 + 11x - 6x^2 + x^3 has roots 1, 2 and 3: the canonical bisection finds 1, Newton from 10 finds 3.
    const newton = `${p.solution_prefix}    x = 10.0\n    for _ in range(200):\n        d = sum(i * c * x ** (i - 1) for i, c in enumerate(xs) if i)\n        x -= poly(xs, x) / d\n    return x\n`;
    expect(await grade(p, newton)).toBe("AC");
    expect(await grade(p, `${p.solution_prefix}    return 0.5\n`)).toBe("WA");
  });
});
