/**
 * The batched execute behind Piston's sessions (batch-session.ts): a prefix of a sample's upcoming
 * C++ stdio tests in one execute, through the batch runner (batch.ts: the request and its report).
 * It declines (null, and the session runs the test alone, as `run` would) whatever it cannot settle:
 * Python, tests with files, args or files to read back, a lone test, a server whose maxima leave no
 * room for the runner's compile and a test at its limits, a report it cannot read. A server whose
 * g++ cannot build the runner turns batching off for good; nothing is lost but the one execute.
 */
import type { PistonFile, PistonRuntime } from "../piston-wire.ts";
import type { CompileLimits, Language, RunInput, RunLimits, RunOutcome } from "../types.ts";
import { batchRequest, desiredStage, newBatchPlan, readBatchReport } from "./batch.ts";
import type { PistonClient } from "./client.ts";
import type { ServerMaxima } from "./maxima.ts";
import { failedCompile } from "./outcome.ts";

/** What a batch needs of a prepared program (the backend's handle, and its language). */
export interface BatchProgram {
  language: Language;
  runtime: PistonRuntime;
  main: PistonFile;
  extra: PistonFile[];
  compile: CompileLimits;
}

export interface BatcherDeps {
  client: Pick<PistonClient, "execute">;
  maxima: ServerMaxima;
  /** Extra time a request may take beyond its limits, ms. */
  slackMs: number;
  /** Bytes of test input per request, at most (stock Piston refuses bodies over 100 kB). */
  inputBytes: number;
  /** The servers' output cap per stream, as last stated (the report must fit in it). */
  outputCap(): number;
  noteOutputCap(cap: number): void;
}

export interface Batcher {
  /** Tests per execute, at most; below 2 nothing is batched (the backend sets it at self-test). */
  testsPerBatch: number;
  /** Outcomes of a non-empty prefix of `inputs`, or null where they are not batched. */
  run(program: BatchProgram, inputs: readonly RunInput[], limits: RunLimits): Promise<RunOutcome[] | null>;
}

export function createBatcher(deps: BatcherDeps, testsPerBatch: number): Batcher {
  let runnerBuilds = true;
  const batcher: Batcher = {
    testsPerBatch,
    async run(program, inputs, limits) {
      if (!runnerBuilds || program.language !== "cpp" || batcher.testsPerBatch < 2) return null;
      const taken = takeBatch(inputs, batcher.testsPerBatch, deps.inputBytes);
      if (taken.length < 2) return null;
      const plan = newBatchPlan(taken, limits, Math.floor(deps.outputCap() * 0.9));
      const want = desiredStage(program.compile, limits, taken.length);
      const { maxima } = deps;
      for (;;) {
        const stage = { wallMs: maxima.grant("run_timeout", want.wallMs), cpuMs: maxima.grant("run_cpu_time", want.cpuMs), memoryBytes: maxima.grant("run_memory_limit", want.memoryBytes) };
        // The stage must hold the runner's own compile and at least one test at its limits.
        if (stage.memoryBytes < limits.memoryMb * 1024 * 1024 || stage.wallMs < limits.wallMs * 2 || stage.cpuMs < limits.cpuMs * 2) return null;
        const request = maxima.apply(batchRequest(program.runtime, program.main.content, program.extra, plan, program.compile, stage));
        let answer;
        try {
          answer = await deps.client.execute(request, program.compile.wallMs + stage.wallMs + 2000 + deps.slackMs);
        } catch (err) {
          if (maxima.learn(err)) continue; // a limit the server refuses: asked again within its maxima
          throw err;
        }
        if (answer.outputCap !== null) deps.noteOutputCap(answer.outputCap);
        if (failedCompile(answer.body.compile)) {
          runnerBuilds = false;
          return null;
        }
        const report = readBatchReport(answer.body.run.stdout, plan);
        return "outcomes" in report ? report.outcomes : null;
      }
    },
  };
  return batcher;
}

/** The stdin of the leading plain tests (stdin only), as many as fit in one request. */
function takeBatch(inputs: readonly RunInput[], most: number, inputBytes: number): string[] {
  const taken: string[] = [];
  let bytes = 0;
  for (const input of inputs.slice(0, most)) {
    if (input.files || input.collect || input.args?.length) break;
    bytes += Buffer.byteLength(input.stdin ?? "", "utf8") + 16;
    if (taken.length > 0 && bytes > inputBytes) break;
    taken.push(input.stdin ?? "");
  }
  return taken;
}
