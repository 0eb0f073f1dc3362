/**
 * EvalPlus (HumanEval+, MBPP+) with its full tests: the expected outputs for `base_input` and
 * `plus_input` are not in the dataset, so, as EvalPlus does, the canonical solution is run on every
 * input, here inside the sandbox, and its outputs recorded. Outputs are cached on disk under the
 * sha256 of the row (and of the harness version), so only the first load pays for the runs.
 * The resulting problems' test_code replays all inputs against a candidate (see python-harness.ts).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_COMPILE_LIMITS } from "../../judges/compile-limits.ts";
import type { CompileLimits, RunLimits, Sandbox } from "../../judges/types.ts";
import * as defaults from "../defaults.ts";
import { failField, parseRow } from "../formats/parse-row.ts";
import { DatasetError, type Problem, type RowLocation } from "../types.ts";
import { toPythonJson } from "./exact-json.ts";
import { buildCheckCode, buildDeriveProgram, HARNESS_VERSION, OUTPUT_MARKER } from "./python-harness.ts";

/** A dataset row and where it came from. */
export interface LocatedRow {
  row: Record<string, unknown>;
  at: RowLocation;
}

export interface DeriveOptions {
  sandbox: Sandbox;
  /** Where derived outputs are cached; default `.harness/cache/evalplus`. */
  cacheDir?: string;
  /** Limits of one derivation run (all inputs of one problem). */
  runLimits?: RunLimits;
  compileLimits?: CompileLimits;
  /** A candidate gets this many times the canonical solution's CPU time (EvalPlus uses 4). */
  timeFactor?: number;
  /** Skip rows that cannot be derived (DatasetError) instead of throwing; each is passed to onInvalid. */
  skipInvalid?: boolean;
  onInvalid?: (error: DatasetError) => void;
}

export const DEFAULT_DERIVE_CACHE_DIR = ".harness/cache/evalplus";
const DERIVE_RUN_LIMITS: RunLimits = {
  cpuMs: 60_000,
  wallMs: 120_000,
  // EvalPlus lets the ground truth use 4 GiB; Mbpp/255's canonical solution needs more than 2.
  memoryMb: 4096,
  outputBytes: 256 << 20,
  processes: 4,
  fileBytes: 1 << 20,
};
/** EvalPlus records `out is not None` for these MBPP+ tasks, whose outputs are regex matches. */
const OUTPUT_NOT_NONE = new Set(["check_str", "text_match_three", "text_starta_endb"]);

const inputsSchema = z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
const schema = z.looseObject({
  task_id: z.string().regex(/^(Mbpp|HumanEval)\/\d+$/, "expected Mbpp/<n> or HumanEval/<n>"),
  prompt: z.string(),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/),
  canonical_solution: z.string(),
  base_input: inputsSchema,
  plus_input: inputsSchema.nullish(),
  atol: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/i)]).nullish(),
});

interface Derived {
  /** JSON text of the encoded outputs, as the derivation printed it. */
  outputs: string;
  count: number;
  /** CPU time of the canonical solution over all inputs, ms. */
  cpuMs: number;
}

/** Derives the expected outputs of each EvalPlus row in the sandbox and returns full-test problems. */
export async function deriveEvalPlusTests(rows: LocatedRow[], opts: DeriveOptions): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { row, at } of rows) {
    try {
      problems.push(await deriveOne(row, at, opts));
    } catch (err) {
      if (!(err instanceof DatasetError) || !opts.skipInvalid) throw err;
      opts.onInvalid?.(err);
    }
  }
  return problems;
}

