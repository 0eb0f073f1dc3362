/** Runs the C++ function kit on the local sandbox: plan, compile both sides, runPair, interpret. */
import { readFileSync } from "node:fs";
import { multipleFormat } from "../../../datasets/formats/multiple.ts";
import { cppFunctionKit } from "../../../judges/function/cpp/index.ts";
import type { GradeTask, RunLimits, Sandbox, Verdict } from "../../../judges/types.ts";

export const COMPILE_LIMITS = { cpuMs: 60_000, wallMs: 120_000, memoryMb: 2048, logBytes: 64 << 10 };
export const LIMITS: RunLimits = { cpuMs: 2000, wallMs: 10_000, memoryMb: 256, outputBytes: 1 << 20, processes: 4, fileBytes: 1 << 20 };

/** A function-mode task from a MultiPL-E prompt and its tests (the leading `}` already dropped). */
export function cppTask(prelude: string, entryPoint: string, testCode: string): GradeTask {
  return { mode: "function", tests: [], testCode, prelude, entryPoint, limits: LIMITS };
}

export interface PairResult {
  verdict: Verdict;
  message?: string;
  testerStderr: string;
  programStderr: string;
}

export async function judgeCpp(sandbox: Sandbox, task: GradeTask, code: string): Promise<PairResult> {
  const plan = cppFunctionKit.plan(task, { language: "cpp", code });
  const [program, peer] = await Promise.all([sandbox.prepare(plan.program, COMPILE_LIMITS), sandbox.prepare(plan.peer, COMPILE_LIMITS)]);
  if (!peer.ok) throw new Error(`the tester does not compile:\n${peer.log}`);
  if (!program.ok) return { verdict: "CE", message: program.log, testerStderr: "", programStderr: "" };
  if (!sandbox.runPair) throw new Error("this sandbox has no runPair");
  const outcome = await sandbox.runPair({ program: program.program, limits: task.limits }, { program: peer.program, limits: task.limits });
  const result = cppFunctionKit.interpret(outcome);
  return { ...result, testerStderr: outcome.peer.stderr, programStderr: outcome.program.stderr };
}

export type CppRow = GradeTask & { prompt: string };

function loadRows(path: string): Map<string, CppRow> {
  const tasks = new Map<string, CppRow>();
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      const problem = multipleFormat.convert(JSON.parse(line), { file: path, line: i + 1 });
      if (!problem.languages.includes("cpp")) return;
      const task = cppTask(problem.solution_prefix ?? "", problem.entry_point ?? "", problem.test_code ?? "");
      tasks.set(problem.id, { ...task, prompt: problem.solution_prefix ?? "" });
    });
  return tasks;
}

const shipped = loadRows(new URL("../../datasets/fixtures/multipl-e.jsonl", import.meta.url).pathname);
const published = loadRows(new URL("./fixtures/multipl-e-cpp.jsonl", import.meta.url).pathname);

/** A MultiPL-E C++ row from the shipped dataset fixture or the published rows kept for these tests. */
export function cppRow(id: string): CppRow {
  const task = shipped.get(id) ?? published.get(id);
  if (!task) throw new Error(`no fixture row ${id}`);
  return task;
}

/** A completion as MultiPL-E scores it: the prompt, the body, the closing brace. */
export function completeCppRow(id: string, body: string): string {
  return `${cppRow(id).prompt}${body}\n}\n`;
}
