/**
 * The `POST /api/v2/execute-pair` extension (stock Piston has none): two execute bodies run at once
 * through the sandbox's `runPair`, each in a sandbox of its own, the stdout of each piped into the
 * stdin of the other. It lets a Piston client judge function-mode and interactive problems, which
 * need the untrusted program and a trusted peer joined by pipes.
 */
import type { PistonPairResponse } from "../../judges/piston-wire.ts";
import type { Sandbox } from "../../judges/types.ts";
import { failedCompileResponse, prepareJob, responseOf, runLimitsOf, runStage, stage } from "./execute.ts";
import type { ServedRuntime } from "./runtimes.ts";
import { type ExecuteJob, ExecuteRequestError, parseExecuteRequest, type PistonServerLimits } from "./validate.ts";

export interface PairJob {
  program: ExecuteJob;
  peer: ExecuteJob;
}

/** Checks a pair body: `program` and `peer`, each under `/execute`'s rules (the message names the side). */
export function parsePairRequest(body: unknown, runtimes: readonly ServedRuntime[], limits: PistonServerLimits): PairJob {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ExecuteRequestError("request body must be a JSON object");
  const b = body as Record<string, unknown>;
  const side = (name: "program" | "peer"): ExecuteJob => {
    if (typeof b[name] !== "object" || b[name] === null) throw new ExecuteRequestError(`${name} is required as an execute body`);
    try {
      return parseExecuteRequest(b[name], runtimes, limits);
    } catch (err) {
      if (err instanceof ExecuteRequestError) throw new ExecuteRequestError(`${name}: ${err.message}`);
      throw err;
    }
  };
  return { program: side("program"), peer: side("peer") };
}

/** Prepares both sides, then runs them joined; a side that fails to compile leaves both unrun. */
export async function executePairJob(sandbox: Sandbox, job: PairJob, limits: PistonServerLimits): Promise<PistonPairResponse> {
  if (!sandbox.runPair) throw new Error(`the ${sandbox.name} sandbox has no runPair`);
  const [program, peer] = await Promise.all([prepareJob(sandbox, job.program, limits), prepareJob(sandbox, job.peer, limits)]);
  if (!program.prepared.ok || !peer.prepared.ok) {
    const notRun = stage({ status: "XX", message: "not run: the other side of the pair failed to compile" });
    const side = (j: ExecuteJob, p: typeof program) => (p.prepared.ok ? responseOf(j, p.prepared, notRun) : failedCompileResponse(j, p.prepared));
    return { program: side(job.program, program), peer: side(job.peer, peer) };
  }
  const outcome = await sandbox.runPair(
    { program: program.prepared.program, files: program.files, args: job.program.args, collect: job.program.collect, limits: runLimitsOf(job.program, limits) },
    { program: peer.prepared.program, files: peer.files, args: job.peer.args, collect: job.peer.collect, limits: runLimitsOf(job.peer, limits) },
  );
  return {
    program: responseOf(job.program, program.prepared, runStage(outcome.program)),
    peer: responseOf(job.peer, peer.prepared, runStage(outcome.peer)),
  };
}