async function deriveOne(row: Record<string, unknown>, at: RowLocation, opts: DeriveOptions): Promise<Problem> {
  const r = parseRow(schema, row, at);
  const dataset = r.task_id.startsWith("Mbpp/") ? "mbpp" : "humaneval";
  const taskNo = Number(r.task_id.split("/")[1]);
  const inputsJson = joinInputs(r.base_input, r.plus_input, at);
  const canonical = dataset === "humaneval" ? r.prompt + r.canonical_solution : r.canonical_solution;
  const atol = r.atol == null ? 0 : Number(r.atol);
  const request = { dataset, task_no: taskNo, entry_point: r.entry_point, output_not_none: dataset === "mbpp" && OUTPUT_NOT_NONE.has(r.entry_point) };
  const key = createHash("sha256").update(`${HARNESS_VERSION}\n${toPythonJson(row)}`).digest("hex");
  const cacheDir = opts.cacheDir ?? DEFAULT_DERIVE_CACHE_DIR;
  const derived = readCache(cacheDir, key) ?? writeCache(cacheDir, key, await runDerivation(canonical, inputsJson, request, at, opts));
  const factor = opts.timeFactor ?? 4;
  const problem: Problem = {
    id: r.task_id,
    statement: r.prompt,
    mode: "function",
    tests: [],
    test_code: buildCheckCode({ dataset, taskNo, entryPoint: r.entry_point, atol, inputsJson, expectedJson: derived.outputs }),
    entry_point: r.entry_point,
    time_limit_ms: Math.max(defaults.DEFAULT_TIME_LIMIT_MS, Math.ceil(factor * derived.cpuMs) + 1000),
    memory_limit_mb: defaults.DEFAULT_MEMORY_LIMIT_MB,
    checker: defaults.DEFAULT_CHECKER,
    languages: ["python"],
    source: dataset === "mbpp" ? "mbpp+" : "humaneval+",
    tags: [],
    solutions: [{ language: "python", code: canonical }],
  };
  if (dataset === "humaneval") problem.solution_prefix = r.prompt;
  return problem;
}

/** One JSON list of all inputs, base then plus, as Python-readable text. */
function joinInputs(base: unknown, plus: unknown, at: RowLocation): string {
  const part = (value: unknown, field: string): string => {
    if (value == null) return "";
    // MBPP+ writes an empty plus_input as {} in one row.
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return "";
    const text = typeof value === "string" ? value.trim() : toPythonJson(value);
    if (!text.startsWith("[") || !text.endsWith("]")) failField(at, field, "expected a list of argument lists");
    return text.slice(1, -1).trim();
  };
  const parts = [part(base, "base_input"), part(plus, "plus_input")].filter((p) => p !== "");
  if (parts.length === 0) failField(at, "base_input", "no inputs");
  return `[${parts.join(", ")}]`;
}

async function runDerivation(
  canonical: string,
  inputsJson: string,
  request: Record<string, unknown>,
  at: RowLocation,
  opts: DeriveOptions,
): Promise<Derived> {
  const source = { language: "python" as const, code: buildDeriveProgram(canonical) };
  const prepared = await opts.sandbox.prepare(source, opts.compileLimits ?? DEFAULT_COMPILE_LIMITS);
  if (!prepared.ok) throw new DatasetError(at.file, at.line, "canonical_solution", `does not compile: ${prepared.log.slice(0, 500)}`);
  const stdin = `{"inputs": ${JSON.stringify(inputsJson)}, ${Object.entries(request).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")}}`;
  const outcome = await opts.sandbox.run(prepared.program, { stdin }, opts.runLimits ?? DERIVE_RUN_LIMITS);
  if (outcome.termination !== "exited") {
    const why = outcome.stderr.trim().split("\n").slice(-3).join(" | ") || outcome.termination;
    throw new DatasetError(at.file, at.line, "canonical_solution", `failed in the sandbox while deriving outputs (${outcome.termination}): ${why}`);
  }
  const marker = outcome.stdout.lastIndexOf(`\n${OUTPUT_MARKER}\n`);
  const [header = "", outputs = ""] = marker === -1 ? [] : outcome.stdout.slice(marker + OUTPUT_MARKER.length + 2).split("\n");
  const count = marker === -1 ? Number.NaN : (JSON.parse(header) as { count: number }).count;
  if (!Number.isInteger(count) || !outputs.startsWith("[")) {
    throw new DatasetError(at.file, at.line, "canonical_solution", "the derivation printed no outputs");
  }
  return { outputs, count, cpuMs: outcome.timeMs };
}

function cachePath(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

function readCache(dir: string, key: string): Derived | null {
  try {
    const value = JSON.parse(readFileSync(cachePath(dir, key), "utf8")) as Derived;
    return typeof value.outputs === "string" && typeof value.cpuMs === "number" ? value : null;
  } catch {
    return null;
  }
}

function writeCache(dir: string, key: string, derived: Derived): Derived {
  mkdirSync(dir, { recursive: true });
  // Written aside then renamed, so a concurrent reader never sees half a file.
  const tmp = `${cachePath(dir, key)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(derived));
  renameSync(tmp, cachePath(dir, key));
  return derived;
}
